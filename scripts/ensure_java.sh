#!/usr/bin/env bash
# Make sure a Java runtime that Spark 4 can use (17 or newer) is on PATH; when there is none, install Debian's
# headless OpenJDK 17 with apt-get (CI and fresh machines; needs root). Prints the `java -version` line.
set -euo pipefail

java_major() {
    command -v java >/dev/null 2>&1 || return 1
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

major="$(java_major || true)"
if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure_java: Spark needs Java 17 or newer, and apt-get as root is not available to install it" >&2
        exit 1
    fi
    echo "ensure_java: installing openjdk-17-jre-headless with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >&2
fi
java -version 2>&1 | head -1
