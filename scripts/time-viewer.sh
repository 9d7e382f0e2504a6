#!/usr/bin/env bash
# Times graph.html in headless Chromium (network cut off) on generated
# corpora: for each size, gen_corpus writes that many documents, ergraph
# writes graph.html, and tests/js/time-viewer.mjs opens it and prints the
# milliseconds until the page is ready, until an edge click shows evidence
# and a search answers (interactive), and until the layout has settled.
#
#   scripts/time-viewer.sh               # 2,000 and 20,000 documents
#   scripts/time-viewer.sh seeds 200     # the seeds, 200 documents
#   VIEWER_SHOTS=docs scripts/time-viewer.sh 2000   # also docs/viewer-2000.png
#
# Targets (issue 14): 2,000 documents interactive within 5 s, 20,000
# documents within 15 s. Needs what tests/viewer.rs needs: Debian's
# chromium, Node 18+ and `npm ci --prefix tests/js`. Timings depend on the
# machine's load: the load average is printed first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)
cargo build --quiet --release --bin ergraph --bin gen_corpus
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for n in "${sizes[@]}"; do
  if [ "$n" = seeds ]; then
    target/release/ergraph seeds -o "$tmp/g$n" -f html -q
  else
    target/release/gen_corpus --docs "$n" --jsonl "$tmp/c$n.jsonl" 2>/dev/null
    target/release/ergraph --jsonl "$tmp/c$n.jsonl" -o "$tmp/g$n" -f html -q
  fi
  shot=()
  [ -n "${VIEWER_SHOTS:-}" ] && shot=("$VIEWER_SHOTS/viewer-$n.png")
  json="$(node tests/js/time-viewer.mjs "$tmp/g$n/graph.html" "${shot[@]}")"
  bytes="$(stat -c %s "$tmp/g$n/graph.html")"
  node -e '
    const [n, bytes, json] = process.argv.slice(1);
    const r = JSON.parse(json);
    const s = (ms) => (ms / 1000).toFixed(1) + " s";
    const ok = r.clicked && r.clicked.evidenceShown && /match/.test(r.searchCount || "") &&
      !r.errors.length && !r.remoteRequests.length;
    console.log(`${n === "seeds" ? "seeds" : n + " documents"}: ${r.entities} entities, ${r.relations} relations, ` +
      `${(bytes / 1e6).toFixed(1)} MB page, ${r.drawnNodes} entities drawn; ready ${s(r.readyMs)}, ` +
      `interactive ${s(r.interactiveMs)} (edge click with evidence ${s(r.clickedMs)}, search "${r.searchCount}"), ` +
      `layout settled ${s(r.layoutDoneMs)}; labels ${r.labels.shown} drawn, ${r.labels.overlaps} overlapping` +
      (ok ? "" : "; FAILED: " + json));
    if (!ok) process.exit(1);
  ' "$n" "$bytes" "$json"
done
