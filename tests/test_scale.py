"""Spreading the work: partitions on local processes and on a local Dask cluster give the same
events as one process, and a run started again resumes from its manifest."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from detente.cli import demo_inputs
from detente.config import Config
from detente.run import Manifest, Scale, code_to_file, ingest_to_store
from detente.store import Store

pytestmark = pytest.mark.model
SMALL_PARTS = Config(partition_size=8, workers=2)


@pytest.fixture(scope="module")
def local_events(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("local") / "events.jsonl"
    code_to_file(demo_inputs(), str(out), fmt="jsonl", config=replace(SMALL_PARTS, workers=1))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_scale_executors_give_the_same_events(tmp_path, local_events, executor):
    out = tmp_path / "events.jsonl"
    summary = code_to_file(demo_inputs(), str(out), fmt="jsonl", config=SMALL_PARTS, scale=Scale(executor))
    assert out.read_text(encoding="utf-8") == local_events
    assert summary.events == len(local_events.splitlines())
    assert not (tmp_path / "events.jsonl.parts").exists(), "the work folder goes once the run is done"


def test_scale_resumes_from_the_manifest(tmp_path, local_events):
    work = tmp_path / "work"
    out = tmp_path / "events.jsonl"
    code_to_file(demo_inputs(), str(out), fmt="jsonl", config=SMALL_PARTS, scale=Scale("local", work=str(work)))
    manifest = Manifest(work)
    assert len(manifest.done) == 6  # 43 articles in partitions of 8
    # a crash: the last partition never finished, another was cut short mid-write
    lines = manifest.path.read_text(encoding="utf-8").splitlines()
    manifest.path.write_text("\n".join(lines[:-2]) + "\n" + lines[-2][:15], encoding="utf-8")
    (work / ".part-000099-deadbeef").mkdir()  # what a dying worker leaves
    recoded = {json.loads(line)["number"] for line in lines[-2:]}
    stamps = {p.name: p.stat().st_mtime_ns for p in work.glob("part-*")}
    for name in (f"part-{n:06d}" for n in recoded):
        shutil.rmtree(work / name)
    code_to_file(demo_inputs(), str(out), fmt="jsonl", config=SMALL_PARTS, scale=Scale("local", work=str(work)))
    assert out.read_text(encoding="utf-8") == local_events
    again = {p.name: p.stat().st_mtime_ns for p in work.glob("part-*")}
    assert {n for n in again if again[n] != stamps.get(n)} == {f"part-{n:06d}" for n in recoded}


def test_scale_ingest_with_dask_matches_local(tmp_path, nlp):
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    a = ingest_to_store(demo_inputs(), local_db, config=replace(SMALL_PARTS, workers=1))
    b = ingest_to_store(demo_inputs(), dask_db, config=SMALL_PARTS, scale=Scale("dask"))
    assert (a.coded, a.no_events, a.events, a.clusters) == (b.coded, b.no_events, b.events, b.clusters)
    query = ("SELECT event_id, source_code, target_code, cameo, modality, date, cluster_id FROM events "
             "ORDER BY event_id")
    with Store(local_db, read_only=True) as x, Store(dask_db, read_only=True) as y:
        assert x.query(query) == y.query(query)
        assert x.counts() == y.counts()
    # ingesting again changes nothing
    c = ingest_to_store(demo_inputs(), dask_db, config=SMALL_PARTS, scale=Scale("dask"))
    assert c.unchanged == 43 and c.events == 0


def test_scale_rejects_stay_with_the_driver(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    summary = code_to_file([*demo_inputs(), str(bad)], str(out), fmt="jsonl", config=SMALL_PARTS,
                           scale=Scale("local"))
    assert summary.rejected == 1 and summary.coded + summary.no_events == 43  # every good record accounted for
    assert "bad.jsonl:1" in Path(str(out) + ".rejects.jsonl").read_text(encoding="utf-8")


def test_scale_unknown_executor_is_an_error(tmp_path):
    from detente.errors import DetenteError

    with pytest.raises(DetenteError, match="--executor takes local or dask"):
        code_to_file(demo_inputs(), str(tmp_path / "x.jsonl"), fmt="jsonl", config=SMALL_PARTS, scale=Scale("spark"))


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "csv"])
def test_scale_other_formats_match_one_process(tmp_path, fmt):
    one, spread = tmp_path / f"one.{fmt}", tmp_path / f"spread.{fmt}"
    code_to_file(demo_inputs(), str(one), fmt=fmt, config=replace(SMALL_PARTS, workers=1))
    code_to_file(demo_inputs(), str(spread), fmt=fmt, config=SMALL_PARTS, scale=Scale("local"))
    assert spread.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
    assert len(one.read_text(encoding="utf-8").splitlines()) > 40


def test_scale_code_and_ingest_share_a_work_folder(tmp_path, local_events):
    """`detente code` writes only the event records of a partition; an ingest into the store
    using the same work folder codes its partitions again, with the store's tables."""
    work = tmp_path / "work"
    code_to_file(demo_inputs(), str(tmp_path / "events.jsonl"), fmt="jsonl", config=SMALL_PARTS,
                 scale=Scale("local", work=str(work)))
    assert sorted(p.name for p in (work / "part-000000").iterdir()) == ["records.parquet"]
    summary = ingest_to_store(demo_inputs(), tmp_path / "x.duckdb", config=SMALL_PARTS,
                              scale=Scale("local", work=str(work)))
    assert summary.events == len(local_events.splitlines())
    assert {p.name for p in (work / "part-000000").iterdir()} == {f"{t}.parquet" for t in
                                                                  ("articles", "mentions", "events", "evidence")}


def test_scale_driver_does_not_load_spacy():
    """The driver of a spread run only reads, checks, splits and writes: its workers start
    without waiting for it to import spaCy."""
    import subprocess
    import sys

    code = ("import sys; from detente.cli import demo_inputs; from detente.config import Config; "
            "from detente.ingest import read_articles; import detente.run; "
            "n = sum(1 for _ in read_articles(demo_inputs(), config=Config())); "
            "print(n, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["43", "False"]


def test_scale_a_text_told_twice_in_a_run_is_stored_once(tmp_path):
    """An article whose very text came before in the same run (under another id) is unchanged,
    whether the run is spread or not: the decision is made in reading order."""
    records = [json.loads(line) for p in demo_inputs() for line in Path(p).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    repeated = [{**r, "id": r["id"] + "-again"} for r in records[:5]]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records + repeated), encoding="utf-8")
    one = ingest_to_store([str(corpus)], tmp_path / "one.duckdb", config=replace(SMALL_PARTS, workers=1))
    spread = ingest_to_store([str(corpus)], tmp_path / "spread.duckdb", config=SMALL_PARTS, scale=Scale("local"))
    assert one.unchanged == spread.unchanged == 5
    assert (one.coded, one.events, one.clusters) == (spread.coded, spread.events, spread.clusters)


def test_scale_synthetic_corpus_can_be_distinct():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from make_corpus import make

    plain, distinct = make(600, seed=3), make(600, seed=3, distinct=True)
    assert len({r["text"] for r in plain}) < 600  # few permutations of the articles naming one or two countries
    assert len({r["text"] for r in distinct}) == 600
    assert len({r["id"] for r in distinct}) == 600
