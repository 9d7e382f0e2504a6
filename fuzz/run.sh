#!/bin/sh
# Runs the pipeline fuzz target for a bounded time (default 120 seconds) and
# prints libFuzzer's final statistics (look for `stat::number_of_executed_units`).
#
#   fuzz/run.sh            # 120 s
#   fuzz/run.sh 600        # 10 minutes
#
# ergraph has no unsafe code, so the run skips AddressSanitizer (about three
# times the executions); SANITIZER=address fuzz/run.sh brings it back.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); works on a stable toolchain
# through RUSTC_BOOTSTRAP=1. The corpus starts from seeds/ and tests/corpus/ and
# grows in fuzz/corpus/pipeline (git-ignored); a crashing input lands in
# fuzz/artifacts/pipeline/: copy it to tests/fuzz_regressions/ and fix the bug.
set -eu
seconds=${1:-120}
sanitizer=${SANITIZER:-none}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus/pipeline"
mkdir -p "$corpus"
# Seed the corpus with real articles and every kept crash, once.
for f in "$root"/seeds/*.txt "$root"/tests/corpus/*.txt "$root"/tests/fuzz_regressions/*; do
    [ -f "$f" ] || continue
    case "$f" in *.md) continue ;; esac
    cp -n "$f" "$corpus/" 2>/dev/null || true
done
cd "$root"
RUSTC_BOOTSTRAP=1 exec cargo fuzz run --release --debug-assertions --sanitizer "$sanitizer" pipeline "$corpus" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1
