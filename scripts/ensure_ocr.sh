#!/usr/bin/env bash
# Make sure OCR can run: Tesseract with its Vietnamese model (Debian tesseract-ocr, tesseract-ocr-vie) and the
# DejaVu fonts the tests print their PDFs with. When something is missing and apt-get runs as root (CI, fresh
# machines), install it; otherwise say exactly what is missing and exit 1 (the caller goes on: a build without
# OCR reads everything but scanned pages, which it rejects with that reason).
set -euo pipefail

missing() {
    local need=()
    if ! command -v tesseract >/dev/null 2>&1; then
        need+=(tesseract-ocr tesseract-ocr-vie)
    elif ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
        need+=(tesseract-ocr-vie)
    fi
    if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
        need+=(fonts-dejavu-core)
    fi
    echo "${need[@]:-}"
}

need="$(missing)"
if [ -z "$need" ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_ocr: missing Debian package(s): $need; install them (apt-get install $need) to read scanned PDFs" >&2
    exit 1
fi
echo "ensure_ocr: installing $need with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
# shellcheck disable=SC2086
if ! apt-get install -y -qq --no-install-recommends $need >&2; then
    echo "ensure_ocr: could not install $need; scanned PDFs and page images will be rejected" >&2
    exit 1
fi
need="$(missing)"
if [ -n "$need" ]; then
    echo "ensure_ocr: still missing after apt-get: $need" >&2
    exit 1
fi
