#!/usr/bin/env bash
# Prints how long datapakke takes on the shipped data and how much memory it uses: a full build of
# the 17 councils, a rebuild with nothing changed, and the 22 clusters of 2022. Each run 3 times;
# the median is printed. Figures, not pass/fail: compare them between versions.
set -euo pipefail
bin=${1:-.build/release/datapakke}
[ -x "$bin" ] || { echo "benchmark: build first (make build); $bin not found" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # label, then the command; prints median seconds and max RSS
    local label=$1; shift
    local times=() rss=0
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || { echo "benchmark: '$*' failed" >&2; exit 1; }
        read -r seconds kilobytes < "$work/time"
        times+=("$seconds")
        [ "$kilobytes" -gt "$rss" ] && rss=$kilobytes
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    printf '%-48s %6s s   max %5d MB\n' "$label" "$median" $((rss / 1024))
}

command -v /usr/bin/time >/dev/null 2>&1 || { echo "benchmark: needs GNU time (apt-get install time)" >&2; exit 1; }
echo "datapakke benchmark on $(nproc) cores ($(date -u +%Y-%m-%d))"
measure "check (validate all inputs)" "$bin" check
measure "build, 17 councils (--force)" "$bin" build --force --out "$work/raad"
measure "rebuild, 17 councils, nothing changed" "$bin" build --out "$work/raad"
measure "build, 22 clusters of 2022 (--force)" "$bin" build --force --definitions ClusterDefinitions/sundhedsklynger-2022.yaml --out "$work/klynger"
measure "build, 17 councils, one job (--force --jobs 1)" "$bin" build --force --jobs 1 --out "$work/raad1"
size=$(du -sk "$work/raad" | cut -f1)
echo "output of the 17 councils: $((size / 1024)) MB in $(ls "$work/raad" | wc -l) files"
