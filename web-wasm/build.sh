#!/usr/bin/env bash
# Builds the in-browser planner into web-wasm/dist: the size-optimised wasm, its JS glue
# (wasm-bindgen, names and producers sections removed) and the static page from www/.
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the Cargo.lock version
# (web-wasm/ci.sh installs both). Honours CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
target_dir=${CARGO_TARGET_DIR:-$root/target}
dist="$here/dist"
budget_gzip=$((200 * 1024))

cd "$root"
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$want" ]; then
  echo "build.sh: wasm-bindgen $want is needed (found: ${have:-none}); run web-wasm/ci.sh or" >&2
  echo "  cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shenpi-wasm
wasm="$target_dir/wasm32-unknown-unknown/wasm/shenpi_wasm.wasm"

rm -rf "$dist"
mkdir -p "$dist/pkg"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$dist/pkg" "$wasm"
cp -R "$here/www/." "$dist/"

bg="$dist/pkg/shenpi_wasm_bg.wasm"
raw=$(wc -c < "$bg")
gz=$(gzip -9 -c "$bg" | wc -c)
glue=$(wc -c < "$dist/pkg/shenpi_wasm.js")
page=$(cat "$dist"/*.html "$dist"/*.js "$dist"/*.css | wc -c)
page_gz=$(cat "$dist"/*.html "$dist"/*.js "$dist"/*.css "$dist/pkg/shenpi_wasm.js" | gzip -9 | wc -c)
{
  echo "shenpi_wasm_bg.wasm: $raw bytes, $gz bytes gzip -9"
  echo "shenpi_wasm.js (glue): $glue bytes"
  echo "page (html+js+css): $page bytes; with glue, gzip -9: $page_gz bytes"
} | tee "$dist/sizes.txt"
if [ "$gz" -gt "$budget_gzip" ]; then
  # Reported, not fatal: BENCHMARKS.md records the measured size against the budget.
  echo "build.sh: OVER BUDGET: the wasm is $gz bytes gzipped (budget $budget_gzip)" | tee -a "$dist/sizes.txt" >&2
fi
