"""Relations over time, read from the store: dyad series, ledgers, mediation triangles, top dyads.

Actors are given as CAMEO codes ("TUR", "SYRGOV") or names ("Turkey", "Erdogan"); a code
matches every actor code it begins (TUR matches TURGOV and TURMIL). Analyses count event
clusters (one real-world event, however many reports) unless asked to count reports, and
take only asserted events unless asked otherwise.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .errors import DetenteError
from .store import Store

PERIODS = {"month": "month", "quarter": "quarter", "year": "year"}
# codes that mark a turn in a dyad's history, with what they mean
TURNING_POINTS = {
    "16": "relations reduced or broken", "161": "diplomatic ties broken", "04": "talks", "042": "visit",
    "043": "visit hosted", "044": "meeting in a third country", "045": "mediation", "046": "negotiation",
    "036": "intent to meet", "039": "intent to mediate", "050": "diplomatic cooperation (ties restored)",
    "057": "agreement signed", "163": "sanctions", "17": "coercion", "18": "assault", "19": "fighting",
    "20": "mass violence", "192": "territory occupied", "15": "force posture",
}


SAME_TURN = {"043": "042"}  # a visit and its hosting are one turning point


class ActorNotFoundError(DetenteError):
    """An actor given by name is not one detente knows."""


def actor_code(name: str) -> str:
    """A CAMEO code for a code or a name ("Turkey" -> TUR, "Erdogan" -> TURGOV)."""
    text = name.strip()
    if text.isupper() and text.isalpha() and 3 <= len(text) <= 12:
        return text
    from .actors.dictionary import load_dictionary, phrase_key

    d = load_dictionary()
    match = d.phrases.get(phrase_key(text))
    if match is None:
        raise ActorNotFoundError(f"unknown actor {name!r}: give a CAMEO code (TUR, SYRGOV) or a name detente knows")
    if match.kind in ("country", "capital", "seat"):
        return match.code[:3] if match.kind == "capital" else match.code
    if match.kind == "entry":
        entry = match.entries[0]
        return entry.code_on(dt.date.today()) or ""
    raise ActorNotFoundError(f"{name!r} names a kind of actor, not one actor: give a country with it")


def _filters(*, modality: str | None, since: dt.date | None, until: dt.date | None,
             day: str = "date_start") -> tuple[str, list[Any]]:
    """A WHERE clause and its parameters; `day` is the column to date by (a month column is
    compared from the start of the month `since` falls in)."""
    sql, params = [], []
    if modality:
        sql.append("modality = ?")
        params.append(modality)
    if since:
        sql.append(f"{day} >= ?" if day == "date_start" else f"{day} >= date_trunc('month', ?::DATE)")
        params.append(since)
    if until:
        sql.append(f"{day} <= ?")
        params.append(until)
    return (" AND ".join(sql) or "TRUE"), params


@dataclass(frozen=True)
class SeriesRow:
    period: dt.date
    direction: str  # "A->B" or "B->A"
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float


def dyad_series(store: Store, a: str, b: str, *, by: str = "month", since: dt.date | None = None,
                until: dt.date | None = None, modality: str | None = "asserted",
                reports: bool = False) -> list[SeriesRow]:
    """The dyad's events in both directions by period: counts by quad class, Goldstein sum and mean."""
    if by not in PERIODS:
        raise DetenteError(f"--by takes month, quarter or year, not {by!r}")
    ca, cb = actor_code(a), actor_code(b)
    where, params = _filters(modality=modality, since=since, until=until)
    unit = "event_id" if reports else "cluster_id"
    sql = f"""
        WITH d AS (
            SELECT CASE WHEN starts_with(source_code, ?) THEN 'A->B' ELSE 'B->A' END AS direction, *
            FROM events
            WHERE date_start IS NOT NULL AND {where} AND (
                (starts_with(source_code, ?) AND starts_with(target_code, ?)) OR
                (starts_with(source_code, ?) AND starts_with(target_code, ?)))
        ), one AS (
            SELECT direction, {unit} AS unit, min(date_start) AS day, any_value(quad_class) AS quad,
                   avg(goldstein) AS goldstein
            FROM d GROUP BY direction, {unit}
        )
        SELECT date_trunc('{PERIODS[by]}', day)::DATE AS period, direction, count(*),
               count(*) FILTER (quad = 1), count(*) FILTER (quad = 2), count(*) FILTER (quad = 3),
               count(*) FILTER (quad = 4), sum(goldstein), avg(goldstein)
        FROM one GROUP BY ALL ORDER BY period, direction
    """
    rows = store.query(sql, [ca, *params, ca, cb, cb, ca])
    return [SeriesRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], round(r[7], 2), round(r[8], 2)) for r in rows]


