#!/bin/sh
# The browser tests drive Debian's chromium. Install it when it is missing and we may (root, apt).
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "note: chromium is not installed and cannot be installed here; the browser tests will skip" >&2
