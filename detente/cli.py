"""The `detente` command: one small command per verb, each around an importable function."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Callable

import click

from .config import Config, load_config
from .errors import DetenteError
from .model import Rejection


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A TOML file of settings.")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override one setting.")
@click.version_option(package_name="detente")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, overrides: tuple[str, ...]) -> None:
    """detente: political event data from news text."""
    try:
        ctx.obj = load_config(config_path, overrides)
    except DetenteError as e:
        raise click.UsageError(str(e)) from None


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--on", callback=_date, help="Resolve offices on this date (default: each article's date).")
@click.option("--date", callback=_date, help="The publication date of every input.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.pass_obj
def actors(config: Config, inputs: tuple[str, ...], on: dt.date | None, date: dt.date | None, fmt: str) -> None:
    """List every actor mention: span, code, canonical name and the rule that resolved it."""
    from .run import analyse, report_rejection, write_jsonl

    rejected = read = 0
    for item in analyse(inputs, config=config, date=date, on=on):
        if isinstance(item, Rejection):
            report_rejection(item)
            rejected += 1
            continue
        read += 1
        rows = [{"doc_id": item.article.id, **m.as_dict()} for m in item.mentions.all()]
        if fmt == "jsonl":
            write_jsonl(rows, sys.stdout)
            continue
        when = on or item.article.date
        click.echo(f"# {item.article.id} ({when or 'no date'})")
        for r in rows:
            codes = ",".join(r["codes"])
            names = ", ".join(n for n in r["names"] if n) or "-"
            place = " (place)" if r["place"] else ""
            click.echo(f"{r['start']:>6}-{r['end']:<6} {r['text'][:40]:<40} {codes:<16} {names[:40]:<40} {r['rule']}{place}")
    click.echo(f"{read} read, {rejected} rejected", err=True)


def SCALE_OPTIONS(f: Callable) -> Callable:
    """--executor, --workers, --scheduler and --work, shared by code and ingest."""
    for option in reversed([
        click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Local processes, or Dask (a local cluster, or --scheduler)."),
        click.option("--workers", type=click.IntRange(0, 1024), default=None,
                     help="Processes or local Dask workers (default: the workers setting; 0: one per core)."),
        click.option("--scheduler", help="The address of an existing Dask scheduler (tcp://host:8786)."),
        click.option("--work", type=click.Path(file_okay=False),
                     help="Keep partitions and their manifest here, to resume after a crash (a folder every "
                          "worker can write to)."),
    ]):
        f = option(f)
    return f


def _scale(config: Config, executor: str, workers: int | None, scheduler: str | None, work: str | None):
    from .run import Scale

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler goes with --executor dask")
    if workers is not None:
        config = config.with_values({"workers": workers})
    return config, Scale(executor, scheduler, work)


def _progress() -> Callable[[int], None]:
    done = [0]

    def update(n: int) -> None:
        done[0] += n
        click.echo(f"\rcoded {done[0]} articles", nl=False, err=True)
    return update


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write the events (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "gdelt", "plover"]), default="jsonl",
              show_default=True)
@click.option("--date", callback=_date, help="The publication date of every input (YYYY-MM-DD).")
@SCALE_OPTIONS
@click.pass_obj
def code(config: Config, inputs: tuple[str, ...], output: str, fmt: str, date: dt.date | None, executor: str,
         workers: int | None, scheduler: str | None, work: str | None) -> None:
    """Code articles into events (shared/spec/EVENTS.md)."""
    from .run import code_to_file

    config, scale = _scale(config, executor, workers, scheduler, work)
    summary = code_to_file(inputs, output, fmt=fmt, config=config, date=date, progress=sys.stderr.isatty(),
                           scale=scale)
    click.echo(summary.line(), err=True)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--ontology", type=click.Choice(["cameo", "plover"]), default="cameo", show_default=True)
@click.option("--show", type=int, default=0, help="List up to N misses and N extras.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Write the full result here.")
@click.pass_obj
def evaluate(config: Config, gold: str, ontology: str, show: int, json_out: str | None) -> None:
    """Code the texts of a gold file and print precision, recall and F1 against its events."""
    from .evaluate import evaluate_file, format_result

    result = evaluate_file(gold, config=config, ontology=ontology)
    click.echo(format_result(result, show=show))
    if json_out:
        import json

        Path(json_out).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")


def demo_inputs() -> list[str]:
    """The bundled demo corpus."""
    from importlib import resources

    return [str(resources.files("detente.data").joinpath("demo", "articles.jsonl"))]


DB_OPTION = click.option("--db", type=click.Path(dir_okay=False), default=None,
                         help="The store (default: the db setting, detente.duckdb).")
SINCE = click.option("--from", "since", callback=_date, help="From this date (YYYY-MM-DD).")
UNTIL = click.option("--to", "until", callback=_date, help="Up to this date (YYYY-MM-DD).")


def _store(config: Config, db: str | None, *, read_only: bool = True):
    from .store import Store

    path = db or config.db
    if read_only and not Path(path).exists():
        raise click.UsageError(f"{path}: no store here; create it with detente ingest INPUT --db {path}")
    return Store(path, read_only=read_only)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@DB_OPTION
@click.option("--date", callback=_date, help="The publication date of every input (YYYY-MM-DD).")
@SCALE_OPTIONS
@click.pass_obj
def ingest(config: Config, inputs: tuple[str, ...], db: str | None, date: dt.date | None, executor: str,
           workers: int | None, scheduler: str | None, work: str | None) -> None:
    """Code articles and store them with their events, evidence and actors."""
    from .run import ingest_to_store

    config, scale = _scale(config, executor, workers, scheduler, work)
    summary = ingest_to_store(inputs, db or config.db, config=config, date=date, scale=scale,
                              progress=_progress() if sys.stderr.isatty() else None)
    click.echo(summary.line(), err=True)


@cli.command()
@DB_OPTION
@click.pass_obj
def status(config: Config, db: str | None) -> None:
    """Count what the store holds, and list the rejected records with their reasons."""
    with _store(config, db) as store:
        c = store.counts()
        click.echo(f"{c.articles + c.rejected} records: {c.coded} coded, {c.no_events} with no events, "
                   f"{c.rejected} rejected; {c.events} events in {c.clusters} clusters")
        for origin, reason, message in store.rejects():
            click.echo(f"rejected\t{reason}\t{message}")


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "plover"]), default="parquet",
              show_default=True)
@click.option("-o", "--output", required=True, help="A folder for Parquet, a file otherwise.")
@click.pass_obj
def export(config: Config, db: str | None, fmt: str, output: str) -> None:
    """Export the stored events (Parquet is partitioned by year-month)."""
    with _store(config, db) as store:
        n = store.export(output, fmt)
    click.echo(f"{n} events written to {output}", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True)
@SINCE
@UNTIL
@click.option("--modality", default="asserted", show_default=True, help="'any' for every modality.")
@click.option("--reports", is_flag=True, help="Count reports instead of event clusters.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Draw the series to FILE.svg (or .png).")
@click.pass_obj
def relations(config: Config, a: str, b: str, db: str | None, by: str, since: dt.date | None,
              until: dt.date | None, modality: str, reports: bool, plot: str | None) -> None:
    """The dyad's series in both directions: counts by quad class, Goldstein sum and mean."""
    from .relations import dyad_series, plot_series

    with _store(config, db) as store:
        rows = dyad_series(store, a, b, by=by, since=since, until=until,
                           modality=None if modality == "any" else modality, reports=reports)
    click.echo(f"{'period':<12}{'dir':<6}{'events':>7}{'v.coop':>7}{'m.coop':>7}{'v.conf':>7}{'m.conf':>7}"
               f"{'gold.sum':>10}{'gold.mean':>10}")
    for r in rows:
        click.echo(f"{r.period!s:<12}{r.direction:<6}{r.events:>7}{r.verbal_coop:>7}{r.material_coop:>7}"
                   f"{r.verbal_conflict:>7}{r.material_conflict:>7}{r.goldstein_sum:>10.1f}{r.goldstein_mean:>10.2f}")
    if plot:
        plot_series(rows, plot, title=f"{a} and {b}: Goldstein sum by {by} (A->B is {a} to {b})")
        click.echo(f"chart written to {plot}", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@DB_OPTION
@SINCE
@UNTIL
@click.pass_obj
def ledger(config: Config, a: str, b: str, db: str | None, since: dt.date | None, until: dt.date | None) -> None:
    """The dyad's diplomatic history: dated turning points, each with its evidence."""
    from .relations import ledger as dyad_ledger

    with _store(config, db) as store:
        for e in dyad_ledger(store, a, b, since=since, until=until):
            click.echo(format_ledger_entry(e))


def format_ledger_entry(e) -> str:
    mod = "" if e.modality == "asserted" else f" ({e.modality})"
    return (f"{e.date or 'undated':<24} {e.source} -> {e.target} {e.cameo} {e.what}{mod}\n"
            f"{'':<24} \"{e.evidence[:150]}\" [{e.doc_id}]")


@cli.command()
@click.argument("a", required=False)
@click.argument("b", required=False)
@DB_OPTION
@click.pass_obj
def mediators(config: Config, a: str | None, b: str | None, db: str | None) -> None:
    """Triangles in which a third party mediates between two others."""
    from .relations import mediators as find_mediators

    with _store(config, db) as store:
        for t in find_mediators(store, a, b):
            click.echo(format_triangle(t))


def format_triangle(t) -> str:
    what = "mediates" if t.cameo == "045" else "offers to mediate"
    return f"{t.date or 'undated':<24} {t.mediator} {what} between {t.party_a} and {t.party_b} [{t.doc_id}]"


@cli.command()
@DB_OPTION
@click.option("--by", type=click.Choice(["events", "change"]), default="events", show_default=True)
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--split", callback=_date, help="With --by change: the date between the two periods.")
@SINCE
@UNTIL
@click.pass_obj
def top(config: Config, db: str | None, by: str, limit: int, split: dt.date | None, since: dt.date | None,
        until: dt.date | None) -> None:
    """The most active dyads, or those whose relations changed most between two periods."""
    from .relations import top_dyads

    with _store(config, db) as store:
        rows = top_dyads(store, limit=limit, by=by, split=split, since=since, until=until)
    for r in rows:
        change = "" if r.change is None else f"  change {r.change:+.2f}"
        click.echo(f"{r.a}-{r.b:<8}{r.events:>6} events  mean Goldstein {r.goldstein_mean:+.2f}{change}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port.")
@click.pass_obj
def serve(config: Config, db: str | None, host: str, port: int) -> None:
    """Explore the store in a browser: the network of relations, dyads, articles and search."""
    from .web.app import serve as run_server

    path = db or config.db
    if not Path(path).exists():
        raise click.UsageError(f"{path}: no store here; create it with detente ingest INPUT --db {path}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, not only this machine; the explorer has no login", err=True)
    run_server(path, host=host, port=port, announce=click.echo)


@cli.command()
@click.option("--db", default="detente-demo.duckdb", show_default=True, help="The store to build.")
@click.option("--chart", default="detente-demo-TUR-SYR.svg", show_default=True, help="The chart to draw.")
@click.pass_obj
def demo(config: Config, db: str, chart: str) -> None:
    """Ingest the bundled demo corpus into a DuckDB file and print a report."""
    from .relations import dyad_series, ledger as dyad_ledger, mediators as find_mediators, plot_series, top_dyads
    from .run import ingest_to_store

    summary = ingest_to_store(demo_inputs(), db, config=config)
    click.echo(f"detente demo: {summary.line()}")
    with _store(config, db) as store:
        click.echo(f"\nstore: {db}\n\nmost active dyads:")
        for r in top_dyads(store, limit=8):
            click.echo(f"  {r.a}-{r.b:<8}{r.events:>4} events  mean Goldstein {r.goldstein_mean:+.2f}")
        click.echo("\nTurkey-Syria ledger:")
        for e in dyad_ledger(store, "TUR", "SYR"):
            click.echo("  " + format_ledger_entry(e).replace("\n", "\n  "))
        click.echo("\nmediators:")
        for t in find_mediators(store):
            click.echo("  " + format_triangle(t))
        plot_series(dyad_series(store, "TUR", "SYR", by="year"), chart,
                    title="Turkey and Syria: Goldstein sum by year (A->B is Turkey to Syria)")
    click.echo(f"\nchart: {chart}")


def main() -> None:
    """Entry point: translate detente's errors into one line and an exit code."""
    try:
        cli(standalone_mode=True)
    except DetenteError as e:
        click.echo(f"detente: {e}", err=True)
        sys.exit(2)
