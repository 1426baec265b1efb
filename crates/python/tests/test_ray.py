"""Runs examples/ray_restore.py on a small dataset with a local Ray.

Skipped unless BANMIAN_RAY_TEST=1 (the `ray` package is large: install it
with `pip install "ray[data]"` for this test only).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import banmian

pytestmark = pytest.mark.skipif(
    os.environ.get("BANMIAN_RAY_TEST") != "1", reason="set BANMIAN_RAY_TEST=1 to run the Ray Data recipe"
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SCRIPT = HERE.parent / "examples" / "ray_restore.py"
SAMPLE = REPO / "tests" / "fixtures" / "beibei-2020-04-30-p1.txt"
ROWS = 20


def make_rows() -> list[dict]:
    """20 pages: the sample page, and every fourth row a short or empty page."""
    sample = SAMPLE.read_text(encoding="utf-8")
    rows = []
    for i in range(ROWS):
        if i % 4 == 1:
            text = f"本报讯（记者 王五）5月{i}日，第{i}次大会召开。\n"
        elif i % 4 == 3 and i > 10:
            text = ""
        else:
            text = sample
        rows.append({"id": f"page-{i:02}", "day": i, "text": text})
    return rows


def run_recipe(src: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(src), str(out), "--local", "--num-cpus", "2", "--batch-size", "3", *extra],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"},
    )
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    print(f"ray_restore {src.name} -> {out.name}: {elapsed:.1f}s")
    return elapsed


def check(rows: list[dict], restored: list[dict]) -> None:
    assert len(restored) == len(rows)
    by_id = {r["id"]: r for r in restored}
    assert sorted(by_id) == sorted(r["id"] for r in rows)
    for row in rows:
        got = by_id[row["id"]]
        assert got["day"] == row["day"]  # other columns are carried over
        assert "text" not in got
        page = json.loads(got["page"])
        assert page == banmian.restore(row["text"], row["id"])
        assert got["articles"] == len(page["articles"])
        if row["text"] == rows[0]["text"]:
            captions = [c for a in page["articles"] for c in a["captions"]]
            assert any(c["photographers"] == ["秦廷富"] for c in captions)
            assert any(a["continued_to"] == "3" for a in page["articles"])
        elif row["text"]:
            assert page["articles"][0]["reporters"] == ["王五"]
        else:
            assert page["articles"] == []


def test_jsonl_to_jsonl(tmp_path: Path) -> None:
    rows = make_rows()
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "restored"
    run_recipe(src, out, "--threads", "2")
    restored = [
        json.loads(line)
        for f in sorted(out.glob("*.json*"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    check(rows, restored)


def test_parquet_to_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    rows = make_rows()
    src = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    out = tmp_path / "restored"
    run_recipe(src, out)
    restored = pq.read_table(out).to_pylist()
    check(rows, restored)
