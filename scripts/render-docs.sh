#!/usr/bin/env bash
# Regenerates the README's pictures:
#   docs/graph.png   Graphviz's drawing of out/graph.dot
#   docs/viewer.png  graph.html in headless Chromium, an edge clicked
#   docs/viewer-2000.png  the same on 2,000 generated documents (the overview)
# Needs: a Rust toolchain, Graphviz (dot), Node 18+ with `npm ci --prefix
# tests/js`, and Debian's chromium (fonts-noto-cjk for Hangul). Run from anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo run --quiet --release -- seeds -o out
dot -Tpng -Gdpi=110 out/graph.dot -o docs/graph.png

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --release -- seeds -q -o "$tmp" -f html
# check-viewer.mjs clicks an edge, checks the panel and saves the screenshot.
node tests/js/check-viewer.mjs "$tmp/graph.html" docs/viewer.png >/dev/null
# The viewer on 2,000 generated documents: the overview with an edge clicked.
VIEWER_SHOTS=docs scripts/time-viewer.sh 2000
echo "wrote docs/graph.png, docs/viewer.png and docs/viewer-2000.png"
