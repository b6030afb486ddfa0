"""Wires the stages together; the only module that reads and writes files."""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from spacy.tokens import Doc

from .actors.resolve import ArticleMentions, resolve_mentions
from .config import Config
from .ingest import read_articles
from .model import Article, Rejection
from .nlp import load_pipeline, parse_articles


@dataclass(frozen=True)
class Analysed:
    """An article parsed, paragraph by paragraph, with its actor mentions."""

    article: Article
    paragraphs: list[tuple[int, Doc]]
    mentions: ArticleMentions


def analyse(inputs: Iterable[str | Path], *, config: Config, date: dt.date | None = None, on: dt.date | None = None,
            stdin: IO[bytes] | None = None, progress: Callable[[int], None] | None = None,
            ) -> Iterator[Analysed | Rejection]:
    """Read, clean, parse and resolve actors: each input record as Analysed or as a Rejection."""
    nlp = load_pipeline(config.pipeline)
    rejections: list[Rejection] = []

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs, config=config, date=date, stdin=stdin):
            if isinstance(item, Rejection):
                rejections.append(item)
            else:
                yield item

    for article, paragraphs in parse_articles(nlp, articles(), batch_size=config.batch_size):
        while rejections:
            yield rejections.pop(0)
        mentions = resolve_mentions(paragraphs, on=on or article.date)
        if progress:
            progress(1)
        yield Analysed(article, paragraphs, mentions)
    yield from rejections


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def report_rejection(rejection: Rejection, err: IO[str] | None = None) -> None:
    """One line on standard error naming the file and record."""
    (err or sys.stderr).write(f"detente: rejected {rejection.message}\n")
