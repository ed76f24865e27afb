#!/usr/bin/env bash
# The import benchmark: `atlas import` on generated county files of 10,000, 50,000 and 250,000
# school rows, run one after the other so the machine's load weighs on each alike. Prints, per
# size, the wall time and the peak memory (maximum resident set, from /usr/bin/time), and the time
# per 10,000 rows: equal times per 10,000 rows mean the import grows linearly.
#
# A snapshot of more than about 45,000 schools is larger than the 32 MiB a published file may be,
# so the 250,000-row import ends refused by validation (file_too_large) — after reading every row,
# building the snapshot and writing its JSON in memory, which is what is timed.
#
#   bench/import.sh [ROWS…]     (default: 10000 50000 250000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"
nice -n 10 cargo build --release -q -p atlas-cli
nice -n 10 cargo build --release -q -p atlas-core --example import_bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000 250000)
printf '%10s %10s %10s %12s %14s  %s\n' rows schools seconds "MB peak" "s/10k rows" outcome
for rows in "${sizes[@]}"; do
    dir="$work/$rows"
    schools=$("$target/release/examples/import_bench" "$rows" "$dir" | sed 's/.*, \([0-9]*\) schools/\1/')
    set +e
    nice -n 10 /usr/bin/time -f '%e %M' -o "$dir/time" "$target/release/atlas" import \
        --meta "$dir/meta.json" --schools "$dir/schools.csv" --townships "$dir/townships.csv" \
        --population "$dir/population.csv" -o "$dir/out.json" > "$dir/log" 2>&1
    code=$?
    set -e
    read -r seconds kb < <(tail -n 1 "$dir/time")
    if [ "$code" = 0 ]; then outcome="written, $(stat -c %s "$dir/out.json") bytes"
    else outcome="refused ($code): $(grep -o 'error\[[a-z_]*\]' "$dir/log" | sort -u | tr '\n' ' ' || true)"; fi
    awk -v r="$rows" -v s="$schools" -v t="$seconds" -v k="$kb" -v o="$outcome" \
        'BEGIN { printf "%10d %10d %10.2f %12.0f %14.3f  %s\n", r, s, t, k / 1024, t / (r / 10000), o }'
done
