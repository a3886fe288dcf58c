#!/usr/bin/env bash
# Takes a PNG screenshot of a generated HTML report with headless Chromium (for README pictures).
#
#   tools/screenshot-report.sh REPORT_DIR OUT.png [WIDTH [HEIGHT]]
#   tools/screenshot-report.sh --examples OUT.png [WIDTH [HEIGHT]]
#
# REPORT_DIR is what `nightly bench report --out` wrote. --examples first ingests the sample nights of
# examples/hawd (one build per night) into a temporary history and reports on it with their
# definitions. Needs chromium (Debian: apt install chromium) and, for --examples, the nightly jar
# (NIGHTLY_JAR, default cli/target/nightly.jar). Defaults: 1280 x 2000 pixels.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [ $# -lt 2 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
report="$1"
out="$2"
width="${3:-1280}"
height="${4:-2000}"

work="$(mktemp -d "${TMPDIR:-/tmp}/nightly-screenshot.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ "$report" = "--examples" ]; then
    jar="${NIGHTLY_JAR:-$root/cli/target/nightly.jar}"
    examples="$root/examples/hawd"
    [ -f "$jar" ] || { echo "screenshot-report: $jar missing; build it with: ./mvnw -B -DskipJenkins -DskipTests package" >&2; exit 1; }
    [ -d "$examples/nights" ] || { echo "screenshot-report: $examples/nights missing" >&2; exit 1; }
    build=0
    for night in "$examples"/nights/*/; do
        build=$((build + 1))
        java -jar "$jar" bench ingest --history "$work/history" --build "$build" \
            --definitions "$examples/hawd_defs" "$night"*.json >/dev/null
    done
    java -jar "$jar" bench report --history "$work/history" --out "$work/report" \
        --definitions "$examples/hawd_defs" --title "Sink nightly benchmarks (examples/hawd)" >/dev/null
    report="$work/report"
fi

[ -f "$report/index.html" ] || { echo "screenshot-report: $report/index.html missing" >&2; exit 1; }
[ -x "$chromium" ] || { echo "screenshot-report: $chromium not found (set CHROMIUM)" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
# ?draw=all: every chart drawn at once and without animation, however far down the page it is.
page="file://$(cd "$report" && pwd)/index.html?draw=all"

# The virtual time budget lets the charts finish drawing before the picture is taken.
# A fresh profile keeps the user's own Chromium out of it.
"$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --virtual-time-budget=10000 \
    --screenshot="$out_abs" "$page" >"$work/chromium.log" 2>&1 || {
        cat "$work/chromium.log" >&2
        exit 1
    }
[ -s "$out_abs" ] || { cat "$work/chromium.log" >&2; echo "screenshot-report: no screenshot written" >&2; exit 1; }
echo "screenshot: $out_abs"
