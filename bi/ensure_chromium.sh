#!/usr/bin/env bash
# Install Debian's headless browser and its driver when missing: /usr/bin/chromium and /usr/bin/chromedriver,
# which bi/check_dashboard.py and the end-to-end test drive. Needs root (or password-less sudo) for apt-get.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    exit 0
fi
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "bi/ensure_chromium.sh: installing chromium and chromium-driver with apt-get" >&2
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q chromium chromium-driver fonts-dejavu-core
