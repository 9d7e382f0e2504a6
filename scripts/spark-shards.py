#!/usr/bin/env python3
"""Sharded ergraph run under Apache Spark (local mode), then one merge.

The `.txt` files under the given folders are listed (sorted) and spread over
`--shards` partitions of an RDD; `RDD.pipe` runs `ergraph extract -q -j 1
--partial PART -- FILES...` once per partition (the partition's files come in
on standard input, one per line) and prints the partial it wrote; the driver
then runs `ergraph merge PARTS... -o OUT`. With `--compare`, one ergraph run
over the same folders is timed too and its exports compared byte for byte
with the merge's (exit 1 if they differ).

File names must be unique across the folders: ergraph names a document by its
file name and falls back to its path only where two names clash, which a
shard that holds one of the two cannot know.

    pip install pyspark          # 4.x needs Java 17 or later
    python3 scripts/spark-shards.py --ergraph target/release/ergraph \\
        --shards 4 --work /tmp/spark-work --compare /tmp/news

Prints the times (Spark extraction, merge, one run) and whether the bytes
are identical.
"""

import argparse
import filecmp
import os
import shlex
import subprocess
import sys
import time

# One partition: its files on stdin, one partial out (named by a hash of its
# file list, so reruns overwrite instead of piling up), its path on stdout.
SHARD = r"""
mapfile -t files
[ "${#files[@]}" -eq 0 ] && exit 0
out="$2/part-$(printf '%s\n' "${files[@]}" | sha1sum | cut -c1-16).json"
"$1" extract -q -j 1 --partial "$out" -- "${files[@]}" >&2
printf '%s\n' "$out"
"""


def txt_files(folders):
    found = []
    for root in folders:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".txt"):
                    found.append(os.path.join(dirpath, name))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", help="folders of .txt articles")
    ap.add_argument("--ergraph", default="target/release/ergraph", help="the ergraph binary")
    ap.add_argument("--shards", type=int, default=4, help="partitions, one partial each")
    ap.add_argument("--cores", type=int, default=2, help="Spark local[N] worker threads")
    ap.add_argument("--work", required=True, help="folder for parts/, merged/ and single/")
    ap.add_argument("--compare", action="store_true", help="also time one run and compare bytes")
    args = ap.parse_args()

    ergraph = os.path.abspath(args.ergraph)
    files = txt_files(args.folders)
    if not files:
        sys.exit(f"spark-shards: no .txt file under {', '.join(args.folders)}")
    names = [os.path.basename(f) for f in files]
    if len(set(names)) != len(names):
        sys.exit("spark-shards: two files share a name; shards would name them apart differently")
    parts = os.path.join(args.work, "parts")
    os.makedirs(parts, exist_ok=True)
    for old in os.listdir(parts):
        os.remove(os.path.join(parts, old))

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("ergraph-shards")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    command = shlex.join(["bash", "-c", SHARD, "ergraph-shard", ergraph, os.path.abspath(parts)])
    start = time.monotonic()
    written = (
        spark.sparkContext.parallelize(files, args.shards)
        .pipe(command, checkCode=True)
        .collect()
    )
    extract_s = time.monotonic() - start
    spark.stop()

    merged = os.path.join(args.work, "merged")
    start = time.monotonic()
    subprocess.run([ergraph, "merge", "-q", "-o", merged, *sorted(written)], check=True)
    merge_s = time.monotonic() - start
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    print(
        f"spark local[{args.cores}]: {len(files)} files, {mb:.1f} MB, {len(written)} partials; "
        f"extract {extract_s:.1f} s, merge {merge_s:.1f} s, "
        f"{mb / (extract_s + merge_s):.1f} MB/s in all"
    )
    if not args.compare:
        return
    single = os.path.join(args.work, "single")
    start = time.monotonic()
    subprocess.run(
        [ergraph, "-q", "-j", str(args.cores), "-o", single, *args.folders], check=True
    )
    single_s = time.monotonic() - start
    differ = [
        f
        for f in ("graph.dot", "graph.graphml", "graph.json")
        if not filecmp.cmp(os.path.join(merged, f), os.path.join(single, f), shallow=False)
    ]
    print(
        f"one run -j {args.cores}: {single_s:.1f} s, {mb / single_s:.1f} MB/s; "
        + ("bytes identical to the merge" if not differ else f"DIFFER: {', '.join(differ)}")
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
