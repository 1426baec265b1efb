"""Restore the broken extracted text of Chinese newspaper pages into articles.

Pages are returned as plain dicts and lists in the ``banmian/1`` JSON shape
of the ``banmian`` command line (schema/banmian-1.schema.json); the
TypedDicts below describe them.
"""

from collections.abc import Sequence
from typing import Literal, TypedDict

__version__: str
SCHEMA: Literal["banmian/1"]

class Caption(TypedDict):
    text: str
    credit: str | None
    photographers: list[str]

class Article(TypedDict):
    kicker: str | None
    title: str | None
    subtitles: list[str]
    dateline: str | None
    reporters: list[str]
    date: str | None
    paragraphs: list[str]
    captions: list[Caption]
    continued_to: str | None
    continued_from: str | None

BlockKind = Literal["banner", "masthead", "date", "page", "editor", "other"]

class Block(TypedDict):
    kind: BlockKind
    text: str

DropReason = Literal["duplicate", "jump", "normalized", "garbage"]

class Dropped(TypedDict):
    text: str
    reason: DropReason

class Page(TypedDict):
    schema: Literal["banmian/1"]
    source: str
    articles: list[Article]
    blocks: list[Block]
    dropped: list[Dropped]

def restore(text: str, source: str | None = None) -> Page:
    """Restore one page; ``source`` (default "") is copied into the page."""

def restore_many(
    texts: Sequence[str],
    threads: int | None = None,
    sources: Sequence[str] | None = None,
) -> list[Page]:
    """Restore many pages in parallel with the GIL released, in input order.

    ``threads`` sizes a thread pool of the call's own (default: rayon's global
    pool, one thread per core or ``RAYON_NUM_THREADS``); it must be >= 1.
    ``sources`` names the pages (default: ``str(i)`` for page ``i``).
    """
