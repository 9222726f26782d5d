#!/usr/bin/env bash
# Opens a workbook in LibreOffice (headless), converts it to PDF and the pages to PNG, so a person can
# look at it: no repair prompt, readable charts. Needs libreoffice-calc and poppler-utils (installed
# here when missing; about 300 MB, so not part of the test setup).
set -euo pipefail
file=${1:?usage: Tools/render-pdf.sh WORKBOOK.xlsx [OUTDIR]}
out=${2:-out/pdf}
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    # Through env, because sudo does not pass DEBIAN_FRONTEND on.
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc poppler-utils fonts-crosextra-carlito >/dev/null
fi
mkdir -p "$out"
timeout 300 soffice --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
pdf="$out/$(basename "${file%.xlsx}").pdf"
pdftoppm -png -r 70 "$pdf" "${pdf%.pdf}-side"
echo "$pdf: $(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages; PNG pages in $out/"
