from __future__ import annotations

import pytest

from detente.evaluate import date_within, score


def ev(src, tgt, code, **kw):
    return {"doc_id": "d", "source": {"code": src} if src else None, "target": {"code": tgt} if tgt else None,
            "cameo": code, **kw}


@pytest.mark.parametrize(
    "gold,preds,level,expected",
    [
        # country and root suffice at the first level
        ([{"source": "RUSGOV", "target": "SYRGOV", "code": "043"}], [ev("RUS", "SYRMIL", "042")], "country+root",
         (1, 0, 0)),
        ([{"source": "RUSGOV", "target": "SYRGOV", "code": "043"}], [ev("RUS", "SYRMIL", "042")], "actor+code",
         (0, 1, 1)),
        # an optional gold event absorbs a prediction without counting it
        ([{"source": "RUS", "target": "TUR", "code": "070", "required": False}], [ev("RUS", "TUR", "073")],
         "country+root", (0, 0, 0)),
        # one to one: two predictions for one gold event leave one extra
        ([{"source": "TUR", "target": "SYR", "code": "161"}], [ev("TUR", "SYR", "161"), ev("TURGOV", "SYR", "160")],
         "country+root", (1, 1, 0)),
        # a null gold target wants a null prediction
        ([{"source": "GRC", "target": None, "code": "100"}], [ev("GRC", "IGO", "100")], "country+root", (0, 1, 1)),
        # modality must agree at the third level
        ([{"source": "TUR", "target": "SYR", "code": "036", "modality": "intended"}],
         [ev("TUR", "SYR", "036", modality="asserted")], "root+modality", (0, 1, 1)),
    ],
)
def test_evaluate_score_levels(gold, preds, level, expected):
    result = score([{"id": "d", "events": gold}], preds)
    m = result["levels"][level]
    assert (m["tp"], m["fp"], m["fn"]) == expected


def test_evaluate_plover_legacy_types():
    gold = [{"id": "d", "events": [{"source": "FRA", "target": "IRQ", "code": "DEMAND"}]}]
    pred = [ev("FRAGOV", "IRQ", "100", plover={"type": "REQUEST"})]
    assert score(gold, pred, ontology="plover")["levels"]["country+root"]["tp"] == 1


def test_evaluate_skips_documents_marked_out():
    gold = [{"id": "d", "events": [{"source": "FRA", "target": "IRQ", "code": "100"}], "meta": {"evaluate": "false"}}]
    assert score(gold, [])["documents"] == 0


@pytest.mark.parametrize(
    "pred,gold,ok",
    [("2023-03-14", "2023-03-14/2023-03-15", True), ("2023-03-14/2023-03-15", "2023-03-15", False),
     ("2022-12", "2022-12", True), ("2022-12-05", "2022", True), ("2023", "2023-03", False), (None, "2011", False),
     ("2023-03-08", "2023-W10", True)],
)
def test_evaluate_date_within(pred, gold, ok):
    assert date_within(pred, gold) is ok


def test_evaluate_date_accuracy_counts_matched_events():
    gold = [{"id": "d", "events": [{"source": "TUR", "target": "SYR", "code": "161", "date": "2011"},
                                   {"source": "RUS", "target": "SYR", "code": "043", "date": "2023-03-15"}]}]
    preds = [ev("TUR", "SYR", "161", date="2011-11"), ev("RUS", "SYR", "043", date="2023-03-14")]
    result = score(gold, preds)
    assert result["date_accuracy"] == 0.5 and result["date_scored"] == 2
