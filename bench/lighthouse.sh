#!/usr/bin/env bash
# Speed budget benchmark (issue 4): release build, served from 127.0.0.1 with brotli, Lighthouse
# (npm, default mobile mode with its simulated slow 4G and 4x CPU slowdown) on / and /map in the
# Debian Chromium, and the sizes of what a phone downloads after brotli.
#
#   bench/lighthouse.sh [--no-build] [--runs N]
#
# Budget: performance score >= 0.90 on / and >= 0.85 on /map; app wasm <= 250 KB brotli; the
# first screen of / downloads no ECharts. The script reports each figure against its target; it
# does not fail the build. JSON reports go to bench/results/ (git-ignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.ci/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

build=1
runs="${BENCH_RUNS:-3}"
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --runs) runs="$2"; shift 2 ;;
        *) echo "usage: bench/lighthouse.sh [--no-build] [--runs N]" >&2; exit 2 ;;
    esac
done

results="$root/bench/results"
mkdir -p "$results"
chrome="${CHROME_PATH:-$(command -v chromium || true)}"
[ -x "$chrome" ] || { echo "bench: Chromium not found (run .ci/install)" >&2; exit 1; }
lighthouse="$root/node_modules/.bin/lighthouse"
[ -x "$lighthouse" ] || { echo "bench: Lighthouse not found in node_modules (run .ci/install)" >&2; exit 1; }

dist="${ATLAS_DIST_DIR:-$root/dist}"
if [ $build -eq 1 ]; then
    echo "==> Release build (sample data) into $dist"
    ATLAS_DATA_DIR="$root/public/data" trunk build --release --offline --dist "$dist"
fi
[ -f "$dist/index.html" ] || { echo "bench: no build in $dist (run without --no-build)" >&2; exit 1; }

# Serve a precompressed copy of dist/, as a CDN would (brotli, gzip for older browsers).
site="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    rm -rf "$site"
}
trap cleanup EXIT
cp -R "$dist/." "$site/"
rm -rf "$site/.stage"
"$root/dev" precompress "$site" >/dev/null
"$root/dev" precompress "$site/data" >/dev/null

echo "==> Static server (precompressed files) on 127.0.0.1"
cargo build --quiet -p atlas-browser-tests --bin atlas-static-server
server_log="$results/server.log"
"${CARGO_TARGET_DIR:-$root/target}/debug/atlas-static-server" "$site" --port 0 >"$server_log" 2>&1 &
server_pid=$!
origin=""
for _ in $(seq 1 100); do
    origin="$(sed -n 's|^serving .* at \(http://127.0.0.1:[0-9]*\)/$|\1|p' "$server_log")"
    [ -n "$origin" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$server_log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$origin" ] || { echo "bench: the static server did not start" >&2; exit 1; }
echo "    $origin"

# The same isolation as the browser tests: fresh profile (Lighthouse makes one), nothing but
# 127.0.0.1 resolves, no background traffic.
chrome_flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
--disable-component-update --disable-sync --disable-extensions --no-first-run --disable-quic \
--host-resolver-rules=\"MAP * ~NOTFOUND , EXCLUDE 127.0.0.1\""

reports=()
for page in home map; do
    path=/
    [ "$page" = map ] && path=/map
    for run in $(seq 1 "$runs"); do
        out="$results/lighthouse-$page-$run.json"
        echo "==> Lighthouse $path (run $run of $runs)"
        CHROME_PATH="$chrome" "$lighthouse" "$origin$path" \
            --quiet --output=json --output-path="$out" --only-categories=performance \
            --chrome-flags="$chrome_flags" --max-wait-for-load=60000 >/dev/null
        reports+=("$page=$out")
    done
done

node "$root/bench/summarize.mjs" "$site" "${reports[@]}" | tee "$results/summary.txt"
