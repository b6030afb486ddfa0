"""The explorer: the JSON API in-process, its safety, its OpenAPI document (schemathesis)."""
from __future__ import annotations

import duckdb
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from starlette.testclient import TestClient

from detente.web.app import create_app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def app(demo_store):
    return create_app(demo_store)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/dyad?a=TUR&b=SYR", "/articles/x", "/search?q=Assad"])
def test_web_pages_are_shells_with_security_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/app.js"></script>' in r.text


def test_web_network_shows_the_demo_dyads(client):
    body = client.get("/api/network").json()
    codes = {n["code"] for n in body["nodes"]}
    assert {"TUR", "SYR", "RUS"} <= codes
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert ("TUR", "SYR") in edges and ("SYR", "TUR") in edges
    assert body["period"]["first"] <= "2011-12-31" and body["period"]["last"] >= "2023-03-01"
    # a filter by code family keeps only that family's edges
    fights = client.get("/api/network", params={"roots": "18,19,20"}).json()
    assert 0 < sum(e["events"] for e in fights["edges"]) < sum(e["events"] for e in body["edges"])
    mediation = client.get("/api/network", params={"actor": "RUS", "roots": "04"}).json()
    assert all("RUS" in (e["source"], e["target"]) for e in mediation["edges"])


@pytest.mark.parametrize("since,until,expect_2011", [("2011-01-01", "2011-12-31", True), ("2020-01-01", None, False)])
def test_web_network_period(client, since, until, expect_2011):
    body = client.get("/api/network", params={k: v for k, v in (("from", since), ("to", until)) if v}).json()
    assert body["edges"]
    tur_syr = client.get("/api/dyad", params={"a": "TUR", "b": "SYR", "from": since, "to": until or "2030-01-01",
                                              "by": "year"}).json()
    years = {r["period"][:4] for r in tur_syr["series"]}
    assert ("2011" in years) == expect_2011


def test_web_reversed_period_is_empty(client):
    assert client.get("/api/network", params={"from": "2024-01-01", "to": "2023-01-01"}).json()["edges"] == []


def test_web_dyad_series_ledger_and_events(client):
    body = client.get("/api/dyad", params={"a": "Turkey", "b": "SYR", "by": "year"}).json()
    assert body["a"] == "TUR"
    assert {r["direction"] for r in body["series"]} == {"A->B", "B->A"}
    assert any(e["what"] == "diplomatic ties broken" and e["date"].startswith("2011") for e in body["ledger"])
    events = client.get("/api/dyad/events", params={"a": "TUR", "b": "SYR", "limit": 5}).json()
    assert events["total"] > 5 and len(events["events"]) == 5
    assert all(e["evidence"] and e["doc_id"] for e in events["events"])
    page2 = client.get("/api/dyad/events", params={"a": "TUR", "b": "SYR", "limit": 5, "offset": 5}).json()
    assert not {e["event_id"] for e in page2["events"]} & {e["event_id"] for e in events["events"]}


def test_web_article_marks_evidence_spans(client):
    body = client.get("/api/articles/moscow-times-2023-03-15").json()
    assert body["title"].startswith("Putin Eyes Rapprochement")
    assert body["events"]
    for event in body["events"]:
        for start, end in event["evidence"]:
            assert 0 <= start < end <= len(body["text"])
    host = [e for e in body["events"] if e["cameo"] == "043"]
    assert host and any("hosted" in body["text"][s:t] for s, t in host[0]["evidence"])


def test_web_search_actors_and_text(client):
    body = client.get("/api/search", params={"q": "assad"}).json()
    assert any(a["code"] == "SYRGOV" for a in body["actors"])
    assert body["events"] and all("assad" in e["evidence_text"].lower() for e in body["events"])
    assert client.get("/api/search", params={"q": "TUR"}).json()["actors"][0]["code"].startswith("TUR")


@pytest.mark.parametrize("path,params,status,says", [
    ("/api/dyad", {"a": "ZZZ", "b": "SYR"}, 404, "no events with actor ZZZ"),
    ("/api/dyad", {"a": "Nowhereland Republic", "b": "SYR"}, 404, "unknown actor"),
    ("/api/dyad", {"a": "TUR"}, 400, "b is required"),
    ("/api/dyad", {"a": "TUR", "b": "SYR", "from": "2023-02-30"}, 400, "not a date"),
    ("/api/dyad", {"a": "TUR", "b": "SYR", "from": "yesterday"}, 400, "not a date"),
    ("/api/dyad", {"a": "TUR", "b": "SYR", "by": "decade"}, 400, "by takes one of"),
    ("/api/dyad/events", {"a": "TUR", "b": "SYR", "limit": "100000000"}, 400, "limit takes"),
    ("/api/dyad/events", {"a": "TUR", "b": "SYR", "limit": "-1"}, 400, "limit takes"),
    ("/api/dyad/events", {"a": "TUR", "b": "SYR", "offset": "1e9"}, 400, "offset takes"),
    ("/api/network", {"limit": "99999999999999999999"}, 400, "limit takes"),
    ("/api/network", {"roots": "04,99"}, 400, "unknown CAMEO root"),
    ("/api/network", {"modality": "rumoured"}, 400, "modality takes"),
    ("/api/network", {"actor": "x" * 500}, 400, "too long"),
    ("/api/search", {}, 400, "q is required"),
    ("/api/search", {"q": "a\x00b"}, 400, "not text"),
    ("/api/articles/no-such-article", {}, 404, "no article"),
    ("/api/nothing-here", {}, 404, "Not Found"),
])
def test_web_bad_parameters_answer_4xx(client, path, params, status, says):
    r = client.get(path, params=params)
    assert r.status_code == status
    assert says in r.json()["error"]


def test_web_sql_in_parameters_is_only_text(client):
    r = client.get("/api/search", params={"q": "'; DROP TABLE events; --"})
    assert r.status_code == 200 and r.json()["events"] == []
    assert client.get("/api/dyad", params={"a": "TUR') OR 1=1 --", "b": "SYR"}).status_code == 404
    assert client.get("/api/network").json()["edges"]


def test_web_is_read_only(client, app):
    assert client.post("/api/network").status_code == 405
    with pytest.raises(duckdb.Error):
        app.state.store.query("CREATE TABLE intruder (a INTEGER)")


def test_web_serve_binds_to_loopback_by_default():
    from detente.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_web_article_text_is_returned_as_data(client):
    body = client.get("/api/articles/hostile-markup").json()
    assert "<script>" in body["text"] and "onerror=" in body["text"]
    assert body["events"], "the hostile article is coded like any other"


OPERATIONS = ["/api/network", "/api/dyad", "/api/dyad/events", "/api/articles/{doc_id}", "/api/search"]


@pytest.mark.parametrize("path", OPERATIONS)
def test_web_api_conforms_to_openapi(app, path):
    """Schemathesis draws requests from the OpenAPI document, valid and not, and checks every answer
    against it: no 5xx, documented status codes, and bodies that match their schema."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    (operation,) = [r.ok() for r in schema.get_all_operations() if r.ok().path == path]

    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate()

    check()
