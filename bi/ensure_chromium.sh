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
# wait for another apt-get or dpkg (the machine may be installing something else) instead of failing at once
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
echo "bi/ensure_chromium.sh: installing chromium and chromium-driver with apt-get" >&2
for attempt in 1 2; do
    if "${apt[@]}" update && "${apt[@]}" install -y chromium chromium-driver fonts-dejavu-core; then
        break
    fi
    if [[ $attempt -eq 2 ]]; then
        echo "bi/ensure_chromium.sh: apt-get failed twice" >&2
        exit 1
    fi
    sleep 10
done
/usr/bin/chromedriver --version >&2
