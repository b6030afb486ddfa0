"""Shared fixtures: the pipeline, the seed article and paths to the gold in ../shared."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data" / "seed" / "moscow-times-2023-03-15.txt"


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or a skip that says why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the gold lives in ../shared beside the checkout (CI has it)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_article():
    from detente.ingest import read_articles

    (article,) = list(read_articles([shared_file("data", "seed", SEED.name)]))
    return article


@pytest.fixture(scope="session")
def seed_mentions(nlp, seed_article):
    from detente.actors.resolve import resolve_mentions
    from detente.nlp import parse_articles

    ((article, paragraphs),) = list(parse_articles(nlp, [seed_article]))
    return resolve_mentions(paragraphs, on=article.date).all()


@pytest.fixture(scope="session")
def mentions_of(nlp):
    """Resolve the actor mentions of a text written for a test."""
    from detente.actors.resolve import resolve_mentions
    from detente.ingest import make_article
    from detente.config import Config
    from detente.nlp import parse_articles

    def run(text: str, on: dt.date = dt.date(2023, 3, 15)):
        article = make_article(text, id="t", origin="test", config=Config(min_english=0.0), given_date=on)
        ((_, paragraphs),) = list(parse_articles(nlp, [article]))
        return resolve_mentions(paragraphs, on=on).all()

    return run


HOSTILE_ARTICLE = {
    "id": "hostile-markup",
    "date": "2024-05-06",
    "title": "Ankara talks <script>window.__detente_xss = 'title'</script>",
    "text": ("Turkish President Recep Tayyip Erdogan met Syrian President Bashar al-Assad in Ankara on Monday "
             "<img src=x onerror=\"window.__detente_xss = 'img'\">.\n\n"
             "<script>window.__detente_xss = 'script'</script> Turkey condemned Syria on Monday for the shelling "
             "of a border town, and said that it would respond to any further attack on its soldiers.\n\n"
             "The two leaders had not met since the fighting began, and their talks were the first in more "
             "than a decade, according to officials who were present at the meeting."),
}


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, nlp):
    """A store of the bundled demo corpus, plus one article full of markup: its path."""
    import json

    from detente.cli import demo_inputs
    from detente.config import Config
    from detente.run import ingest_to_store

    folder = tmp_path_factory.mktemp("demo-store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    db = folder / "demo.duckdb"
    ingest_to_store([*demo_inputs(), str(hostile)], db, config=Config())
    return db


@pytest.fixture(scope="session")
def code(nlp):
    """A function from one text (published on a Wednesday unless told) to its coded events."""
    import datetime as dt

    from detente.actors.resolve import resolve_mentions
    from detente.config import Config
    from detente.events.coder import code_events
    from detente.ingest import make_article
    from detente.nlp import parse_articles

    def run(text: str, on: dt.date = dt.date(2024, 6, 12)):
        article = make_article(text, id="t", origin="test", config=Config(min_english=0.0), given_date=on)
        ((art, paragraphs),) = list(parse_articles(nlp, [article]))
        return code_events(art, paragraphs, resolve_mentions(paragraphs, on=on))

    return run
