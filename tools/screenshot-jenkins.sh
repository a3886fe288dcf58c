#!/usr/bin/env bash
# Takes README's pictures of the plugins' pages in a real Jenkins with headless Chromium:
#
#   tools/screenshot-jenkins.sh [OUT_DIR]
#
# The hawd pages are those of the hpi:run demo job (the sixteen sample nights of examples/hawd); the
# Flatpak pages are those of a real flatpak-builder build and signed publish. Both run inside the
# plugins' JenkinsRule browser tests (ScreenshotsTest, FlatpakPipelineTest#pagesAndFormsInARealBrowser),
# which write the PNG files when -Dnightly.screenshots names a folder. Needs what `bash .ci/run`
# installs (chromium, chromium-driver, flatpak, flatpak-builder, ostree, gnupg). OUT_DIR defaults to
# docs/images.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/docs/images}" && cd "${1:-$root/docs/images}" && pwd)"
cd "$root"

settings=()
if [ -z "${NIGHTLY_JENKINS_REPO:-}" ] && [ -d "$root/../shared/jenkins-repo" ]; then
    NIGHTLY_JENKINS_REPO="$(cd "$root/../shared/jenkins-repo" && pwd)"
fi
if [ -n "${NIGHTLY_JENKINS_REPO:-}" ]; then
    export NIGHTLY_JENKINS_REPO
    settings=(-s .ci/jenkins-offline-settings.xml)
fi

./mvnw -B -q "${settings[@]}" -pl hawd-plugin,flatpak-plugin -am verify -Dspotbugs.skip -DskipITs \
    -Dtest='ScreenshotsTest,FlatpakPipelineTest#pagesAndFormsInARealBrowser' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dnightly.screenshots="$out"
ls -1 "$out"/jenkins-*.png
