#!/usr/bin/env bash
# MS Project XML read by a real reader (called by .ci/run): every example project, with
# promised and with statutory limits (and the one overlap measure switched on), is written
# with `shenpi plan --format mspdi` and checked by check.py with MPXJ, which reads the file
# and schedules it again. Installs only what is missing: a Java runtime from Debian, and
# MPXJ with JPype in a virtual environment under the target directory (versions pinned).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$@"
}
command -v java >/dev/null || apt_install default-jre-headless
python3 -c "import venv, ensurepip" 2>/dev/null || apt_install python3-venv

venv="$target/mpxj-venv"
if ! "$venv/bin/python" -c "import mpxj, jpype" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "mpxj==16.10.0" "JPype1==1.7.1"
fi

cargo build --quiet --bin shenpi
shenpi="$target/debug/shenpi"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for project in examples/*/*.toml; do
  case=$(echo "${project#examples/}" | tr '/' '_')
  case=${case%.toml}
  for variant in promised legal; do
    args=()
    [ "$variant" = legal ] && args+=(--legal)
    "$shenpi" plan "$project" "${args[@]}" --format mspdi -o "$out/$case.$variant.xml" 2>/dev/null
    "$shenpi" plan "$project" "${args[@]}" --format json -o "$out/$case.$variant.json" 2>/dev/null
  done
done
# The overlap measure (分阶段核发施工许可) is off by default: its SS and FF links to the same
# item become one link.
overlap=examples/hunan-changsha-wangcheng-2021/social-general.toml
"$shenpi" plan "$overlap" --measure phased-construction-permit=on --format mspdi -o "$out/overlap.xml" 2>/dev/null
"$shenpi" plan "$overlap" --measure phased-construction-permit=on --format json -o "$out/overlap.json" 2>/dev/null
for year in $(seq 2019 2026); do
  "$shenpi" calendar list "$year" --format json -o "$out/calendar-$year.json"
done

"$venv/bin/python" "$here/check.py" "$out"