@dataclass(frozen=True)
class LedgerEntry:
    date: str | None
    day: dt.date | None
    source: str
    target: str
    cameo: str
    what: str
    modality: str
    reports: int
    evidence: str
    doc_id: str


def ledger(store: Store, a: str, b: str, *, since: dt.date | None = None, until: dt.date | None = None,
           modality: str | None = None) -> list[LedgerEntry]:
    """The dyad's diplomatic history: its turning points, dated, each with its evidence."""
    ca, cb = actor_code(a), actor_code(b)
    where, params = _filters(modality=modality, since=since, until=until)
    rows = store.query(f"""
        SELECT arg_min(date, date_start), min(date_start), arg_min(source_code, event_id),
               arg_min(target_code, event_id), arg_min(cameo, event_id), arg_min(modality, event_id),
               count(*), arg_min(evidence_text, event_id), arg_min(doc_id, event_id)
        FROM events
        WHERE {where} AND ((starts_with(source_code, ?) AND starts_with(target_code, ?)) OR
                           (starts_with(source_code, ?) AND starts_with(target_code, ?)))
        GROUP BY cluster_id
        ORDER BY min(date_start) NULLS FIRST, arg_min(cameo, event_id)
    """, [*params, ca, cb, cb, ca])
    out = []
    seen: set[tuple] = set()
    for date, day, src, tgt, cameo, mod, n, evidence, doc_id in rows:
        what = TURNING_POINTS.get(cameo) or TURNING_POINTS.get(cameo[:3]) or TURNING_POINTS.get(cameo[:2])
        if what is None:
            continue
        # a two-way meeting, or one told by several articles, is one turning point a month
        key = (str(day)[:7] if day else evidence, frozenset((src[:3], tgt[:3])), SAME_TURN.get(cameo[:3], cameo[:3]))
        if key in seen:
            continue
        seen.add(key)
        out.append(LedgerEntry(date, day, src, tgt, cameo, what, mod, n, evidence or "", doc_id))
    return out


@dataclass(frozen=True)
class Triangle:
    mediator: str
    party_a: str
    party_b: str
    date: str | None
    cameo: str
    modality: str
    evidence: str
    doc_id: str


def mediators(store: Store, a: str | None = None, b: str | None = None) -> list[Triangle]:
    """Triangles in which a third party mediates (or offers to) between two others."""
    rows = store.query("""
        SELECT source_code, list(DISTINCT target_code ORDER BY target_code), min(date), cameo, any_value(modality),
               evidence_text, doc_id, min(date_start)
        FROM events WHERE cameo IN ('045', '039') AND target_code IS NOT NULL
        GROUP BY source_code, cameo, evidence_text, doc_id
        ORDER BY min(date_start) NULLS LAST, source_code
    """)
    ca = actor_code(a) if a else None
    cb = actor_code(b) if b else None
    out = []
    for src, targets, date, cameo, mod, evidence, doc_id, _ in rows:
        parties = sorted({t for t in targets if t[:3] != src[:3]})
        for i in range(len(parties)):
            for j in range(i + 1, len(parties)):
                pa, pb = parties[i], parties[j]
                if pa[:3] == pb[:3]:
                    continue
                if ca and not (pa.startswith(ca) or pb.startswith(ca)):
                    continue
                if cb and not (pa.startswith(cb) or pb.startswith(cb)):
                    continue
                out.append(Triangle(src, pa, pb, date, cameo, mod, evidence or "", doc_id))
    return out


@dataclass(frozen=True)
class DyadRow:
    a: str
    b: str
    events: int
    goldstein_mean: float
    change: float | None = None


