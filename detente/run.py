"""Wires the stages together; the only module that reads and writes files.

spaCy and the stages that need it are imported where they are used: a run spread over worker
processes starts them without the parent loading spaCy first.
"""
from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import itertools
import json
import os
import resource
import shutil
import sys
import tempfile
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .config import Config
from .errors import DetenteError
from .events.formats import write_event_dicts, write_events
from .ingest import read_articles
from .model import Article, Event, Rejection

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors.resolve import ArticleMentions


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
            skip: Callable[[Article], bool] | None = None,
            items: Iterable[Article | Rejection] | None = None) -> Iterator[Analysed | Rejection | Unchanged]:
    """Read, clean, parse and resolve actors: each input record as Analysed or as a Rejection
    (or as Unchanged, when `skip` says the article needs no work). `items`, when given, are the
    records already read from `inputs`."""
    from .actors.resolve import resolve_mentions
    from .nlp import load_pipeline, parse_articles

    nlp = load_pipeline(config.pipeline)
    rejections: list[Rejection | Unchanged] = []

    def articles() -> Iterator[Article]:
        for item in items if items is not None else read_articles(inputs, config=config, date=date, stdin=stdin):
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
                  skip: Callable[[Article], bool] | None = None, items: Iterable[Article | Rejection] | None = None,
                  ) -> Iterator[tuple[Analysed, list[Event]] | Rejection | Unchanged]:
    """Each input record with its events, or as a Rejection (or Unchanged, see `analyse`)."""
    from .events.coder import code_events

    for item in analyse(inputs, config=config, date=date, stdin=stdin, progress=progress, skip=skip, items=items):
        if isinstance(item, (Rejection, Unchanged)):
            yield item
        else:
            yield item, code_events(item.article, item.paragraphs, item.mentions)


@dataclass(frozen=True)
class Scale:
    """How a run spreads its work: `executor` local or dask, a scheduler address for an existing
    Dask cluster, and the work folder for partitions (on a file system every worker sees)."""

    executor: str = "local"
    scheduler: str | None = None
    work: str | None = None


def _spread(items: Iterator[Article | Rejection], config: Config, scale: Scale
            ) -> tuple[list[Article | Rejection], bool]:
    """Reads ahead: whether the run goes by partitions (a Dask executor, or local processes and
    more than one partition of articles), and the records read so far."""
    if scale.executor not in ("local", "dask"):
        raise DetenteError(f"--executor takes local or dask, not {scale.executor!r}")
    if scale.executor == "dask":
        return [], True
    if (config.workers or os.cpu_count() or 1) <= 1:
        return [], False
    head: list[Article | Rejection] = []
    articles = 0
    for item in items:
        head.append(item)
        articles += not isinstance(item, Rejection)
        if articles > config.partition_size:
            return head, True
    return head, False


def _articles_only(items: Iterable[Article | Rejection], on_reject: Callable[[Rejection], None],
                   skip: Callable[[Article], bool] | None = None,
                   on_skip: Callable[[Article], None] | None = None) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Rejection):
            on_reject(item)
        elif skip is not None and skip(item):
            if on_skip:
                on_skip(item)
        else:
            yield item


def _partitioned(articles: Iterable[Article], folder: Path, *, config: Config, scale: Scale,
                 progress: Callable[[int], None] | None, tables: tuple[str, ...]) -> Iterator[PartitionDone]:
    workers = config.workers or os.cpu_count() or 1
    with Executor(scale.executor, workers=workers, scheduler=scale.scheduler) as executor:
        yield from run_partitions(articles, folder, config=config, executor=executor, progress=progress,
                                  tables=tables)


