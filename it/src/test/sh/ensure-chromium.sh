#!/usr/bin/env bash
# The dashboard's browser tests drive Debian's Chromium through its ChromeDriver (packages chromium
# and chromium-driver). Installs them when they are missing and this runs as root with apt-get;
# otherwise says what to install. A test tool's own browser download is not an option here: the
# machines this project runs on reach Maven Central, npm and Debian's mirrors only.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium and chromium-driver for the browser tests"
    apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }
    exit 0
fi
echo "The browser tests need Chromium and ChromeDriver: sudo apt-get install chromium chromium-driver" >&2
exit 1
