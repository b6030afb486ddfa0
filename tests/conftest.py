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