def ingest_to_store(inputs: Iterable[str | Path], db: str | Path, *, config: Config, date: dt.date | None = None,
                    batch: int = 20, progress: Callable[[int], None] | None = None,
                    committed: Callable[[int], None] | None = None, scale: Scale = Scale()) -> Summary:
    """Code the inputs into the store at `db`, a batch of articles per transaction, then cluster.

    `committed` is called with the number of records in each batch once it is safely written.
    By partitions (see `Scale`), each finished partition is loaded in one transaction."""
    from .store import Store, text_hash

    summary = Summary(unchanged=0)
    with Store(db) as store:
        seen: set[str] = set()

        def known(article: Article) -> bool:
            """Unchanged: its text is stored already, or came before in this run (decided in
            reading order, so the same input stores the same articles however the work is spread)."""
            h = text_hash(article.text)
            if h in seen:
                return True
            seen.add(h)
            return store.known(article)

        items = iter(read_articles(inputs, config=config, date=date))
        head, spread = _spread(items, config, scale)
        stream = itertools.chain(head, items)
        if spread:
            rejected: list[Rejection] = []

            def reject(r: Rejection) -> None:
                report_rejection(r)
                rejected.append(r)

            def unchanged(_: Article) -> None:
                summary.unchanged = (summary.unchanged or 0) + 1

            folder = Path(scale.work or str(db) + ".parts")
            done = _partitioned(_articles_only(stream, reject, known, unchanged), folder, config=config,
                                scale=scale, progress=progress, tables=STORE_TABLES)
            for part in done:
                coded, events = store.load_partition(folder / f"part-{part.number:06d}")
                summary.coded += coded
                summary.no_events += part.articles - coded
                summary.events += events
                if committed:
                    committed(part.articles)
            store.write_batch([], rejected)
            summary.rejected = len(rejected)
            if not scale.work:
                shutil.rmtree(folder, ignore_errors=True)
            summary.clusters = store.cluster()
            return summary

        coded_batch: list = []
        rejected_batch: list[Rejection] = []

        def flush() -> None:
            if coded_batch or rejected_batch:
                store.write_batch(coded_batch, rejected_batch)
                if committed:
                    committed(len(coded_batch) + len(rejected_batch))
                coded_batch.clear()
                rejected_batch.clear()

        for item in code_articles(inputs, config=config, date=date, progress=progress, skip=known,
                                  items=stream):
            if isinstance(item, Unchanged):
                summary.unchanged = (summary.unchanged or 0) + 1
            elif isinstance(item, Rejection):
                report_rejection(item)
                summary.rejected += 1
                rejected_batch.append(item)
            else:
                analysed, events = item
                coded_batch.append((analysed.article, analysed.mentions.all(), events))
                summary.count(len(events))
            if len(coded_batch) + len(rejected_batch) >= batch:
                flush()
        flush()
        summary.clusters = store.cluster()
    return summary


def code_to_file(inputs: Iterable[str | Path], output: str, *, fmt: str, config: Config,
                 date: dt.date | None = None, progress: bool = False, scale: Scale = Scale()) -> Summary:
    """Code the inputs and write the events to `output` ('-' for standard output); rejects go to
    standard error and, with a file output, to OUTPUT.rejects.jsonl."""
    summary = Summary()
    items = iter(read_articles(inputs, config=config, date=date))
    head, spread = _spread(items, config, scale)
    stream = itertools.chain(head, items)
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    rejects_path = None if output == "-" else Path(output + ".rejects.jsonl")
    rejects = open(rejects_path, "w", encoding="utf-8") if rejects_path else None
    bar = None
    if progress:
        import click

        bar = click.progressbar(length=0, label="coding", file=sys.stderr, show_pos=True)

    def reject(item: Rejection) -> None:
        summary.rejected += 1
        report_rejection(item)
        if rejects:
            rejects.write(json.dumps({"origin": item.origin, "reason": item.reason, "message": item.message}) + "\n")

    try:
        number = 1
        if spread:
            urls: dict[str, str | None] = {}

            def remember(articles: Iterable[Article]) -> Iterator[Article]:
                for a in articles:
                    urls[a.id] = a.url
                    yield a

            temporary = scale.work is None and output == "-"
            folder = Path(scale.work or (tempfile.mkdtemp(prefix="detente-") if temporary else output + ".parts"))
            done = _partitioned(remember(_articles_only(stream, reject)), folder, config=config, scale=scale,
                                progress=bar.update if bar else None, tables=RECORD_TABLES)
            for part in done:
                records = read_partition_records(folder, part.number)
                if fmt == "jsonl":  # the records are the JSON Lines already
                    out.writelines(r + "\n" for _, r in records)
                    number += len(records)
                else:
                    number += write_event_dicts((json.loads(r) for _, r in records), out, fmt, header=number == 1,
                                                urls=urls, start=number)
                with_events = len({doc_id for doc_id, _ in records})
                summary.coded += with_events
                summary.no_events += part.articles - with_events
                summary.events += len(records)
            if not scale.work:
                shutil.rmtree(folder, ignore_errors=True)
            return summary
        for item in code_articles(inputs, config=config, date=date, progress=bar.update if bar else None,
                                  items=stream):
            if isinstance(item, Rejection):
                reject(item)
                continue
            analysed, events = item
            n = write_events(events, out, fmt, header=number == 1, urls={analysed.article.id: analysed.article.url},
                             start=number)
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


