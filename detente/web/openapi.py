"""The OpenAPI 3.0 document of the explorer's JSON API."""
from __future__ import annotations

from typing import Any

from .. import __version__

MODALITIES = ("asserted", "planned", "intended", "hypothetical", "negated")
ROOTS_PATTERN = r"^(0[1-9]|1[0-9]|20)(,(0[1-9]|1[0-9]|20))*$"


def _string(nullable: bool = False, **extra: Any) -> dict[str, Any]:
    return {"type": "string", **({"nullable": True} if nullable else {}), **extra}


def _object(props: dict[str, Any], *, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    properties = {k: ({**v, "nullable": True} if k in nullable else v) for k, v in props.items()}
    return {"type": "object", "required": list(props), "properties": properties}


INT = {"type": "integer"}
NUM = {"type": "number"}
STR = {"type": "string"}
DATE = {"type": "string", "format": "date"}


def _param(name: str, schema: dict[str, Any], description: str, *, required: bool = False,
           where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


PERIOD = [_param("from", DATE, "From this day (YYYY-MM-DD)."), _param("to", DATE, "Up to this day (YYYY-MM-DD).")]
TEXT = r"^[^\x00]*[^\x00\s][^\x00]*$"  # something other than space, and no NUL: the API answers 400 to those
ACTOR = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": TEXT}
PAIR = [_param("a", ACTOR, "An actor: a CAMEO code (TUR, SYRGOV) or a name.", required=True),
        _param("b", ACTOR, "The other actor.", required=True)]


def _modality(default: str) -> dict[str, Any]:
    return _param("modality", {"type": "string", "enum": [*MODALITIES, "any"], "default": default},
                  f"Only events of this modality (default {default}).")


def _ok(schema_ref: str, description: str) -> dict[str, Any]:
    return {
        "200": {"description": description,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}},
        "400": {"description": "A parameter is malformed or out of range.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "404": {"description": "The actor or article is not in the store.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
    }


SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": STR}),
    "Network": _object({
        "period": _object({"first": DATE, "last": DATE}, nullable=("first", "last")),
        "nodes": {"type": "array", "items": _object({"code": STR, "events": INT})},
        "edges": {"type": "array", "items": _object({"source": STR, "target": STR, "events": INT,
                                                     "goldstein_mean": NUM})},
    }),
    "Dyad": _object({
        "a": STR, "b": STR,
        "series": {"type": "array", "items": _object({
            "period": DATE, "direction": {"type": "string", "enum": ["A->B", "B->A"]}, "events": INT,
            "verbal_coop": INT, "material_coop": INT, "verbal_conflict": INT, "material_conflict": INT,
            "goldstein_sum": NUM, "goldstein_mean": NUM})},
        "ledger": {"type": "array", "items": _object({
            "date": STR, "day": DATE, "source": STR, "target": STR, "cameo": STR, "what": STR, "modality": STR,
            "reports": INT, "evidence": STR, "doc_id": STR}, nullable=("date", "day"))},
    }),
    "DyadEvents": _object({
        "a": STR, "b": STR, "total": INT,
        "events": {"type": "array", "items": {"$ref": "#/components/schemas/DyadEvent"}},
    }),
    "DyadEvent": _object({
        "event_id": STR, "doc_id": STR, "date": STR, "source": STR, "target": STR, "source_text": STR,
        "target_text": STR, "cameo": STR, "cameo_name": STR, "quad_class": INT, "goldstein": NUM, "modality": STR,
        "trigger": STR, "evidence": STR, "title": STR}, nullable=("date", "quad_class", "goldstein")),
    "Article": _object({
        "doc_id": STR, "title": STR, "url": STR, "source": STR, "published": DATE, "status": STR, "text": STR,
        "events": {"type": "array", "items": _object({
            "event_id": STR, "date": STR, "source_code": STR, "target_code": STR, "cameo": STR, "cameo_name": STR,
            "modality": STR, "trigger": STR, "goldstein": NUM,
            "evidence": {"type": "array", "items": {"type": "array", "items": INT, "minItems": 2, "maxItems": 2}},
        }, nullable=("date", "source_code", "target_code", "cameo_name", "trigger", "goldstein"))},
    }, nullable=("title", "url", "source", "published")),
    "Search": _object({
        "q": STR,
        "actors": {"type": "array", "items": _object({"code": STR, "name": STR, "events": INT})},
        "events": {"type": "array", "items": _object({
            "event_id": STR, "doc_id": STR, "date": STR, "source_code": STR, "target_code": STR, "cameo": STR,
            "cameo_name": STR, "modality": STR, "evidence_text": STR},
            nullable=("date", "source_code", "target_code", "cameo_name", "evidence_text"))},
    }),
}


def openapi_document() -> dict[str, Any]:
    """The API's description, served at /openapi.json."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "detente explorer API", "version": __version__,
                 "description": "Read-only access to a detente event store: the network of relations, dyads, "
                                "articles and search. Every response is JSON; errors are {\"error\": message}."},
        "paths": {
            "/api/network": {"get": {
                "summary": "The network of actors over a period: the busiest directed edges and their nodes.",
                "operationId": "network",
                "parameters": [*PERIOD,
                               _param("roots", {"type": "string", "pattern": ROOTS_PATTERN},
                                      "CAMEO roots to keep, comma-separated (04,05)."),
                               _modality("asserted"),
                               _param("actor", ACTOR, "Only edges that touch this actor."),
                               _param("limit", {"type": "integer", "minimum": 1, "maximum": 2000, "default": 150},
                                      "How many edges, busiest first.")],
                "responses": _ok("Network", "Nodes with their activity and edges with their mean Goldstein score."),
            }},
            "/api/dyad": {"get": {
                "summary": "A dyad's series in both directions and its ledger of turning points.",
                "operationId": "dyad",
                "parameters": [*PAIR, *PERIOD,
                               _param("by", {"type": "string", "enum": ["month", "quarter", "year"],
                                             "default": "month"}, "The period of the series."),
                               _modality("asserted")],
                "responses": _ok("Dyad", "The series and the ledger."),
            }},
            "/api/dyad/events": {"get": {
                "summary": "A dyad's events in both directions, newest first, with their evidence.",
                "operationId": "dyadEvents",
                "parameters": [*PAIR, *PERIOD, _modality("any"),
                               _param("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50},
                                      "How many events."),
                               _param("offset", {"type": "integer", "minimum": 0, "maximum": 10000000,
                                                 "default": 0}, "How many to skip.")],
                "responses": _ok("DyadEvents", "The events and how many there are in all."),
            }},
            "/api/articles/{doc_id}": {"get": {
                "summary": "An article's cleaned text, its events and the spans of their evidence.",
                "operationId": "article",
                "parameters": [_param("doc_id", {"type": "string", "minLength": 1, "maxLength": 500},
                                      "The article's id.", required=True, where="path")],
                "responses": _ok("Article", "The article."),
            }},
            "/api/search": {"get": {
                "summary": "Actors by code or name, and events whose evidence contains the text.",
                "operationId": "search",
                "parameters": [_param("q", {"type": "string", "minLength": 1, "maxLength": 200, "pattern": TEXT}, "What to look for.",
                                      required=True),
                               _param("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 20},
                                      "How many of each.")],
                "responses": _ok("Search", "The actors and the events found."),
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
