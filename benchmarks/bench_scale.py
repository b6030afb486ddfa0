"""Throughput and scaling: detente end to end against spaCy's own parse, with 1 and 2 processes.

    python benchmarks/bench_scale.py [--articles 400]

The corpus is built by scripts/make_corpus.py from the demo corpus. spaCy parses the article
texts with `nlp.pipe(n_process=N)`; detente codes them into a JSON Lines file with the local
executor (one process, or N processes by partitions) and with a local Dask cluster of N workers.
Every figure includes starting the processes and loading the model in each, as a user's run
does. Peak memory is the largest resident set of any worker process.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import make  # noqa: E402

from detente.config import Config  # noqa: E402
from detente.run import Manifest, Scale, code_to_file  # noqa: E402

SPACY = """
import json, sys, time
from detente.nlp import load_pipeline
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2])
start = time.perf_counter()
nlp = load_pipeline(actors=False)
for _ in nlp.pipe(texts, batch_size=64, n_process=n):
    pass
print(time.perf_counter() - start)
"""


def spacy_parse(corpus: Path, n: int) -> float:
    """spaCy alone in a fresh process (model loading included): seconds."""
    out = subprocess.run([sys.executable, "-c", SPACY, str(corpus), str(n)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


PEAKS: dict[str, float] = {}


def detente_code(corpus: Path, workers: int, executor: str, parts: int) -> float:
    config = replace(Config(), workers=workers, partition_size=parts)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        code_to_file([str(corpus)], str(Path(tmp) / "events.jsonl"), fmt="jsonl", config=config,
                     scale=Scale(executor, work=str(Path(tmp) / "work")))
        took = time.perf_counter() - start
        if workers > 1:
            PEAKS[executor] = max(p.peak_mb for p in Manifest(Path(tmp) / "work").done.values())
        else:
            PEAKS["one process"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = make(args.articles, seed=7)
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        words = sum(len(r["text"].split()) for r in records)
        n = len(records)
        parts = max(n // 8, 1)
        rows = []
        for procs in (1, 2):
            spacy_s = spacy_parse(corpus, procs)
            rows.append((f"spaCy parse, n_process={procs}", procs, spacy_s, spacy_s))
            if procs == 1:
                rows.append(("detente code, local, 1 process", procs, detente_code(corpus, 1, "local", parts),
                             spacy_s))
            else:
                rows.append((f"detente code, local, {procs} processes", procs,
                             detente_code(corpus, procs, "local", parts), spacy_s))
                rows.append((f"detente code, Dask, {procs} workers", procs,
                             detente_code(corpus, procs, "dask", parts), spacy_s))
        print(f"{n} articles, {words:,} words; partitions of {parts}; every run starts its processes and loads "
              "the model")
        print(f"{'run':<40}{'s':>8}{'articles/s':>12}{'words/s':>10}{'vs spaCy, same processes':>28}")
        for name, procs, secs, base in rows:
            print(f"{name:<40}{secs:8.1f}{n / secs:12.1f}{words / secs:10.0f}{base / secs:28.2f}")
        one = next(s for name, p, s, _ in rows if name.startswith("detente code, local, 1"))
        for name, p, s, _ in rows:
            if name.startswith("detente") and p == 2:
                print(f"scaling, {name.split(', ', 1)[1]}: {one / s:.2f}x one process")
        for where, mb in PEAKS.items():
            print(f"peak resident memory of a worker, {where}: {mb:.0f} MB")


if __name__ == "__main__":
    main()
