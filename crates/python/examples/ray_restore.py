#!/usr/bin/env python3
"""Restore a dataset of newspaper pages with Ray Data and banmian.

Reads JSONL or Parquet rows that have a ``text`` column (the extracted text
of one page) and, optionally, an id column; restores them in batches with
``banmian.restore_many`` inside ``map_batches``; and writes one row per page
with the input's other columns plus

* ``page``: the restored page as ``banmian/1`` JSON text (what
  ``banmian restore`` prints), and
* ``articles``: how many articles it has.

The page is kept as JSON text rather than nested columns so that every output
block has the same Arrow schema whatever the pages hold.

    # on a machine of its own (starts a local Ray):
    python ray_restore.py pages.jsonl out/ --local
    # on a cluster whose workers have the banmian wheel installed:
    RAY_ADDRESS=ray://head:10001 python ray_restore.py s3://b/pages/ s3://b/restored/

The input format is taken from the path (``.parquet`` or a directory of
Parquet files, else JSON lines) unless ``--input-format`` says; the output
is a directory of files in ``--output-format`` (default: the input's).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

import numpy as np

import banmian


def restore_batch(
    batch: dict[str, np.ndarray],
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    threads: int | None = None,
    keep_text: bool = False,
) -> dict[str, np.ndarray]:
    """Restores the pages of one Ray Data batch (numpy format)."""
    texts = ["" if t is None else str(t) for t in batch[text_column]]
    sources = None
    if id_column and id_column in batch:
        sources = [str(s) for s in batch[id_column]]
    # The GIL is released while the pages are restored on `threads` threads.
    pages = banmian.restore_many(texts, threads=threads, sources=sources)
    out = {k: v for k, v in batch.items() if keep_text or k != text_column}
    out["page"] = np.array([json.dumps(p, ensure_ascii=False) for p in pages], dtype=object)
    out["articles"] = np.array([len(p["articles"]) for p in pages], dtype=np.int64)
    return out


def is_parquet(path: str) -> bool:
    if path.endswith(".parquet"):
        return True
    if os.path.isdir(path):
        names = os.listdir(path)
        return bool(names) and all(n.endswith(".parquet") for n in names if not n.startswith((".", "_")))
    return False


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL or Parquet file or directory (any path Ray Data reads)")
    ap.add_argument("output", help="output directory")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"])
    ap.add_argument("--output-format", choices=["jsonl", "parquet"])
    ap.add_argument("--text-column", default="text")
    ap.add_argument("--id-column", default="id", help="column copied into each page's source (if present)")
    ap.add_argument("--keep-text", action="store_true", help="keep the text column in the output")
    ap.add_argument("--batch-size", type=int, default=64, help="pages per map_batches call")
    ap.add_argument(
        "--threads", type=int, default=1, help="threads (and Ray CPUs) per map_batches task; default 1"
    )
    ap.add_argument("--local", action="store_true", help="start a local Ray (ray.init()) instead of joining a cluster")
    ap.add_argument("--num-cpus", type=int, help="CPUs of the local Ray (default: all)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import ray  # imported here so that restore_batch can be used without Ray

    started = time.perf_counter()
    if args.local:
        ray.init(num_cpus=args.num_cpus, include_dashboard=False)
    else:
        ray.init(address=os.environ.get("RAY_ADDRESS", "auto"))

    in_format = args.input_format or ("parquet" if is_parquet(args.input) else "jsonl")
    out_format = args.output_format or in_format
    if in_format == "parquet":
        ds = ray.data.read_parquet(args.input)
    else:
        ds = ray.data.read_json(args.input)

    fn_kwargs: dict[str, Any] = {
        "text_column": args.text_column,
        "id_column": args.id_column,
        "threads": args.threads,
        "keep_text": args.keep_text,
    }
    restored = ds.map_batches(
        restore_batch,
        fn_kwargs=fn_kwargs,
        batch_size=args.batch_size,
        batch_format="numpy",
        num_cpus=args.threads,
    )
    if out_format == "parquet":
        restored.write_parquet(args.output)
    else:
        restored.write_json(args.output, force_ascii=False)

    elapsed = time.perf_counter() - started
    print(f"ray_restore: wrote {args.output} ({out_format}) in {elapsed:.1f}s", file=sys.stderr)
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