# -- spreading the work: partitions over processes or a Dask cluster ------------------------

STORE_TABLES = ("articles", "mentions", "events", "evidence")  # what the store loads
RECORD_TABLES = ("records",)  # each event as its JSON line, what `detente code` writes


@dataclass(frozen=True)
class Partition:
    """A slice of the input articles, numbered in input order, and the tables to write of it
    (STORE_TABLES for the store, RECORD_TABLES for `detente code`); its key changes with its
    content and with the tables."""

    number: int
    key: str
    articles: tuple[Article, ...]
    tables: tuple[str, ...]


@dataclass(frozen=True)
class PartitionDone:
    number: int
    key: str
    articles: int
    events: int
    peak_mb: float = 0.0  # the worker process's peak resident memory when it finished


def make_partition(number: int, articles: list[Article], tables: tuple[str, ...]) -> Partition:
    digest = hashlib.sha256(str(number).encode() + b"\0" + ",".join(tables).encode())
    for a in articles:
        digest.update(b"\0" + a.id.encode() + b"\0" + a.text.encode() + b"\0" + str(a.date).encode())
    return Partition(number, digest.hexdigest()[:24], tuple(articles), tables)


def code_partition(part: Partition, folder: str, config: Config) -> PartitionDone:
    """Code one partition and write its tables (see `Partition`) in Parquet to FOLDER/part-NNNNNN/.

    The folder appears whole or not at all (written aside, then renamed), so a worker that dies
    mid-partition leaves nothing that a retry or a resumed run would trust."""
    from .actors.resolve import resolve_mentions
    from .events.coder import code_events
    from .nlp import load_pipeline, parse_articles
    from .store import table_rows

    nlp = load_pipeline(config.pipeline)  # once per process: load_pipeline is cached
    coded = []
    for article, paragraphs in parse_articles(nlp, part.articles, batch_size=config.batch_size):
        mentions = resolve_mentions(paragraphs, on=article.date)
        coded.append((article, mentions.all(), code_events(article, paragraphs, mentions)))
    events = [e for _, _, evs in coded for e in evs]
    target = Path(folder) / f"part-{part.number:06d}"
    aside = Path(folder) / f".part-{part.number:06d}-{uuid.uuid4().hex[:8]}"
    aside.mkdir(parents=True)
    if part.tables == RECORD_TABLES:
        rows = {"records": [[n, e.doc_id, json.dumps(e.as_dict(), ensure_ascii=False)] for n, e in enumerate(events)]}
    else:
        rows = table_rows(coded)
    write_parquet(rows, aside)
    if target.exists():  # a retry of a partition that did finish: keep the first
        shutil.rmtree(aside)
    else:
        aside.rename(target)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return PartitionDone(part.number, part.key, len(coded), len(events), round(peak, 1))


@lru_cache(maxsize=1)
def _part_columns() -> dict[str, dict[str, str]]:
    from .store import table_columns

    return {**table_columns(), "records": {"n": "INTEGER", "doc_id": "VARCHAR", "record": "VARCHAR"}}


def write_parquet(rows: dict[str, list[list[Any]]], folder: Path) -> None:
    """Each table's rows as FOLDER/TABLE.parquet with the store's column types. The rows go
    through a JSON Lines file that DuckDB reads natively: far faster than binding each value."""
    import duckdb

    columns = _part_columns()
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        for table, written in rows.items():
            names = list(columns[table])
            staged = folder / f"{table}.jsonl"
            with open(staged, "w", encoding="utf-8") as f:
                for row in written:
                    f.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str) + "\n")
            spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in columns[table].items()) + "}"
            source = str(staged).replace("'", "''")
            out = str(folder / f"{table}.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM read_json('{source}', format = 'newline_delimited', "
                        f"columns = {spec})) TO '{out}' (FORMAT PARQUET)")
            staged.unlink()
    finally:
        con.close()


