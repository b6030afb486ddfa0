"""Ingest plus actor resolution, as a ratio to spaCy's own parse of the same text.

    python benchmarks/bench_actors.py [--size 200000] [--runs 3]

Both sides run in this process on the same files: spaCy's pipeline parsing each file's text
(nlp.pipe), and detente reading, cleaning, parsing paragraph by paragraph, matching and
resolving actors. A second baseline parses the cleaned paragraphs that detente parses, so
that its ratio is detente's own overhead. Pipelines are loaded before timing. The figures
are the best of --runs.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import best_of, corpus

from detente.config import Config
from detente.ingest import read_articles
from detente.nlp import load_pipeline
from detente.run import Analysed, analyse


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(args.size, Path(tmp))
        texts = [p.read_text(encoding="utf-8") for p in paths]
        spacy_nlp = load_pipeline(config.pipeline, actors=False)
        load_pipeline(config.pipeline)  # detente's, with its components

        def spacy_parse() -> None:
            for _ in spacy_nlp.pipe(texts, batch_size=config.batch_size):
                pass

        paragraphs = [p for a in read_articles(paths, config=config) for _, p in a.paragraphs()]

        def spacy_paragraphs() -> None:
            for _ in spacy_nlp.pipe(paragraphs, batch_size=config.batch_size):
                pass

        def detente_run() -> None:
            n = sum(isinstance(x, Analysed) for x in analyse(paths, config=config))
            assert n == len(paths)

        spacy_parse(), detente_run()  # warm up
        t_spacy = best_of(args.runs, spacy_parse)
        t_paras = best_of(args.runs, spacy_paragraphs)
        t_detente = best_of(args.runs, detente_run)
        size = sum(len(t.encode("utf-8")) for t in texts)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(paths)} articles, {size / 1000:.0f} KB, {words} words")
        print(f"spaCy parse:                 {t_spacy:.2f} s ({words / t_spacy:,.0f} words/s)")
        print(f"detente ingest + actors:     {t_detente:.2f} s ({words / t_detente:,.0f} words/s)")
        print(f"spaCy parse of paragraphs:   {t_paras:.2f} s ({words / t_paras:,.0f} words/s)")
        print(f"ratio detente / spaCy parse of the texts:      {t_detente / t_spacy:.3f}")
        print(f"ratio detente / spaCy parse of the paragraphs: {t_detente / t_paras:.3f}")


if __name__ == "__main__":
    main()
