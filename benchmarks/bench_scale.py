"""Throughput and scaling: detente end to end against spaCy's own parse, with 1 and 2 processes.

    python benchmarks/bench_scale.py [--articles 400] [--runs 1]

The corpus is built by scripts/make_corpus.py from the demo corpus. spaCy parses the article
texts with `nlp.pipe(n_process=N)`; detente codes them into a JSON Lines file with the local
executor (one process, or N processes by partitions) and with a local Dask cluster of N workers.
Every figure includes starting the processes and loading the model in each, as a user's run
does: each is timed inside a fresh process from its script's first line, imports, reading and
model loading included, to the end of the work (not the interpreter's own start and exit).
Peak memory is the largest resident set of any worker process.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import make  # noqa: E402

from detente.config import Config  # noqa: E402


SPACY = """
import time
start = time.perf_counter()
import json, sys
from detente.nlp import load_pipeline
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2])
nlp = load_pipeline(actors=False)
for _ in nlp.pipe(texts, n_process=n):
    pass
print(time.perf_counter() - start)
"""


def spacy_parse(corpus: Path, n: int) -> float:
    """spaCy alone in a fresh process (reading the corpus and loading the model included), with
    its own batch size: seconds."""
    out = subprocess.run([sys.executable, "-c", SPACY, str(corpus), str(n)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def spacy_side_by_side(halves: tuple[Path, Path]) -> float:
    """Two independent one-process spaCy parses at once, each of half the corpus: seconds until the
    slower ends. What two cores give a CPU-bound spaCy process here, with no coordination at all."""
    procs = [subprocess.Popen([sys.executable, "-c", SPACY, str(h), "1"], stdout=subprocess.PIPE, text=True)
             for h in halves]
    times = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode:
            raise SystemExit("spaCy side by side failed")
        times.append(float(out.strip().splitlines()[-1]))
    return max(times)


DETENTE = """
import time
start = time.perf_counter()
import resource, sys
from dataclasses import replace
from pathlib import Path
from detente.config import Config
from detente.run import Manifest, Scale, code_to_file
if __name__ == "__main__":
    corpus, out, work, executor, workers, parts = sys.argv[1:7]
    config = replace(Config(), workers=int(workers), partition_size=int(parts))
    code_to_file([corpus], out, fmt="jsonl", config=config, scale=Scale(executor, work=work))
    took = time.perf_counter() - start
    done = Manifest(Path(work)).done.values() if Path(work).exists() else []
    peak = max([p.peak_mb for p in done] or [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
    print(took, peak)
"""

PEAKS: dict[str, float] = {}


def detente_code(corpus: Path, workers: int, executor: str, parts: int) -> float:
    """`detente code` in a fresh process (starting it and loading the model included): seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run_detente.py"  # spawned workers re-import the main module: a file, not -c
        script.write_text(DETENTE, encoding="utf-8")
        out = subprocess.run([sys.executable, str(script), str(corpus), str(Path(tmp) / "events.jsonl"),
                              str(Path(tmp) / "work"), executor, str(workers), str(parts)],
                             capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"detente code failed: {out.stderr.strip()[-2000:]}")
        took, peak = map(float, out.stdout.split()[-2:])
    where = "one process" if workers == 1 else executor
    PEAKS[where] = max(PEAKS.get(where, 0.0), peak)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--runs", type=int, default=1, help="repeat every run, interleaved, and keep the best")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = make(args.articles, seed=7)
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        halves = (Path(tmp) / "half-1.jsonl", Path(tmp) / "half-2.jsonl")
        for k, half in enumerate(halves):
            half.write_text("".join(json.dumps(r) + "\n" for r in records[k::2]), encoding="utf-8")
        words = sum(len(r["text"].split()) for r in records)
        n = len(records)
        parts = Config().partition_size  # what a user's run takes
        runs = {
            "spaCy parse, n_process=1": (1, lambda: spacy_parse(corpus, 1)),
            "detente code, 1 process": (1, lambda: detente_code(corpus, 1, "local", parts)),
            "spaCy parse, n_process=2": (2, lambda: spacy_parse(corpus, 2)),
            "spaCy, 2 independent processes": (2, lambda: spacy_side_by_side(halves)),
            "detente code, local, 2 processes": (2, lambda: detente_code(corpus, 2, "local", parts)),
            "detente code, Dask, 2 workers": (2, lambda: detente_code(corpus, 2, "dask", parts)),
        }
        best: dict[str, float] = {}
        for _ in range(args.runs):
            for name, (_, run) in runs.items():
                best[name] = min(best.get(name, float("inf")), run())
        print(f"{n} articles, {words:,} words; partitions of {parts}; best of {args.runs}; every run starts its "
              "processes and loads the model")
        print(f"{'run':<40}{'s':>8}{'articles/s':>12}{'words/s':>10}{'vs spaCy, same processes':>28}")
        for name, (procs, _) in runs.items():
            base = best[f"spaCy parse, n_process={procs}"]
            print(f"{name:<40}{best[name]:8.1f}{n / best[name]:12.1f}{words / best[name]:10.0f}"
                  f"{base / best[name]:28.2f}")
        for one, two in [("spaCy parse, n_process=1", "spaCy parse, n_process=2"),
                         ("spaCy parse, n_process=1", "spaCy, 2 independent processes"),
                         ("detente code, 1 process", "detente code, local, 2 processes"),
                         ("detente code, 1 process", "detente code, Dask, 2 workers")]:
            print(f"scaling, {two}: {best[one] / best[two]:.2f}x one process")
        for where, mb in PEAKS.items():
            print(f"peak resident memory of a worker, {where}: {mb:.0f} MB")


if __name__ == "__main__":
    main()
