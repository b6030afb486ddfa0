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
from .events.coder import code_events
from .events.formats import write_events
from .model import Article, Event, Rejection
from .nlp import load_pipeline, parse_articles


@dataclass(frozen=True)
class Analysed:
    """An article parsed, paragraph by paragraph, with its actor mentions."""

    article: Article
    paragraphs: list[tuple[int, Doc]]
    mentions: ArticleMentions


@dataclass(frozen=True)
class Unchanged:
    """An article the store already holds with this very text: not parsed again."""

    article: Article


def analyse(inputs: Iterable[str | Path], *, config: Config, date: dt.date | None = None, on: dt.date | None = None,
            stdin: IO[bytes] | None = None, progress: Callable[[int], None] | None = None,
            skip: Callable[[Article], bool] | None = None) -> Iterator[Analysed | Rejection | Unchanged]:
    """Read, clean, parse and resolve actors: each input record as Analysed or as a Rejection
    (or as Unchanged, when `skip` says the article needs no work)."""
    nlp = load_pipeline(config.pipeline)
    rejections: list[Rejection | Unchanged] = []

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs, config=config, date=date, stdin=stdin):
            if isinstance(item, Rejection):
                rejections.append(item)
            elif skip is not None and skip(item):
                rejections.append(Unchanged(item))
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


@dataclass
class Summary:
    """What a run did with each input record (`unchanged` and `clusters` only when it stores)."""

    coded: int = 0
    no_events: int = 0
    rejected: int = 0
    events: int = 0
    unchanged: int | None = None
    clusters: int | None = None

    def count(self, events: int) -> None:
        self.events += events
        if events:
            self.coded += 1
        else:
            self.no_events += 1

    def line(self) -> str:
        total = self.coded + self.no_events + self.rejected + (self.unchanged or 0)
        unchanged = "" if self.unchanged is None else f", {self.unchanged} unchanged"
        stored = "" if self.clusters is None else f" stored, {self.clusters} clusters in the store"
        return (f"{total} records: {self.coded} coded, {self.no_events} with no events{unchanged}, "
                f"{self.rejected} rejected; {self.events} events{stored}")


def code_articles(inputs: Iterable[str | Path], *, config: Config, date: dt.date | None = None,
                  stdin: IO[bytes] | None = None, progress: Callable[[int], None] | None = None,
                  skip: Callable[[Article], bool] | None = None,
                  ) -> Iterator[tuple[Analysed, list[Event]] | Rejection | Unchanged]:
    """Each input record with its events, or as a Rejection (or Unchanged, see `analyse`)."""
    for item in analyse(inputs, config=config, date=date, stdin=stdin, progress=progress, skip=skip):
        if isinstance(item, (Rejection, Unchanged)):
            yield item
        else:
            yield item, code_events(item.article, item.paragraphs, item.mentions)


def ingest_to_store(inputs: Iterable[str | Path], db: str | Path, *, config: Config, date: dt.date | None = None,
                    batch: int = 20, progress: Callable[[int], None] | None = None,
                    committed: Callable[[int], None] | None = None) -> Summary:
    """Code the inputs into the store at `db`, a batch of articles per transaction, then cluster.

    `committed` is called with the number of records in each batch once it is safely written."""
    from .store import Store

    summary = Summary(unchanged=0)
    with Store(db) as store:
        coded: list = []
        rejected: list[Rejection] = []

        def flush() -> None:
            if coded or rejected:
                store.write_batch(coded, rejected)
                if committed:
                    committed(len(coded) + len(rejected))
                coded.clear()
                rejected.clear()

        for item in code_articles(inputs, config=config, date=date, progress=progress, skip=store.known):
            if isinstance(item, Unchanged):
                summary.unchanged = (summary.unchanged or 0) + 1
            elif isinstance(item, Rejection):
                report_rejection(item)
                summary.rejected += 1
                rejected.append(item)
            else:
                analysed, events = item
                coded.append((analysed.article, analysed.mentions.all(), events))
                summary.count(len(events))
            if len(coded) + len(rejected) >= batch:
                flush()
        flush()
        summary.clusters = store.cluster()
    return summary


def code_to_file(inputs: Iterable[str | Path], output: str, *, fmt: str, config: Config,
                 date: dt.date | None = None, progress: bool = False) -> Summary:
    """Code the inputs and write the events to `output` ('-' for standard output); rejects go to
    standard error and, with a file output, to OUTPUT.rejects.jsonl."""
    summary = Summary()
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    rejects_path = None if output == "-" else Path(output + ".rejects.jsonl")
    rejects = open(rejects_path, "w", encoding="utf-8") if rejects_path else None
    bar = None
    if progress:
        import click

        bar = click.progressbar(length=0, label="coding", file=sys.stderr, show_pos=True)
    try:
        number = 1
        for item in code_articles(inputs, config=config, date=date, progress=bar.update if bar else None):
            if isinstance(item, Rejection):
                summary.rejected += 1
                report_rejection(item)
                if rejects:
                    rejects.write(json.dumps({"origin": item.origin, "reason": item.reason,
                                              "message": item.message}) + "\n")
                continue
            analysed, events = item
            urls = {analysed.article.id: analysed.article.url}
            n = write_events(events, out, fmt, header=number == 1, urls=urls, start=number)
            number += n
            summary.count(n)
    finally:
        if out is not sys.stdout:
            out.close()
        if rejects:
            rejects.close()
    return summary


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def report_rejection(rejection: Rejection, err: IO[str] | None = None) -> None:
    """One line on standard error naming the file and record."""
    (err or sys.stderr).write(f"detente: rejected {rejection.message}\n")
