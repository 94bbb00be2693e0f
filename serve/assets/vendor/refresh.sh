#!/usr/bin/env bash
# Refreshes the vendored d3 (v7) of the explorer page from npm: d3.min.js,
# its LICENSE, and VERSION with the version and the SHA-256 of d3.min.js.
# Needs npm only here; building saddle never needs Node.
# Usage: serve/assets/vendor/refresh.sh [VERSION-SPEC]   (default d3@7)
set -euo pipefail
spec="${1:-d3@7}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
tgz="$(npm pack --silent "$spec")"
tar xzf "$tgz"
version="$(node -p 'require("./package/package.json").version')"
cp package/dist/d3.min.js "$here/d3.min.js.tmp"
cp package/LICENSE "$here/LICENSE.d3.tmp"
sum="$(sha256sum "$here/d3.min.js.tmp" | cut -d' ' -f1)"
printf 'd3 %s (npm pack %s)\nsha256 %s  d3.min.js\n' "$version" "$spec" "$sum" > "$here/VERSION.tmp"
mv "$here/d3.min.js.tmp" "$here/d3.min.js"
mv "$here/LICENSE.d3.tmp" "$here/LICENSE.d3"
mv "$here/VERSION.tmp" "$here/VERSION"
echo "d3 $version, sha256 $sum"
