from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from detente.config import Config
from detente.relations import actor_code, dyad_series, ledger, mediators, top_dyads
from detente.run import ingest_to_store
from detente.events.dates import date_span
from detente.store import Store

ARTICLES = [
    {"id": "a1", "date": "2021-03-02", "text": "Norway severed diplomatic ties with Sweden on Monday."},
    {"id": "a2", "date": "2021-03-03", "text": "Norway cut diplomatic ties with Sweden on Monday, officials said."},
    {"id": "a3", "date": "2022-05-10", "text": "Norway and Sweden restored diplomatic relations on Tuesday."},
    {"id": "a4", "date": "2022-06-01", "text": "Finland sought to mend ties between Norway and Sweden on Wednesday."},
]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict:
    return {
        "articles": table(db, "SELECT doc_id, hash, status, n_events FROM articles ORDER BY doc_id"),
        "events": table(db, "SELECT event_id, source_code, target_code, cameo, date, cluster_id FROM events "
                            "ORDER BY event_id"),
        "evidence": table(db, "SELECT event_id, start_char, end_char FROM evidence ORDER BY ALL"),
        "rejects": table(db, "SELECT origin, reason FROM rejects ORDER BY origin"),
    }


@pytest.mark.parametrize("value,expected", [("2023", ("2023-01-01", "2023-12-31")), ("2022-12", ("2022-12-01", "2022-12-31")),
                                            ("2023-03-14/2023-03-15", ("2023-03-14", "2023-03-15")), (None, (None, None))])
def test_store_date_span(value, expected):
    assert tuple(str(d) if d else None for d in date_span(value)) == expected


@pytest.mark.model
def test_store_ingest_is_idempotent_and_accounts_for_every_record(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES + [{"id": "bad"}])
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    first = ingest_to_store([src, tmp_path / "empty.txt"], db, config=Config())
    assert (first.coded, first.rejected) == (4, 2)
    before = snapshot(db)
    second = ingest_to_store([src, tmp_path / "empty.txt"], db, config=Config())
    assert (second.coded, second.unchanged, second.rejected) == (0, 4, 2)
    assert snapshot(db) == before
    with Store(db, read_only=True) as store:
        counts = store.counts()
        assert counts.articles + counts.rejected == 6
        assert {reason for _, reason, _ in store.rejects()} == {"bad-record", "empty"}


@pytest.mark.model
def test_store_changed_article_replaces_its_events(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest_to_store([write_jsonl(tmp_path / "v1.jsonl", ARTICLES[:1])], db, config=Config())
    changed = [{**ARTICLES[0], "text": "Norway praised Sweden on Monday."}]
    ingest_to_store([write_jsonl(tmp_path / "v2.jsonl", changed)], db, config=Config())
    codes = table(db, "SELECT cameo FROM events WHERE doc_id = 'a1'")
    assert codes == [("051",)]
    assert table(db, "SELECT count(*) FROM articles") == [(1,)]


@pytest.mark.model
def test_store_clusters_reports_of_one_event(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest_to_store([write_jsonl(tmp_path / "in.jsonl", ARTICLES)], db, config=Config())
    rows = table(db, "SELECT count(DISTINCT doc_id), count(DISTINCT cluster_id) FROM events "
                     "WHERE source_code = 'NOR' AND target_code = 'SWE' AND cameo LIKE '16%'")
    assert rows == [(2, 1)]  # two articles, one break of ties
    (cluster,) = table(db, "SELECT reports, articles FROM clusters WHERE source_code = 'NOR' AND cameo LIKE '16%'")
    assert cluster == (2, 2)
    with Store(db, read_only=True) as store:
        store.export(tmp_path / "g.tsv", "gdelt")
    from detente.events.formats import GDELT_FIELDS

    rows = [dict(zip(GDELT_FIELDS, line.split("\t"))) for line in (tmp_path / "g.tsv").read_text().splitlines()]
    assert {r["NumArticles"] for r in rows if r["EventBaseCode"] == "161"} == {"2"}


@pytest.mark.model
def test_store_relations_ledger_mediators_top(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest_to_store([write_jsonl(tmp_path / "in.jsonl", ARTICLES)], db, config=Config())
    with Store(db, read_only=True) as store:
        series = dyad_series(store, "Norway", "SWE", by="year")
        assert {(r.period.year, r.direction) for r in series} >= {(2021, "A->B"), (2022, "A->B"), (2022, "B->A")}
        assert sum(r.events for r in series if r.period.year == 2021) == 1  # clusters, not reports
        assert sum(r.events for r in dyad_series(store, "NOR", "SWE", by="year", reports=True)
                   if r.period.year == 2021) == 2
        whats = [(e.day.year if e.day else None, e.what) for e in ledger(store, "NOR", "SWE")]
        assert (2021, "diplomatic ties broken") in whats and (2022, "diplomatic cooperation (ties restored)") in whats
        (triangle,) = mediators(store, "NOR")
        assert (triangle.mediator, {triangle.party_a, triangle.party_b}) == ("FIN", {"NOR", "SWE"})
        best = top_dyads(store, limit=1)[0]
        assert (best.a, best.b) == ("NOR", "SWE")


@pytest.mark.parametrize("name,code", [("TUR", "TUR"), ("SYRGOV", "SYRGOV"), ("Turkey", "TUR"), ("Erdogan", "TURGOV"),
                                       ("the Kremlin", "RUSGOV")])
def test_store_actor_names_and_codes(name, code):
    assert actor_code(name) == code


@pytest.mark.model
def test_store_export_parquet_by_month(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest_to_store([write_jsonl(tmp_path / "in.jsonl", ARTICLES)], db, config=Config())
    with Store(db, read_only=True) as store:
        n = store.export(tmp_path / "parquet", "parquet")
        m = store.export(tmp_path / "events.tsv", "gdelt")
    assert n == m > 0
    months = sorted(p.name for p in (tmp_path / "parquet").iterdir())
    assert months == ["year_month=2021-03", "year_month=2022-05", "year_month=2022-06"]
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/parquet/*/*.parquet', hive_partitioning=1)")
    assert count.fetchall()[0][0] == n


@pytest.mark.model
def test_store_survives_kill_9(tmp_path):
    """A run killed at any moment, run again, ends with the store of an uninterrupted run."""
    records = [{"id": f"d{i:03d}", "date": f"2020-{1 + i % 12:02d}-{1 + i % 27:02d}",
                "text": f"Norway hosted Sweden on Monday for talks number {i}. Finland praised Norway."}
               for i in range(80)]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    whole = tmp_path / "whole.duckdb"
    ingest_to_store([src], whole, config=Config())
    killed = tmp_path / "killed.duckdb"
    code = ("import sys; from detente.config import Config; from detente.run import ingest_to_store; "
            f"ingest_to_store([{str(src)!r}], {str(killed)!r}, config=Config(), batch=5, "
            "committed=lambda n: print('committed', n, flush=True))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    for _ in range(3):  # let three batches land, then kill it in the middle of the next
        assert proc.stdout.readline().startswith("committed"), "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    partial = table(killed, "SELECT count(*) FROM articles")[0][0]
    assert 15 <= partial < len(records)
    ingest_to_store([src], killed, config=Config())
    assert snapshot(killed) == snapshot(whole)
