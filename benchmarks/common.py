"""Shared helpers for the benchmarks: a corpus of about N bytes, and timing by best of runs."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "data" / "seed" / "moscow-times-2023-03-15.txt"
DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"


def sample_texts() -> list[str]:
    """The seed article when ../shared is there, else the bundled demo corpus."""
    if SEED.exists():
        return [SEED.read_text(encoding="utf-8")]
    return [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus(size: int, folder: Path) -> list[Path]:
    """Files of the sample repeated until about `size` bytes, one article per file."""
    texts = sample_texts()
    paths, total, n = [], 0, 0
    while total < size:
        text = texts[n % len(texts)]
        path = folder / f"article-{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += len(text.encode("utf-8"))
        n += 1
    return paths


def best_of(runs: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
