#!/usr/bin/env bash
# Times the `nightly` command line from cold on the scale data, next to the floor measured in the same run
# (one JVM start plus a bare Jackson streaming pass over the same files), and prints the best of N runs.
#   tools/cli-speed.sh [DATA_DIR] [RUNS]
# DATA_DIR (default /dev/shm/nightly-cli-speed) is made by
#   java -cp benchmarks/target/benchmarks.jar dev.nightly.benchmarks.WriteHawdHistory DATA_DIR 10000
# when it is missing. Runs the jar through ./nightly (the launcher, with its class data archive) unless
# NIGHTLY_CMD says otherwise, e.g. NIGHTLY_CMD="java -jar cli/target/nightly.jar".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/dev/shm/nightly-cli-speed}"
runs="${2:-3}"
bench_jar="$root/benchmarks/target/benchmarks.jar"
nightly=(${NIGHTLY_CMD:-$root/nightly})
[ -d "$data/exports" ] || java -cp "$bench_jar" dev.nightly.benchmarks.WriteHawdHistory "$data" 10000
work="$data/work"
rm -rf "$work"; mkdir -p "$work"

# The best of $runs wall times, in seconds; $2... is the command, $1 runs before each (setup, not timed).
best() {
    local setup="$1"; shift
    local best_s=""
    for _ in $(seq "$runs"); do
        eval "$setup"
        local start end s
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        s=$(echo "$end - $start" | bc)
        if [ -z "$best_s" ] || (( $(echo "$s < $best_s" | bc) )); then best_s=$s; fi
    done
    printf '%.2f' "$best_s"
}

"${nightly[@]}" --version >/dev/null   # builds the jar (and archive) if needed: not timed
echo "load before: $(uptime | sed 's/.*load average/load average/')"
floor=$(best : java -cp "$bench_jar" dev.nightly.benchmarks.JacksonFloor "$data"/exports/*.json)
version=$(best : "${nightly[@]}" --version)
ingest=$(best "rm -rf $work/store" "${nightly[@]}" bench ingest --history "$work/store" --build 1 \
    --definitions "$data/hawd_defs" "$data"/exports/*.json)
export_s=$(best : "${nightly[@]}" bench export --history "$work/store")
report=$(best "rm -rf $work/report" "${nightly[@]}" bench report --history "$work/store" --out "$work/report" \
    --definitions "$data/hawd_defs")
# The first report of a store: no change point cache yet (the check of the latest build fills it).
report_cold=$(runs=1 best "rm -rf $work/report $work/store/change-points-cache.json" "${nightly[@]}" bench report \
    --history "$work/store" --out "$work/report" --definitions "$data/hawd_defs")
rm -rf "$work/full"; cp -r "$work/store" "$work/full-orig"
night_full=$(best "rm -rf $work/full; cp -r $work/full-orig $work/full" "${nightly[@]}" bench ingest \
    --history "$work/full" --build 2 --definitions "$data/hawd_defs" "$data"/next/*.json)
night_empty=$(best "rm -rf $work/empty" "${nightly[@]}" bench ingest --history "$work/empty" --build 2 \
    --definitions "$data/hawd_defs" "$data"/next/*.json)
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
ratio() { echo "scale=2; $1 / $2" | bc; }
mb=$(du -cm "$data"/exports/*.json | tail -1 | cut -f1)
echo
echo "| command (best of $runs, wall) | time | ratio | target |"
echo "|---|---|---|---|"
echo "| floor: JVM start + bare Jackson pass over the ${mb} MB | ${floor} s | 1 | |"
echo "| \`bench ingest\` of the whole backfill into an empty store | ${ingest} s | $(ratio "$ingest" "$floor")x floor | <= 2x |"
echo "| \`bench export\` of that store | ${export_s} s | $(ratio "$export_s" "$floor")x floor | <= 2x |"
echo "| \`bench report\` of that store | ${report} s | $(ratio "$report" "$floor")x floor | <= 2x |"
echo "| \`bench report\`, first (no change point cache; one run) | ${report_cold} s | $(ratio "$report_cold" "$floor")x floor | |"
echo "| \`nightly --version\` | ${version} s | | |"
echo "| \`bench ingest\` of one night into the full store | ${night_full} s | $(ratio "$night_full" "$version")x --version, $(ratio "$night_full" "$night_empty")x empty | <= 1.5x each |"
echo "| \`bench ingest\` of one night into an empty store | ${night_empty} s | | |"
rm -rf "$work"
