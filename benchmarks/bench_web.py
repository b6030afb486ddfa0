"""The explorer over a million events: how fast the overview and a dyad page answer.

    python benchmarks/bench_web.py [--events 1000000]

Builds the synthetic store of bench_store.py, serves it with uvicorn on 127.0.0.1, and times
what a browser asks for over HTTP (best of five, after one warm-up): the overview is the page
and /api/network; the dyad page is the page, /api/dyad and /api/dyad/events.
"""
from __future__ import annotations

import argparse
import tempfile
import urllib.request
from pathlib import Path

from bench_store import build
from common import best_of

from detente.store import Store
from detente.web.app import create_app, serving


def fetch(url: str) -> None:
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        assert r.status == 200, url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            build(store, args.events)
            store.summarise()
            n = store.query("SELECT count(*) FROM events")[0][0]
        with serving(create_app(db)) as base:
            run_pages(base, n)


def run_pages(base: str, n: int) -> None:
    """Time each page's requests, best of five."""
    pages = {
        "overview": ["/", "/api/network"],
        "overview, one year, roots 18-20": ["/", "/api/network?from=2020-01-01&to=2020-12-31&roots=18,19,20"],
        "dyad page TUR-SYR": ["/dyad?a=TUR&b=SYR", "/api/dyad?a=TUR&b=SYR", "/api/dyad/events?a=TUR&b=SYR"],
        "dyad page by year": ["/dyad?a=TUR&b=SYR&by=year", "/api/dyad?a=TUR&b=SYR&by=year",
                              "/api/dyad/events?a=TUR&b=SYR"],
    }
    print(f"explorer over {n:,} synthetic events (all requests of a page, one after another, over HTTP)")
    for name, urls in pages.items():
        took = best_of(5, lambda urls=urls: [fetch(base + u) for u in urls])
        print(f"  {name:<34}{took * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
