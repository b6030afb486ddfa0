"""Evaluate detente on a gold file: precision, recall and F1 at three levels.

The gold file is JSON Lines, one document a line: ``{"id", "text", "date"?, "events": [...]}``,
each gold event with ``source``, ``target`` (null when none) and ``code`` (a string or a list
of accepted strings), optionally ``date``, ``modality`` and ``required`` (default true).
Documents whose ``meta`` marks them ``evaluate: false``, ``valid: false`` or ``expect_error``
are left out. The levels are those of the field's scorers:

- ``country+root``: source and target countries (first three letters) and the CAMEO root (or,
  with the PLOVER ontology, the PLOVER type) agree;
- ``actor+code``: full actor codes and the exact code agree;
- ``root+modality``: country+root, and the modality agrees.

Inside each document, predictions and gold events are paired one to one so that the number
of pairs is largest; a prediction that pairs only with an optional gold event counts
neither way. Date and modality accuracy are measured on the country+root pairs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from .config import Config
from .errors import InputError
from .events.dates import date_span

LEVELS = ("country+root", "actor+code", "root+modality")
NONE_MARK = "---"
# PLOVER 0.5 categories in older gold files, and the PLOVER 1.0 types that replaced them
PLOVER_RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def _codes(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = value.get("code")
    if value in (None, "", NONE_MARK):
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    return [str(v) for v in values if v not in (None, "", NONE_MARK)]


def date_within(predicted: Any, gold: Any) -> bool:
    """The predicted date lies within the gold date (both may be intervals)."""
    p, g = date_span(predicted), date_span(gold)
    return bool(p[0] and g[0] and p[1] and g[1] and g[0] <= p[0] and p[1] <= g[1])


@dataclass(frozen=True)
class _Side:
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    codes: tuple[str, ...]
    modality: str
    date: Any
    required: bool
    record: dict


def _gold_side(ev: dict) -> _Side:
    return _Side(tuple(_codes(ev.get("source"))), tuple(_codes(ev.get("target"))), tuple(_codes(ev.get("code"))),
                 str(ev.get("modality") or "asserted"), ev.get("date"), bool(ev.get("required", True)), ev)


def _pred_side(ev: dict, ontology: str) -> _Side:
    if ontology == "plover":
        plover = ev.get("plover") or {}
        code = str((plover.get("type") if isinstance(plover, dict) else plover) or "").upper()
    else:
        code = str(ev.get("cameo") or ev.get("code") or "")
    return _Side(tuple(_codes(ev.get("source"))), tuple(_codes(ev.get("target"))), (code,) if code else (),
                 str(ev.get("modality") or "asserted"), ev.get("date"), True, ev)


def _actor_ok(pred: tuple[str, ...], gold: tuple[str, ...], full: bool) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    if full:
        return pred[0].upper() in {g.upper() for g in gold}
    return pred[0][:3].upper() in {g[:3].upper() for g in gold}


def _code_ok(pred: tuple[str, ...], gold: tuple[str, ...], ontology: str, full: bool) -> bool:
    if not pred:
        return False
    if ontology == "plover":
        return pred[0] in {PLOVER_RENAMED.get(g.upper(), g.upper()) for g in gold}
    return pred[0] in gold if full else pred[0][:2] in {g[:2] for g in gold}


def level_match(level: str, ontology: str) -> Callable[[_Side, _Side], bool]:
    full = level == "actor+code"

    def ok(p: _Side, g: _Side) -> bool:
        return (_actor_ok(p.sources, g.sources, full) and _actor_ok(p.targets, g.targets, full)
                and _code_ok(p.codes, g.codes, ontology, full)
                and (level != "root+modality" or p.modality == g.modality))

    return ok


def pair_up(preds: list[_Side], golds: list[_Side], ok: Callable[[_Side, _Side], bool],
            first: Callable[[_Side, _Side], bool] | None = None) -> dict[int, int]:
    """A largest one-to-one pairing, prediction index -> gold index (Kuhn's augmenting paths).

    Pairs that also satisfy `first` are made first, so that a prediction is paired with the
    gold event whose date and modality it shares when there is a choice.
    """
    owner: dict[int, int] = {}  # gold index -> prediction index
    if first is not None:
        owner = {g: p for p, g in pair_up(preds, golds, lambda a, b: ok(a, b) and first(a, b)).items()}
    options = [[j for j, g in enumerate(golds) if ok(p, g)] for p in preds]

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    taken = set(owner.values())
    for i in range(len(preds)):
        if i not in taken:
            augment(i, set())
    return {p: g for g, p in owner.items()}


def _skipped(doc: dict) -> bool:
    meta = doc.get("meta") or {}
    return (str(meta.get("evaluate", "")).lower() == "false" or str(meta.get("valid", "")).lower() == "false"
            or bool(meta.get("expect_error")))


def score(gold_docs: Iterable[dict], predictions: Iterable[dict], *, ontology: str = "cameo") -> dict[str, Any]:
    """Precision, recall and F1 at each level, with date and modality accuracy, misses and extras."""
    docs = [d for d in gold_docs if not _skipped(d)]
    by_doc: dict[str, list[_Side]] = {}
    for ev in predictions:
        by_doc.setdefault(str(ev.get("doc_id", "")), []).append(_pred_side(ev, ontology))
    result: dict[str, Any] = {"documents": len(docs), "levels": {}, "misses": [], "extras": []}
    dates = [0, 0]
    modalities = [0, 0]

    def same_date_and_modality(p: _Side, g: _Side) -> bool:
        return (not g.date or date_within(p.date, g.date)) and p.modality == g.modality

    for level in LEVELS:
        ok = level_match(level, ontology)
        tp = fp = fn = 0
        for doc in docs:
            golds = [_gold_side(e) for e in doc.get("events") or []]
            required = [g for g in golds if g.required]
            optional = [g for g in golds if not g.required]
            preds = by_doc.get(str(doc.get("id")), [])
            hits = pair_up(preds, required, ok, first=same_date_and_modality)
            rest = [p for i, p in enumerate(preds) if i not in hits]
            absorbed = pair_up(rest, optional, ok)
            extras = [p for i, p in enumerate(rest) if i not in absorbed]
            missed = [g for j, g in enumerate(required) if j not in set(hits.values())]
            tp, fp, fn = tp + len(hits), fp + len(extras), fn + len(missed)
            if level == "country+root":
                for i, j in hits.items():
                    g, p = required[j], preds[i]
                    if g.date:
                        dates[1] += 1
                        dates[0] += date_within(p.date, g.date)
                    if g.record.get("modality"):
                        modalities[1] += 1
                        modalities[0] += p.modality == g.modality
                result["misses"] += [{"doc_id": doc.get("id"), **g.record} for g in missed]
                result["extras"] += [p.record for p in extras]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result["levels"][level] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
    result["date_accuracy"] = dates[0] / dates[1] if dates[1] else None
    result["date_scored"] = dates[1]
    result["modality_accuracy"] = modalities[0] / modalities[1] if modalities[1] else None
    result["modality_scored"] = modalities[1]
    return result


def read_gold(path: str | Path) -> list[dict]:
    """The documents of a gold JSON Lines file; a broken line is an InputError naming it."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise InputError(f"not JSON ({e.msg})", source=str(path), line=n) from None
    return docs


def evaluate_file(path: str | Path, *, config: Config, ontology: str = "cameo") -> dict[str, Any]:
    """Code the texts of a gold file with detente and score the events against its gold."""
    from .run import code_articles

    docs = read_gold(path)
    events: list[dict] = []
    rejected: list[str] = []
    for item in code_articles([path], config=config):
        if isinstance(item, tuple):
            events += [e.as_dict() for e in item[1]]
        else:
            rejected.append(item.message)
    result = score(docs, events, ontology=ontology)
    result["predicted"] = len(events)
    result["rejected"] = rejected
    result["ontology"] = ontology
    return result


def _brief(ev: dict) -> str:
    src = ",".join(_codes(ev.get("source"))) or "-"
    tgt = ",".join(_codes(ev.get("target"))) or "-"
    code = ev.get("cameo") or ev.get("code")
    code = ",".join(code) if isinstance(code, list) else code
    evidence = ev.get("evidence")
    note = ev.get("note") or (evidence[0].get("text") if isinstance(evidence, list) and evidence else "")
    return f"{ev.get('doc_id')}: {src} -> {tgt} {code} {ev.get('date') or ''} | {str(note)[:90]}"


def format_result(result: dict[str, Any], *, show: int = 0) -> str:
    """The result as a table, with up to `show` misses and extras."""
    lines = [f"{result['documents']} documents, {result.get('predicted', '?')} predicted events, "
             f"ontology {result.get('ontology', 'cameo')}",
             f"{'level':<14}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for level, m in result["levels"].items():
        lines.append(f"{level:<14}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
                     f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    for what in ("date", "modality"):
        acc = result[f"{what}_accuracy"]
        lines.append(f"{what} accuracy: " + (f"{acc:.3f} of {result[what + '_scored']}" if acc is not None else "n/a"))
    if show:
        lines.append("missed (required gold not found):")
        lines += ["  " + _brief(g) for g in result["misses"][:show]]
        lines.append("extra (predicted, matching no gold):")
        lines += ["  " + _brief(p) for p in result["extras"][:show]]
    for message in result.get("rejected", []):
        lines.append(f"rejected: {message}")
    return "\n".join(lines)
