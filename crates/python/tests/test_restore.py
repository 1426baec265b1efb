"""Tests of the banmian Python module (an installed wheel or `maturin develop`)."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import banmian

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "tests" / "fixtures" / "beibei-2020-04-30-p1.txt"
SCHEMA_FILE = REPO / "schema" / "banmian-1.schema.json"

ARTICLE_KEYS = {
    "kicker",
    "title",
    "subtitles",
    "dateline",
    "reporters",
    "date",
    "paragraphs",
    "captions",
    "continued_to",
    "continued_from",
}

SHORT = [
    "本报讯（记者 王五）5月1日，大会召开。\n",
    "本报讯（记者 赵六）5月2日，会议闭幕。\n",
    "",
    "本报讯（记者 邓公平）4月28日，全会召开。\n",
]


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(sample: str) -> dict:
    return banmian.restore(sample, "beibei-2020-04-30-p1.txt")


def test_sample_page_has_its_three_articles(page: dict) -> None:
    assert page["schema"] == "banmian/1" == banmian.SCHEMA
    assert page["source"] == "beibei-2020-04-30-p1.txt"
    assert len(page["articles"]) == 3, [a["title"] for a in page["articles"]]
    for article in page["articles"]:
        assert set(article) == ARTICLE_KEYS
        assert article["paragraphs"]


def test_sample_page_caption_and_jump(page: dict) -> None:
    captions = [c for a in page["articles"] for c in a["captions"]]
    assert any(c["photographers"] == ["秦廷富"] for c in captions), captions
    assert [a["continued_to"] for a in page["articles"]].count("3") == 1
    assert any(d["reason"] == "jump" for d in page["dropped"])
    kinds = {b["kind"] for b in page["blocks"]}
    assert kinds <= {"banner", "masthead", "date", "page", "editor", "other"}


def test_page_is_plain_json_data(page: dict) -> None:
    # Only dicts, lists, str and None: it round-trips through JSON unchanged.
    assert json.loads(json.dumps(page, ensure_ascii=False)) == page


def test_page_matches_the_schema(page: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(page, schema)
    jsonschema.validate(banmian.restore(""), schema)


def test_empty_text_gives_an_empty_page() -> None:
    assert banmian.restore("") == {
        "schema": "banmian/1",
        "source": "",
        "articles": [],
        "blocks": [],
        "dropped": [],
    }
    assert banmian.restore("", "empty.txt")["source"] == "empty.txt"
    assert banmian.restore("", source=None)["source"] == ""


def test_restore_many_keeps_input_order(sample: str) -> None:
    texts = SHORT + [sample] + SHORT[::-1]
    pages = banmian.restore_many(texts)
    assert len(pages) == len(texts)
    for i, (text, page) in enumerate(zip(texts, pages)):
        assert page == banmian.restore(text, str(i))
    assert [p["articles"][0]["reporters"] if p["articles"] else [] for p in pages[:4]] == [
        ["王五"],
        ["赵六"],
        [],
        ["邓公平"],
    ]


@pytest.mark.parametrize("threads", [1, 2, 7])
def test_restore_many_threads(sample: str, threads: int) -> None:
    texts = [sample, *SHORT] * 5
    assert banmian.restore_many(texts, threads=threads) == banmian.restore_many(texts)


def test_restore_many_sources_and_edge_cases() -> None:
    pages = banmian.restore_many(SHORT, sources=["a", "b", "c", "d"])
    assert [p["source"] for p in pages] == ["a", "b", "c", "d"]
    assert banmian.restore_many(tuple(SHORT))[1]["source"] == "1"  # any sequence
    assert banmian.restore_many([]) == []
    assert banmian.restore_many([], threads=3) == []
    with pytest.raises(ValueError, match="threads"):
        banmian.restore_many(SHORT, threads=0)
    with pytest.raises(ValueError, match="sources"):
        banmian.restore_many(SHORT, sources=["a"])
    with pytest.raises(TypeError):
        banmian.restore_many("本报讯")  # a str is not a list of pages
    with pytest.raises(TypeError):
        banmian.restore_many([b"bytes"])
    with pytest.raises(TypeError):
        banmian.restore(None)  # type: ignore[arg-type]


def test_restore_many_from_python_threads(sample: str) -> None:
    # Several Python threads at once (each call releases the GIL).
    texts = [sample, *SHORT] * 4
    expected = banmian.restore_many(texts, threads=1)
    results: list[list[dict]] = [[] for _ in range(4)]

    def work(i: int) -> None:
        results[i] = banmian.restore_many(texts, threads=2)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert results == [expected] * 4


def test_version() -> None:
    assert banmian.__version__ == importlib.metadata.version("banmian")
    assert banmian.__version__.count(".") == 2


def test_stubs_are_installed() -> None:
    package = Path(banmian.__file__).parent
    assert (package / "py.typed").is_file()
    stub = package / "__init__.pyi"
    assert stub.is_file()
    text = stub.read_text(encoding="utf-8")
    for name in ("def restore(", "def restore_many(", "__version__: str", "class Page(TypedDict)"):
        assert name in text
    runtime = {n for n in dir(banmian) if not n.startswith("__")} | {"__version__"}
    assert {"restore", "restore_many", "SCHEMA", "__version__"} <= runtime


def test_stubs_type_check(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    user = tmp_path / "user.py"
    user.write_text(
        "import banmian\n"
        "page: banmian.Page = banmian.restore('text', source='a.txt')\n"
        "titles: list[str | None] = [a['title'] for a in page['articles']]\n"
        "pages: list[banmian.Page] = banmian.restore_many(['a', 'b'], threads=2)\n"
        "version: str = banmian.__version__\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.py"
    bad.write_text("import banmian\nn: int = banmian.restore(1)['source']\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10"]
    ok = subprocess.run([*cmd, str(user)], capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    ko = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert ko.returncode == 1, ko.stdout + ko.stderr
    assert "arg-type" in ko.stdout and "assignment" in ko.stdout, ko.stdout
