"""The store at scale: a dyad series and `top` over a million events, and the ingest rate.

    python benchmarks/bench_store.py [--events 1000000] [--articles 200]

Builds a store of synthetic events (random dyads among 60 countries, CAMEO codes, dates over
ten years, one cluster per event) with DuckDB itself, summarises it as every ingest run does, then times `dyad_series` and
`top_dyads` (best of five, after one warm-up), and `ingest_to_store` on demo articles.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import DEMO, best_of

from detente.config import Config
from detente.relations import dyad_series, top_dyads
from detente.run import ingest_to_store
from detente.store import Store

COUNTRIES = ("USA RUS CHN TUR SYR IRN SAU ISR PSE EGY JOR LBN IRQ ARE QAT UKR POL DEU FRA GBR ITA ESP IND PAK AFG "
             "JPN KOR PRK IDN AUS BRA ARG MEX CAN ZAF NGA ETH ERI KEN SDN LBY TUN DZA MAR YEM OMN KWT BHR ARM AZE GEO "
             "BLR KAZ UZB VNM THA MMR PHL MYS SGP").split()


def build(store: Store, n: int) -> None:
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    cameo = "['010','036','040','042','043','044','045','046','050','051','057','070','111','112','120','130','138','161','163','173','190','193']"
    store.con.execute(f"""
        INSERT INTO events (event_id, doc_id, source_code, source_country, target_code, target_country, cameo, root,
                            quad_class, goldstein, modality, date, date_start, date_end, cluster_id)
        SELECT 's' || i, 'doc' || (i // 5), s || 'GOV', s, t || 'GOV', t, c, substr(c, 1, 2),
               CASE WHEN c < '06' THEN 1 WHEN c < '09' THEN 2 WHEN c < '14' THEN 3 ELSE 4 END,
               CASE WHEN c < '09' THEN 3.0 ELSE -5.0 END, 'asserted', d::VARCHAR, d, d, 's' || i
        FROM (SELECT i, {countries}[1 + (hash(i) % {len(COUNTRIES)})::INT] AS s,
                        {countries}[1 + (hash(i * 7 + 3) % {len(COUNTRIES)})::INT] AS t,
                        {cameo}[1 + (hash(i * 13 + 1) % 22)::INT] AS c,
                        DATE '2015-01-01' + ((hash(i * 31 + 7) % 3650)::INT) AS d
              FROM range({n * 21 // 20}) r(i)) WHERE s <> t LIMIT {n}
    """)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            start = time.perf_counter()
            build(store, args.events)
            built = time.perf_counter() - start
            start = time.perf_counter()
            store.summarise()
            summarised = time.perf_counter() - start
            n = store.query("SELECT count(*) FROM events")[0][0]
            dyad_series(store, "TUR", "SYR", by="month")
            top_dyads(store)
            series = best_of(5, lambda: dyad_series(store, "TUR", "SYR", by="month"))
            top = best_of(5, lambda: top_dyads(store, limit=10))
            change = best_of(5, lambda: top_dyads(store, limit=10, by="change"))
        print(f"store of {n:,} synthetic events built in {built:.1f} s, summarised in {summarised:.2f} s")
        print(f"dyad series (TUR-SYR by month):   {series * 1000:7.1f} ms")
        print(f"top 10 dyads:                     {top * 1000:7.1f} ms")
        print(f"top 10 dyads by change:           {change * 1000:7.1f} ms")
        records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
        corpus = Path(tmp) / "articles.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for k in range(args.articles):
                rec = dict(records[k % len(records)])
                rec["id"] = f"{rec['id']}-{k}"
                rec["text"] = rec["text"] + f"\n\nThis is copy {k} of the story."  # a new text, a new article
                f.write(json.dumps(rec) + "\n")
        start = time.perf_counter()
        summary = ingest_to_store([corpus], Path(tmp) / "ingest.duckdb", config=Config())
        took = time.perf_counter() - start
        print(f"ingest: {args.articles} articles, {summary.events} events in {took:.1f} s: "
              f"{args.articles / took:.1f} articles/s, {summary.events / took:.0f} events/s (coding included)")


if __name__ == "__main__":
    main()