def top_dyads(store: Store, *, limit: int = 10, by: str = "events", since: dt.date | None = None,
              until: dt.date | None = None, split: dt.date | None = None,
              modality: str | None = "asserted") -> list[DyadRow]:
    """The most active dyads (countries, either direction); with by="change", those whose mean
    Goldstein score moved most between the periods before and after `split`."""
    if limit < 1 or limit > 10_000:
        raise DetenteError("--limit takes a number from 1 to 10000")
    where, params = _filters(modality=modality, since=since, until=until, day="month")
    # the per-month summary the store keeps (Store.summarise), not the events themselves
    if by == "events":
        rows = store.query(f"""
            SELECT a, b, sum(clusters) AS n, sum(goldstein_sum) / sum(reports) FROM dyad_months WHERE {where}
            GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?
        """, [*params, limit])
        return [DyadRow(a, b, int(n), round(g, 2)) for a, b, n, g in rows]
    if by != "change":
        raise DetenteError(f"--by takes events or change, not {by!r}")
    if split is None:
        latest = store.query("SELECT max(month) FROM dyad_months")[0][0] or dt.date.today()
        split = latest - dt.timedelta(days=365)
    rows = store.query(f"""
        SELECT a, b, n, after, after - before FROM (
            SELECT a, b, sum(clusters) AS n,
                   sum(goldstein_sum) FILTER (month < ?) / sum(reports) FILTER (month < ?) AS before,
                   sum(goldstein_sum) FILTER (month >= ?) / sum(reports) FILTER (month >= ?) AS after
            FROM dyad_months WHERE {where} GROUP BY a, b)
        WHERE before IS NOT NULL AND after IS NOT NULL
        ORDER BY abs(after - before) DESC, a, b LIMIT ?
    """, [split, split, split, split, *params, limit])
    return [DyadRow(a, b, int(n), round(g, 2), round(c, 2)) for a, b, n, g, c in rows]


ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


@dataclass(frozen=True)
class Node:
    code: str
    events: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    events: int
    goldstein_mean: float


def network(store: Store, *, since: dt.date | None = None, until: dt.date | None = None,
            roots: tuple[str, ...] = (), modality: str | None = "asserted", actor: str | None = None,
            limit: int = 150) -> tuple[list[Node], list[Edge]]:
    """Who acts on whom (countries and organisations, by direction) over a period: the `limit`
    busiest edges, each with its event count and mean Goldstein score, and their nodes."""
    if limit < 1 or limit > 2000:
        raise DetenteError("limit takes a number from 1 to 2000")
    bad = [r for r in roots if r not in ROOTS]
    if bad:
        raise DetenteError(f"unknown CAMEO root {bad[0]!r}: give two digits from 01 to 20")
    where, params = _filters(modality=modality, since=since, until=until, day="month")
    if roots:
        where += f" AND root IN ({', '.join('?' * len(roots))})"
        params += list(roots)
    if actor:
        code = actor_code(actor)[:3]
        where += " AND (source = ? OR target = ?)"
        params += [code, code]
    rows = store.query(f"""
        SELECT source, target, sum(clusters) AS n, sum(goldstein_sum) / sum(reports)
        FROM actor_flows WHERE {where}
        GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?
    """, [*params, limit])
    edges = [Edge(s, t, int(n), round(g or 0.0, 2)) for s, t, n, g in rows]
    activity: dict[str, int] = {}
    for e in edges:
        activity[e.source] = activity.get(e.source, 0) + e.events
        activity[e.target] = activity.get(e.target, 0) + e.events
    nodes = [Node(c, n) for c, n in sorted(activity.items(), key=lambda kv: (-kv[1], kv[0]))]
    return nodes, edges


def period_bounds(store: Store) -> tuple[dt.date | None, dt.date | None]:
    """The first and last month with dated events."""
    first, last = store.query("SELECT min(month), max(month) FROM actor_flows")[0]
    return first, last


def known_actor(store: Store, name: str) -> str:
    """The code for `name` if the store holds events with that actor, else ActorNotFoundError."""
    code = actor_code(name)
    hit = store.query("SELECT 1 FROM events WHERE starts_with(source_code, ?) OR starts_with(target_code, ?) LIMIT 1",
                      [code, code])
    if not hit:
        raise ActorNotFoundError(f"no events with actor {code} in this store")
    return code


@dataclass(frozen=True)
class DyadEvent:
    event_id: str
    doc_id: str
    date: str | None
    source: str
    target: str
    source_text: str
    target_text: str
    cameo: str
    cameo_name: str
    quad_class: int
    goldstein: float
    modality: str
    trigger: str
    evidence: str
    title: str


