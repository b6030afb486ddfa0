"""detente's stages as ratios to spaCy's own parse of the same text, in one run.

    python benchmarks/bench_pipeline.py [--size 200000] [--runs 3]

On the same files, in this process: spaCy's pipeline parsing each file's text (nlp.pipe);
spaCy parsing the cleaned paragraphs that detente parses; detente reading, cleaning, parsing
and resolving actors (issue 2's figure); and `detente code` end to end, writing JSON Lines
(issue 3's figure). Pipelines are loaded before timing; each figure is the best of --runs.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from common import best_of, corpus

from detente.config import Config
from detente.ingest import read_articles
from detente.nlp import load_pipeline
from detente.run import Analysed, analyse, code_to_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(args.size, Path(tmp))
        texts = [p.read_text(encoding="utf-8") for p in paths]
        paragraphs = [p for a in read_articles(paths, config=config) for _, p in a.paragraphs()]
        spacy_nlp = load_pipeline(config.pipeline, actors=False)
        load_pipeline(config.pipeline)
        out = os.path.join(tmp, "events.jsonl")

        def spacy_texts() -> None:
            for _ in spacy_nlp.pipe(texts, batch_size=config.batch_size):
                pass

        def spacy_paragraphs() -> None:
            for _ in spacy_nlp.pipe(paragraphs, batch_size=config.batch_size):
                pass

        def detente_actors() -> None:
            assert sum(isinstance(x, Analysed) for x in analyse(paths, config=config)) == len(paths)

        def detente_code() -> None:
            summary = code_to_file(paths, out, fmt="jsonl", config=config)
            assert summary.coded + summary.no_events == len(paths)

        timings = {}
        for name, fn in [("spaCy parse of the texts", spacy_texts), ("spaCy parse of the paragraphs", spacy_paragraphs),
                         ("detente ingest + actors", detente_actors), ("detente code, end to end", detente_code)]:
            fn()  # warm up
            timings[name] = best_of(args.runs, fn)
        words = sum(len(t.split()) for t in texts)
        size = sum(len(t.encode("utf-8")) for t in texts)
        base = timings["spaCy parse of the texts"]
        print(f"corpus: {len(paths)} articles, {size / 1000:.0f} KB, {words} words; best of {args.runs}")
        print(f"{'stage':<32}{'seconds':>9}{'words/s':>10}{'ratio':>8}")
        for name, t in timings.items():
            print(f"{name:<32}{t:>9.2f}{words / t:>10,.0f}{t / base:>8.3f}")


if __name__ == "__main__":
    main()
