"""The accuracy gate: scores on the gold files, measured with ../shared/eval/score.py, never below their floors."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import SHARED, shared_file

BASELINE = json.loads((Path(__file__).parent / "accuracy_baseline.json").read_text(encoding="utf-8"))
SETS = [name for name in BASELINE if not name.startswith("_")]


def shared_scorer():
    path = shared_file("eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(nlp):
    from detente.config import Config
    from detente.run import code_articles

    scorer = shared_scorer()
    out = {}
    for name in SETS:
        entry = BASELINE[name]
        gold_path = SHARED / entry["gold"]
        if not gold_path.exists():
            continue
        events = [e.as_dict() for item in code_articles([gold_path], config=Config()) if isinstance(item, tuple)
                  for e in item[1]]
        gold = [d for d in scorer.read_jsonl(str(gold_path)) if not scorer.skipped(d)]
        out[name] = scorer.score(gold, events, entry["ontology"])
    return out


@pytest.mark.model
@pytest.mark.parametrize("name", SETS)
def test_accuracy_not_below_floor(scores, name):
    entry = BASELINE[name]
    shared_file(entry["gold"])
    result = scores[name]
    for metric, floor in entry["floors"].items():
        value = result[f"{metric}_accuracy"] if metric in ("date", "modality") else result["levels"][metric]["f1"]
        assert value is not None and value >= floor, f"{name} {metric} {value} fell below its floor {floor}"


def _committed_baseline(revision: str) -> dict | None:
    import subprocess

    root = Path(__file__).parent.parent
    try:
        shown = subprocess.run(["git", "show", f"{revision}:tests/accuracy_baseline.json"], cwd=root,
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return json.loads(shown.stdout) if shown.returncode == 0 else None


def test_accuracy_floors_only_go_up():
    """No floor is lower than in the previous commit (or than the committed file, for a change not yet committed)."""
    earlier = [b for b in (_committed_baseline("HEAD~1"), _committed_baseline("HEAD")) if b is not None]
    if not earlier:
        pytest.skip("no git history to compare the floors with")
    for before in earlier:
        for name, entry in before.items():
            if name.startswith("_"):
                continue
            assert name in BASELINE, f"the floors of {name} were removed"
            for metric, floor in entry["floors"].items():
                now = BASELINE[name]["floors"].get(metric)
                assert now is not None and now >= floor, f"{name} {metric} floor went down: {floor} -> {now}"
