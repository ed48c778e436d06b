#!/usr/bin/env bash
# Builds the in-browser planner into web-wasm/dist: two size-optimised modules from the one
# crate, their JS glue (wasm-bindgen, names and producers sections removed) and the static
# page from www/.
#   pkg/shenpi_wasm*    the planner (default features): loaded at start, built-in rulesets
#                       precompiled, no TOML reader. Its gzip size is the budget.
#   pkg/shenpi_bureau*  the bureau module (feature `bureau`): rulesets as TOML text, `check`,
#                       `ruleset_text`; the page imports it on demand.
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the Cargo.lock version
# (web-wasm/ci.sh installs both). Honours CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
target_dir=${CARGO_TARGET_DIR:-$root/target}
dist="$here/dist"
# 200 KB read strictly as 200,000 bytes (not 200 KiB).
budget_gzip=200000

cd "$root"
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$want" ]; then
  echo "build.sh: wasm-bindgen $want is needed (found: ${have:-none}); run web-wasm/ci.sh or" >&2
  echo "  cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

rm -rf "$dist"
mkdir -p "$dist/pkg"
wasm="$target_dir/wasm32-unknown-unknown/wasm/shenpi_wasm.wasm"
# build OUT_NAME [CARGO ARGS...]: one module (both builds write the same cargo artefact, so
# each is bound before the next build).
build() {
  local name=$1
  shift
  cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shenpi-wasm "$@"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$dist/pkg" --out-name "$name" "$wasm"
}
build shenpi_wasm
# The built-ins the planner embeds only the default of: beside it, fetched when a visitor
# chooses another (build.rs wrote them into its OUT_DIR, which cargo's messages name).
out_dir=$(cargo build --locked --profile wasm --target wasm32-unknown-unknown -p shenpi-wasm \
  --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "build-script-executed" and "shenpi-wasm" in m.get("package_id", ""):
        print(m["out_dir"])')
cp "$out_dir/builtins.postcard" "$dist/pkg/builtins.postcard"
build shenpi_bureau --features bureau
cp -R "$here/www/." "$dist/"

gz() { gzip -9 -c "$1" | wc -c; }
planner="$dist/pkg/shenpi_wasm_bg.wasm"
bureau="$dist/pkg/shenpi_bureau_bg.wasm"
planner_gz=$(gz "$planner")
page=$(cat "$dist"/*.html "$dist"/*.js "$dist"/*.css | wc -c)
page_gz=$(cat "$dist"/*.html "$dist"/*.js "$dist"/*.css "$dist/pkg/shenpi_wasm.js" | gzip -9 | wc -c)
{
  echo "shenpi_wasm_bg.wasm (planner, loaded at start): $(wc -c < "$planner") bytes, $planner_gz bytes gzip -9"
  echo "shenpi_bureau_bg.wasm (bureau, on demand): $(wc -c < "$bureau") bytes, $(gz "$bureau") bytes gzip -9"
  echo "shenpi_wasm.js (planner glue): $(wc -c < "$dist/pkg/shenpi_wasm.js") bytes; shenpi_bureau.js: $(wc -c < "$dist/pkg/shenpi_bureau.js") bytes"
  echo "builtins.postcard (the other built-ins, on demand): $(wc -c < "$dist/pkg/builtins.postcard") bytes, $(gz "$dist/pkg/builtins.postcard") bytes gzip -9"
  echo "page (html+js+css): $page bytes; with the planner glue, gzip -9: $page_gz bytes"
} | tee "$dist/sizes.txt"
if [ "$planner_gz" -gt "$budget_gzip" ]; then
  # Reported, not fatal: BENCHMARKS.md records the measured size against the budget.
  echo "build.sh: OVER BUDGET: the planner module is $planner_gz bytes gzipped (budget $budget_gzip)" | tee -a "$dist/sizes.txt" >&2
fi