class Manifest:
    """The partitions finished so far in a work folder, one JSON line each."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "manifest.jsonl"
        self.done: dict[int, PartitionDone] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    d = json.loads(line)
                    self.done[d["number"]] = PartitionDone(**d)
                except (ValueError, TypeError, KeyError):
                    continue  # a line cut short by a crash: that partition is coded again

    def finished(self, part: Partition) -> bool:
        done = self.done.get(part.number)
        return bool(done and done.key == part.key and (self.path.parent / f"part-{part.number:06d}").is_dir())

    def record(self, done: PartitionDone) -> None:
        self.done[done.number] = done
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(done.__dict__) + "\n")
            f.flush()
            os.fsync(f.fileno())


def _local_worker() -> None:
    """Readies a worker process that this run started (a local pool's, or a local Dask cluster's):
    once sent home, its results delivered and its pool's clean-up done, it ends at once. Python
    would otherwise spend the best part of a second freeing the model and dictionaries object by
    object, and the run waits for its workers to end."""
    atexit.register(os._exit, 0)


class Executor:
    """Runs `code_partition` on local processes or on a Dask cluster; the stages know nothing of it."""

    def __init__(self, kind: str = "local", *, workers: int = 0, scheduler: str | None = None) -> None:
        if kind not in ("local", "dask"):
            raise DetenteError(f"--executor takes local or dask, not {kind!r}")
        self.kind = kind
        self.workers = workers or os.cpu_count() or 1
        self.scheduler = scheduler
        self._pool: Any = None
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> "Executor":
        if self.kind == "dask":
            from dask.distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                import dask

                # the workers' statistical profiler samples the stack a hundred times a second: over
                # spaCy's deep call stacks it slowed the first partitions of a local cluster by half
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                 dashboard_address=None)
                self._client = Client(self._cluster)
                self._client.run(_local_worker)  # the cluster is this run's own: its workers end at once
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_local_worker)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    @property
    def slots(self) -> int:
        if self._client is not None and self.scheduler:
            return max(len(self._client.scheduler_info().get("workers", {})), 1)
        return self.workers

    def submit(self, part: Partition, folder: str, config: Config) -> Any:
        if self._client is not None:
            return self._client.submit(code_partition, part, folder, config, pure=False, retries=2,
                                       key=f"detente-part-{part.number}-{part.key}")
        return self._pool.submit(code_partition, part, folder, config)

    def wait_one(self, futures: set[Any]) -> Any:
        """One future of `futures` that has finished (waiting for the first if none has)."""
        if self._client is not None:
            from dask.distributed import wait
        else:
            from concurrent.futures import wait  # type: ignore[assignment]
        done, _ = wait(futures, return_when="FIRST_COMPLETED")
        return next(iter(done))


def run_partitions(articles: Iterable[Article], folder: Path, *, config: Config, executor: Executor,
                   progress: Callable[[int], None] | None = None,
                   tables: tuple[str, ...]) -> Iterator[PartitionDone]:
    """Code the articles partition by partition, writing `tables` of each, skipping those the work
    folder's manifest holds as finished. Yields every partition's record in input order, each as
    soon as it and those before it are done, so that the caller writes or loads them while the
    workers go on."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(folder)
    size = max(config.partition_size, 1)
    results: dict[int, PartitionDone] = {}
    pending: dict[Any, Partition] = {}
    following = 0  # the number of the next partition to yield

    def ready() -> Iterator[PartitionDone]:
        nonlocal following
        while following in results:
            yield results.pop(following)
            following += 1

    def collect_one() -> None:
        future = executor.wait_one(set(pending))
        part = pending.pop(future)
        done = future.result()
        manifest.record(done)
        results[part.number] = done
        if progress:
            progress(done.articles)

    def partitions() -> Iterator[Partition]:
        chunk: list[Article] = []
        number = 0
        for article in articles:
            chunk.append(article)
            if len(chunk) == size:
                yield make_partition(number, chunk, tables)
                number, chunk = number + 1, []
        if chunk:
            yield make_partition(number, chunk, tables)

    for part in partitions():
        if manifest.finished(part):
            results[part.number] = manifest.done[part.number]
            if progress:
                progress(len(part.articles))
            yield from ready()
            continue
        # what the folder holds of it is not this partition (other articles, other tables) or was never
        # recorded as finished: it goes, so that the worker's write is the one kept
        shutil.rmtree(folder / f"part-{part.number:06d}", ignore_errors=True)
        while len(pending) >= 2 * executor.slots:
            collect_one()
            yield from ready()
        pending[executor.submit(part, str(folder), config)] = part
    while pending:
        collect_one()
        yield from ready()


def read_partition_records(folder: Path, number: int) -> list[tuple[str, str]]:
    """The events of a finished partition as (doc_id, JSON record), in the order they were coded."""
    import duckdb

    path = str(folder / f"part-{number:06d}" / "records.parquet").replace("'", "''")
    return duckdb.sql(f"SELECT doc_id, record FROM read_parquet('{path}') ORDER BY n").fetchall()
