#!/usr/bin/env python3
"""Bytes per field in each export of one output directory.

    python3 scripts/export_sizes.py OUT_DIR [INPUT_BYTES]

Reads whatever of graph.json, graph.cyjs, graph.graphml, graph.gexf,
nodes.csv, edges.csv, graph.dot and graph.html is in OUT_DIR and prints, per
file, its size and the fields that take the most of it (node and edge
fields together: `documents` is both), as a Markdown table. The bytes of a
field are what it adds to the file (JSON: the text with the key against
the text without it, in the file's own layout; GraphML: the whole `<data>` line; GEXF: the whole
`<attvalue>`; CSV: the column's cells; DOT: the attribute `name="…"`).
"""
import collections
import json
import os
import re
import sys


def json_fields(items, counts, indent=None):
    """Bytes each key of `items` adds to their JSON text (pretty with
    `indent` as ergraph writes it, else compact): the text with the key
    against the text without it."""
    seps = (",", ": ") if indent else (",", ":")
    dump = lambda x: len(json.dumps(x, ensure_ascii=False, indent=indent, separators=seps).encode())
    whole = dump(items)
    for k in sorted({k for item in items for k in item}):
        counts[k] += whole - dump([{a: b for a, b in item.items() if a != k} for item in items])


def measure(path):
    name = os.path.basename(path)
    counts = collections.Counter()
    text = open(path, encoding="utf-8").read()
    if name == "graph.json":
        g = json.loads(text)
        json_fields(g["nodes"], counts, 2)
        json_fields(g["links"], counts, 2)
    elif name == "graph.cyjs":
        g = json.loads(text)
        json_fields([n["data"] for n in g["elements"]["nodes"]], counts, 2)
        json_fields([e["data"] for e in g["elements"]["edges"]], counts, 2)
    elif name == "graph.html":
        m = re.search(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', text, re.S)
        if m:
            g = json.loads(m.group(1))["graph"]
            json_fields([n["data"] for n in g["elements"]["nodes"]], counts)
            json_fields([e["data"] for e in g["elements"]["edges"]], counts)
    elif name == "graph.graphml":
        for m in re.finditer(r'<data key="[ne]_([a-z_]+)">.*?</data>', text, re.S):
            counts[m.group(1)] += len(m.group(0).encode())
    elif name == "graph.gexf":
        for m in re.finditer(r'<attvalue for="([a-z_]+)" value="[^"]*"/>', text):
            counts[m.group(1)] += len(m.group(0).encode())
    elif name.endswith(".csv"):
        import csv
        csv.field_size_limit(sys.maxsize)
        rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
        for row in rows[1:]:
            for h, v in zip(rows[0], row):
                counts[h.split(":")[0] or h] += len(v.encode()) + 1
    elif name == "graph.dot":
        for m in re.finditer(r'\b([a-z]+)="(?:[^"\\]|\\.)*"', text):
            counts[m.group(1)] += len(m.group(0).encode())
    return os.path.getsize(path), counts


def main():
    out = sys.argv[1]
    input_bytes = int(sys.argv[2]) if len(sys.argv) > 2 else None
    names = ["graph.json", "graph.cyjs", "graph.html", "graph.graphml", "graph.gexf",
             "nodes.csv", "edges.csv", "graph.dot"]
    total = 0
    print("| file | bytes | x input | largest fields (share of the file) |")
    print("|---|---:|---:|---|")
    for name in names:
        path = os.path.join(out, name)
        if not os.path.exists(path):
            continue
        size, counts = measure(path)
        total += size
        top = ", ".join(f"`{k}` {100 * v / size:.0f}%" for k, v in counts.most_common(4))
        ratio = f"{size / input_bytes:.1f}" if input_bytes else ""
        print(f"| {name} | {size:,} | {ratio} | {top} |")
    ratio = f"{total / input_bytes:.1f}" if input_bytes else ""
    print(f"| all | {total:,} | {ratio} | |")


if __name__ == "__main__":
    main()
