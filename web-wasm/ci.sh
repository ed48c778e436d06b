#!/usr/bin/env bash
# The web part of CI (called by .ci/run): toolchain, build, end-to-end tests in headless
# Chromium. Installs only what is missing: the wasm32 target, wasm-bindgen-cli at exactly
# the wasm-bindgen version in Cargo.lock, chromium and a CJK font from Debian, playwright-core
# from npm (no browser download). Artefacts: web-wasm/e2e/artifacts/ (screenshots, perf.json).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "ci.sh: installing wasm-bindgen-cli $want (found: ${have:-none})"
  # --locked can fail when the registry mirror lacks the newest pinned dependency.
  cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
fi

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "$@"
}
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
# Chinese text in the screenshots needs a CJK font (the page itself loads no web font).
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi

"$here/build.sh"

cd "$here/e2e"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
node e2e.mjs
