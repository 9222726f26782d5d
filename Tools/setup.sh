#!/usr/bin/env bash
# Installs what datapakke needs and is missing, on Debian 12. Two modes:
#
#   Tools/setup.sh run    (make setup, make run)  building and running: libxlsxwriter-dev, zlib1g-dev,
#                         pkg-config. No browser, no locale, no Python.
#   Tools/setup.sh test   (make setup-test, make test)  the above, and the test tools: unzip, GNU time,
#                         the da_DK.UTF-8 locale (locale test), Chromium and chromedriver (download page
#                         test), and a project-local Python environment .venv/ with the pinned openpyxl
#                         (reads workbooks back) and Selenium (drives the browser) of
#                         Tools/requirements-test.txt. Debian's own Python is externally managed (PEP 668),
#                         so nothing is installed into it.
#
# Safe to run again: it looks before it installs, and does nothing when everything is there.
# Debian packages need root: run as root, or as a user with sudo. The .venv/ belongs to the caller.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
case "$mode" in
    run | test) ;;
    *) echo "usage: Tools/setup.sh [run|test]" >&2; exit 64 ;;
esac

sudo_if_needed() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "setup: need root to run: $*" >&2
        echo "setup: run this as root, or install sudo, or install the packages yourself" >&2
        exit 1
    fi
}

# sudo does not pass the caller's environment on, so DEBIAN_FRONTEND goes in through env.
apt_updated=false
apt_install() {
    echo "setup: installing $*"
    if ! $apt_updated; then
        sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=true
    fi
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

installed() {  # a Debian package is installed
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

has_pkg_config_module() {
    command -v pkg-config >/dev/null && pkg-config --exists "$1"
}

# Building and running.
packages=()
command -v pkg-config >/dev/null || packages+=(pkg-config)
has_pkg_config_module xlsxwriter || installed libxlsxwriter-dev || packages+=(libxlsxwriter-dev)
has_pkg_config_module zlib || installed zlib1g-dev || packages+=(zlib1g-dev)

# The tests' tools. The browser test looks for exactly /usr/bin/chromium and /usr/bin/chromedriver.
if [ "$mode" = test ]; then
    command -v unzip >/dev/null || packages+=(unzip)
    [ -x /usr/bin/time ] || packages+=(time)
    command -v locale-gen >/dev/null && [ -f /usr/share/i18n/SUPPORTED ] || packages+=(locales)
    [ -x /usr/bin/chromium ] || packages+=(chromium)
    [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
fi
if [ "${#packages[@]}" -gt 0 ]; then
    apt_install "${packages[@]}"
fi
[ "$mode" = test ] || exit 0

if ! locale -a 2>/dev/null | grep -qi '^da_DK\.utf-\?8$'; then
    echo "setup: generating the da_DK.UTF-8 locale (used by the locale test)"
    sudo_if_needed sed -i 's/^# *da_DK.UTF-8 UTF-8/da_DK.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^da_DK.UTF-8 UTF-8' /etc/locale.gen || echo 'da_DK.UTF-8 UTF-8' | sudo_if_needed tee -a /etc/locale.gen >/dev/null
    sudo_if_needed locale-gen >/dev/null
fi

# The tests run `python3` with .venv/bin first on PATH (see the Makefile), so they get this one.
venv=.venv
requirements=Tools/requirements-test.txt
if ! "$venv/bin/python3" -c 'import sys' 2>/dev/null; then
    rm -rf "$venv"
    echo "setup: creating the Python environment $venv/"
    # On Debian the venv module works only with python3-venv installed (it brings ensurepip and pip);
    # a machine without any python3 gets it from the same package.
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
fi
# Installed when a module is missing or the pins changed since the last install.
if ! cmp -s "$requirements" "$venv/.requirements-test.txt" || ! "$venv/bin/python3" -c 'import openpyxl, selenium' 2>/dev/null; then
    echo "setup: installing $(sed 's/#.*//' "$requirements" | xargs) into $venv/"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/.requirements-test.txt"
fi
