"""The `detente` command: one small command per verb, each around an importable function."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

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


def _progress(total_hint: int | None = None):
    """A progress counter on standard error when it is a terminal."""
    if not sys.stderr.isatty():
        return None, None
    bar = click.progressbar(length=total_hint or 0, label="articles", file=sys.stderr, show_pos=True)
    bar.__enter__()
    return bar.update, bar


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


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write the events (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "gdelt", "plover"]), default="jsonl",
              show_default=True)
@click.option("--date", callback=_date, help="The publication date of every input (YYYY-MM-DD).")
@click.pass_obj
def code(config: Config, inputs: tuple[str, ...], output: str, fmt: str, date: dt.date | None) -> None:
    """Code articles into events (shared/spec/EVENTS.md)."""
    from .run import code_to_file

    summary = code_to_file(inputs, output, fmt=fmt, config=config, date=date, progress=sys.stderr.isatty())
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


@cli.command()
@click.pass_obj
def demo(config: Config) -> None:
    """Run detente on its bundled demo corpus and print a report."""
    from collections import Counter

    from .run import analyse, report_rejection

    counts: Counter[str] = Counter()
    articles = 0
    for item in analyse(demo_inputs(), config=config):
        if isinstance(item, Rejection):
            report_rejection(item)
            continue
        articles += 1
        for m in item.mentions.all():
            if not m.is_place:
                counts.update(a.code for a in m.actors)
    click.echo(f"detente demo: {articles} articles, {sum(counts.values())} actor mentions")
    click.echo("most mentioned actors:")
    for code, n in counts.most_common(15):
        click.echo(f"  {code:<12} {n}")


def main() -> None:
    """Entry point: translate detente's errors into one line and an exit code."""
    try:
        cli(standalone_mode=True)
    except DetenteError as e:
        click.echo(f"detente: {e}", err=True)
        sys.exit(2)
