"""The explorer's ASGI app: HTML pages that draw themselves from a JSON API over the store.

The app only reads. It opens the store read-only, each request gets its own cursor, every
query takes its values as parameters, and the pages build the DOM from JSON with `textContent`,
so text from articles is always shown as text. A Content-Security-Policy that allows only the
app's own scripts and styles stands behind that. Bad parameters answer 400 (or 404 for an actor
or article that the store does not hold) with `{"error": "..."}`.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import relations
from ..errors import DetenteError, StoreError
from ..relations import ActorNotFoundError
from ..store import Store
from .openapi import MODALITIES, openapi_document

STATIC = Path(str(resources.files("detente.web").joinpath("static")))
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
PAGES = {"overview": "Overview", "dyad": "Dyad", "article": "Article", "search": "Search"}


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(_jsonable(content), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(status: int, message: str) -> JSON:
    return JSON({"error": message}, status_code=status)


# -- parameters ----------------------------------------------------------------------------

def _date(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise HTTPException(400, f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)")


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    if not re.fullmatch(r"\d{1,9}", value) or not low <= int(value) <= high:
        raise HTTPException(400, f"{name} takes a whole number from {low} to {high}, not {value[:40]!r}")
    return int(value)


def _choice(request: Request, name: str, default: str, choices: tuple[str, ...]) -> str:
    value = request.query_params.get(name) or default
    if value not in choices:
        raise HTTPException(400, f"{name} takes one of {', '.join(choices)}, not {value[:40]!r}")
    return value


def _modality(request: Request, default: str) -> str | None:
    value = _choice(request, "modality", default, (*MODALITIES, "any"))
    return None if value == "any" else value


def _text(request: Request, name: str, *, required: bool = False, max_len: int = 200) -> str | None:
    value = request.query_params.get(name)
    if value is None or not value.strip():
        if required:
            raise HTTPException(400, f"{name} is required")
        return None
    if len(value) > max_len or "\x00" in value:
        raise HTTPException(400, f"{name} is too long or not text (at most {max_len} characters)")
    return value.strip()


def _actor(store: Store, request: Request, name: str) -> str:
    value = _text(request, name, required=True, max_len=100)
    assert value is not None
    return relations.known_actor(store, value)


def _period(request: Request) -> tuple[dt.date | None, dt.date | None]:
    return _date(request, "from"), _date(request, "to")  # a reversed period is simply empty


# -- the API -------------------------------------------------------------------------------

def api_network(store: Store, request: Request) -> Any:
    since, until = _period(request)
    roots_text = _text(request, "roots", max_len=100)
    roots = tuple(r.strip() for r in roots_text.split(",") if r.strip()) if roots_text else ()
    actor = _text(request, "actor", max_len=100)
    code = relations.known_actor(store, actor) if actor else None
    nodes, edges = relations.network(store, since=since, until=until, roots=roots, modality=_modality(request, "asserted"),
                                     actor=code, limit=_int(request, "limit", 150, 1, 2000))
    first, last = relations.period_bounds(store)
    return {"period": {"first": first, "last": last}, "nodes": nodes, "edges": edges}


def api_dyad(store: Store, request: Request) -> Any:
    a, b = _actor(store, request, "a"), _actor(store, request, "b")
    since, until = _period(request)
    by = _choice(request, "by", "month", tuple(relations.PERIODS))
    modality = _modality(request, "asserted")
    return {"a": a, "b": b,
            "series": relations.dyad_series(store, a, b, by=by, since=since, until=until, modality=modality),
            "ledger": relations.ledger(store, a, b, since=since, until=until)}


def api_dyad_events(store: Store, request: Request) -> Any:
    a, b = _actor(store, request, "a"), _actor(store, request, "b")
    since, until = _period(request)
    total, events = relations.dyad_events(store, a, b, since=since, until=until, modality=_modality(request, "any"),
                                          limit=_int(request, "limit", 50, 1, 1000),
                                          offset=_int(request, "offset", 0, 0, 10_000_000))
    return {"a": a, "b": b, "total": total, "events": events}


def api_article(store: Store, request: Request) -> Any:
    doc_id = request.path_params["doc_id"]
    article = store.article(doc_id) if len(doc_id) <= 500 else None
    if article is None:
        raise HTTPException(404, f"no article {doc_id[:80]!r} in this store")
    return article


def api_search(store: Store, request: Request) -> Any:
    q = _text(request, "q", required=True, max_len=200)
    assert q is not None
    limit = _int(request, "limit", 20, 1, 200)
    return {"q": q, "actors": relations.find_actors(store, q, limit=limit),
            "events": store.search_events(q, limit=limit)}


# -- the app -------------------------------------------------------------------------------

def _page_html(page: str) -> str:
    nav = "".join(f'<a href="{href}">{label}</a>' for href, label in (("/", "Overview"), ("/search", "Search")))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>detente: {PAGES[page]}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/app.css"></head>
<body data-page="{page}">
<header><a class="brand" href="/">detente</a><nav>{nav}</nav>
<form class="search" action="/search" method="get"><input name="q" type="search" placeholder="actor or text"
 aria-label="search"><button>Search</button></form></header>
<main id="main"><p class="loading">Loading…</p></main>
<script src="/static/app.js"></script>
</body></html>"""


def create_app(db: str | Path) -> Starlette:
    """The explorer over the store at `db`, opened read-only."""
    path = Path(db)
    if not path.exists():
        raise StoreError(f"{path}: no store here; create it with detente ingest INPUT --db {path}")
    store = Store(path, read_only=True)
    if not store.has_summaries():
        store.close()
        with Store(path) as writable:  # a store from an older detente: build its summaries once
            writable.summarise()
        store = Store(path, read_only=True)

    def api(handler: Callable[[Store, Request], Any]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            reader = store.reader()
            try:
                return JSON(handler(reader, request))
            except ActorNotFoundError as e:
                return _error(404, str(e))
            except DetenteError as e:
                return _error(400, str(e))
            finally:
                reader.close()
        return endpoint

    def page(name: str) -> Callable[[Request], Response]:
        html = _page_html(name)

        def endpoint(request: Request) -> Response:
            return HTMLResponse(html)
        return endpoint

    document = openapi_document()

    def openapi(request: Request) -> Response:
        return JSON(document)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, str(exc.detail))

    routes = [
        Route("/", page("overview")),
        Route("/dyad", page("dyad")),
        Route("/articles/{doc_id:path}", page("article")),
        Route("/search", page("search")),
        Route("/api/network", api(api_network)),
        Route("/api/dyad", api(api_dyad)),
        Route("/api/dyad/events", api(api_dyad_events)),
        Route("/api/articles/{doc_id:path}", api(api_article)),
        Route("/api/search", api(api_search)),
        Route("/openapi.json", openapi),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.add_middleware(SecurityHeaders)
    app.state.store = store
    return app


@contextlib.contextmanager
def serving(app: Starlette, *, timeout: float = 20.0) -> Iterator[str]:
    """Serve `app` on a free loopback port from a background thread (for tests and benchmarks);
    yields its base URL and stops it on leaving."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the explorer did not start within {timeout:.0f} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
          announce: Callable[[str], None] = print) -> None:
    """Run the explorer until interrupted."""
    import uvicorn

    app = create_app(db)
    announce(f"detente explorer on http://{host}:{port}/ over {db} (read-only); Ctrl-C stops it")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        app.state.store.close()