def dyad_events(store: Store, a: str, b: str, *, since: dt.date | None = None, until: dt.date | None = None,
                modality: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[DyadEvent]]:
    """The events of the dyad in both directions, newest first, with their evidence; and their total."""
    if not 1 <= limit <= 1000:
        raise DetenteError("limit takes a number from 1 to 1000")
    if not 0 <= offset <= 10_000_000:
        raise DetenteError("offset takes a number from 0 to 10000000")
    ca, cb = actor_code(a), actor_code(b)
    where, params = _filters(modality=modality, since=since, until=until)
    pair = """((starts_with(source_code, ?) AND starts_with(target_code, ?)) OR
               (starts_with(source_code, ?) AND starts_with(target_code, ?)))"""
    total = store.query(f"SELECT count(*) FROM events WHERE {where} AND {pair}", [*params, ca, cb, cb, ca])[0][0]
    rows = store.query(f"""
        SELECT e.event_id, e.doc_id, e.date, e.source_code, e.target_code, coalesce(e.source_text, ''),
               coalesce(e.target_text, ''), e.cameo, coalesce(e.cameo_name, ''), e.quad_class, e.goldstein,
               e.modality, coalesce(e.trigger, ''), coalesce(e.evidence_text, ''), coalesce(a.title, '')
        FROM (SELECT * FROM events WHERE {where} AND {pair}
              ORDER BY date_start DESC NULLS LAST, event_id LIMIT ? OFFSET ?) e
        LEFT JOIN articles a USING (doc_id)
        ORDER BY e.date_start DESC NULLS LAST, e.event_id
    """, [*params, ca, cb, cb, ca, limit, offset])
    return total, [DyadEvent(*r) for r in rows]


@dataclass(frozen=True)
class ActorHit:
    code: str
    name: str
    events: int


def find_actors(store: Store, text: str, *, limit: int = 20) -> list[ActorHit]:
    """Actors in the store whose code begins with `text` or whose name contains it."""
    q = text.strip()
    if not q:
        return []
    rows = store.query("""
        WITH a AS (
            SELECT source_code AS code, source_name AS name FROM events WHERE source_code IS NOT NULL
            UNION ALL SELECT target_code, target_name FROM events WHERE target_code IS NOT NULL
        )
        SELECT code, coalesce(max(name), ''), count(*) AS n FROM a
        WHERE starts_with(code, upper(?)) OR contains(lower(coalesce(name, '')), lower(?))
        GROUP BY code ORDER BY n DESC, code LIMIT ?
    """, [q, q, limit])
    return [ActorHit(c, n, int(k)) for c, n, k in rows]


def plot_series(rows: list[SeriesRow], path: str, *, title: str) -> None:
    """Draw the dyad's Goldstein sum by period for both directions, as SVG (or PNG with matplotlib)."""
    if path.lower().endswith(".png"):
        _plot_png(rows, path, title=title)
        return
    if not path.lower().endswith(".svg"):
        raise DetenteError(f"{path}: --plot writes .svg, or .png when matplotlib is installed")
    with open(path, "w", encoding="utf-8") as f:
        f.write(svg_chart(rows, title=title))


def _plot_png(rows: list[SeriesRow], path: str, *, title: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise DetenteError("PNG charts need matplotlib (pip install 'detente[plot]'); or write .svg") from None
    fig, ax = plt.subplots(figsize=(9, 4))
    for direction in ("A->B", "B->A"):
        pts = [(r.period, r.goldstein_sum) for r in rows if r.direction == direction]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=direction)
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_title(title)
    ax.set_ylabel("Goldstein sum")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def svg_chart(rows: list[SeriesRow], *, title: str, width: int = 720, height: int = 320) -> str:
    """A line chart of the Goldstein sum by period, one line a direction, as an SVG document."""
    from html import escape

    pad_l, pad_r, pad_t, pad_b = 56, 16, 36, 48
    periods = sorted({r.period for r in rows})
    values = [r.goldstein_sum for r in rows] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi == lo:
        hi = lo + 1
    span_days = max((periods[-1] - periods[0]).days, 1) if periods else 1

    def x(day: dt.date) -> float:
        return pad_l + (width - pad_l - pad_r) * ((day - periods[0]).days / span_days if len(periods) > 1 else 0.5)

    def y(v: float) -> float:
        return pad_t + (height - pad_t - pad_b) * (hi - v) / (hi - lo)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>',
             f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#999"/>',
             f'<text x="{pad_l - 6}" y="{y(hi) + 4:.1f}" text-anchor="end">{hi:.0f}</text>',
             f'<text x="{pad_l - 6}" y="{y(lo) + 4:.1f}" text-anchor="end">{lo:.0f}</text>',
             f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" text-anchor="middle">'
             'Goldstein sum</text>']
    if periods:
        for day in (periods[0], periods[-1]):
            parts.append(f'<text x="{x(day):.1f}" y="{height - pad_b + 18}" text-anchor="middle">{day}</text>')
    for direction, colour in (("A->B", "#1f77b4"), ("B->A", "#d62728")):
        pts = [(x(r.period), y(r.goldstein_sum)) for r in rows if r.direction == direction]
        if not pts:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in pts]
        ly = height - 12 if direction == "A->B" else height - 12
        lx = pad_l if direction == "A->B" else pad_l + 120
        parts.append(f'<text x="{lx}" y="{ly}" fill="{colour}">{escape(direction)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
