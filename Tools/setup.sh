#!/usr/bin/env bash
# Installs what datapakke needs and is missing: libxlsxwriter (C), a Danish locale for the locale test,
# unzip and openpyxl for reading workbooks back in the tests, Chromium with its driver and Selenium for
# the download page's browser test. Safe to run again: it only installs what is absent.
set -euo pipefail

sudo_if_needed() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root to run: $*" >&2; exit 1; fi
}

apt_packages=()
pkg-config --exists xlsxwriter 2>/dev/null || apt_packages+=(libxlsxwriter-dev zlib1g-dev pkg-config)
command -v unzip >/dev/null || apt_packages+=(unzip)
[ -f /usr/share/i18n/SUPPORTED ] && command -v locale-gen >/dev/null || apt_packages+=(locales)
[ -x /usr/bin/time ] || apt_packages+=(time)
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
if [ "${#apt_packages[@]}" -gt 0 ]; then
    echo "setup: installing ${apt_packages[*]}"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if ! locale -a 2>/dev/null | grep -qi '^da_DK\.utf-\?8$'; then
    echo "setup: generating the da_DK.UTF-8 locale (used by the locale test)"
    sudo_if_needed sed -i 's/^# *da_DK.UTF-8 UTF-8/da_DK.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^da_DK.UTF-8 UTF-8' /etc/locale.gen || echo 'da_DK.UTF-8 UTF-8' | sudo_if_needed tee -a /etc/locale.gen >/dev/null
    sudo_if_needed locale-gen >/dev/null
fi

for module in openpyxl selenium; do
    if ! python3 -c "import $module" 2>/dev/null; then
        echo "setup: installing $module (workbook reader / browser driver for the tests)"
        python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$module"
    fi
done
