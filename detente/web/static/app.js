// detente explorer: every page draws itself from the JSON API. Text from the store is only
// ever placed with textContent, never parsed as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const ROOTS = {
  "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
  "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
  "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
  "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
  "19": "fight", "20": "use unconventional mass violence",
};
const MODALITIES = ["asserted", "planned", "intended", "hypothetical", "negated", "any"];
const QUADS = [["verbal_coop", "verbal cooperation"], ["material_coop", "material cooperation"],
  ["verbal_conflict", "verbal conflict"], ["material_conflict", "material conflict"]];

// -- DOM helpers --------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function link(path, params, text) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v) url.searchParams.set(k, v);
  return el("a", {href: url.pathname + url.search, text});
}

function articleLink(docId, text) {
  return el("a", {href: "/articles/" + encodeURIComponent(docId), class: "article-link", text});
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v) url.searchParams.set(k, v);
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showError(main, error) {
  main.replaceChildren(el("p", {class: "error", role: "alert", text: error.message}));
}

function params() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

// Goldstein -10 (red) .. 0 (grey) .. +10 (blue)
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, g / 6));
  const grey = [150, 150, 150], red = [192, 40, 30], blue = [30, 90, 200];
  const end = t < 0 ? red : blue, a = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

// Marks the first occurrence of each phrase in `text`, as <mark class=...> elements.
function highlighted(text, marks) {
  const found = [];
  for (const [phrase, cls] of marks) {
    if (!phrase) continue;
    const at = text.toLowerCase().indexOf(phrase.toLowerCase());
    if (at >= 0 && !found.some(f => at < f[1] && f[0] < at + phrase.length)) found.push([at, at + phrase.length, cls]);
  }
  found.sort((x, y) => x[0] - y[0]);
  const out = el("span", {class: "evidence"});
  let pos = 0;
  for (const [s, e, cls] of found) {
    out.append(text.slice(pos, s), el("mark", {class: cls, text: text.slice(s, e)}));
    pos = e;
  }
  out.append(text.slice(pos));
  return out;
}

function table(headers, rows, cls) {
  return el("table", {class: cls},
    el("thead", {}, el("tr", {}, ...headers.map(h => el("th", {text: h})))),
    el("tbody", {}, ...rows));
}

// -- overview -----------------------------------------------------------------------------

function layout(nodes, edges, width, height) {
  const n = nodes.length, pos = new Map();
  nodes.forEach((node, i) => {
    const angle = 2 * Math.PI * i / Math.max(n, 1), r = Math.min(width, height) * (0.15 + 0.25 * (i % 2));
    pos.set(node.code, {x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle)});
  });
  const k = Math.sqrt(width * height / Math.max(n, 1)) * 0.6;
  for (let step = 0; step < 300; step++) {
    const heat = 0.1 * (1 - step / 300) * k;
    const move = new Map(nodes.map(nd => [nd.code, {x: 0, y: 0}]));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = pos.get(nodes[i].code), b = pos.get(nodes[j].code);
      let dx = a.x - b.x, dy = a.y - b.y, d = Math.hypot(dx, dy) || 0.01;
      const f = k * k / d;
      const ma = move.get(nodes[i].code), mb = move.get(nodes[j].code);
      ma.x += dx / d * f; ma.y += dy / d * f; mb.x -= dx / d * f; mb.y -= dy / d * f;
    }
    for (const e of edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      let dx = a.x - b.x, dy = a.y - b.y, d = Math.hypot(dx, dy) || 0.01;
      const f = d * d / k;
      const ma = move.get(e.source), mb = move.get(e.target);
      ma.x -= dx / d * f; ma.y -= dy / d * f; mb.x += dx / d * f; mb.y += dy / d * f;
    }
    for (const nd of nodes) {
      const p = pos.get(nd.code), m = move.get(nd.code);
      m.x += (width / 2 - p.x) * 0.05 * k / 10; m.y += (height / 2 - p.y) * 0.05 * k / 10;
      const d = Math.hypot(m.x, m.y) || 0.01;
      p.x = Math.max(30, Math.min(width - 30, p.x + m.x / d * Math.min(d, heat)));
      p.y = Math.max(30, Math.min(height - 30, p.y + m.y / d * Math.min(d, heat)));
    }
  }
  return pos;
}

function networkChart(data, onActor) {
  const width = 900, height = 560;
  const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, class: "network", role: "img",
    "aria-label": "network of relations"});
  const defs = svg("defs");
  defs.append(svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: "auto-start-reverse", markerUnits: "userSpaceOnUse"}, svg("path", {d: "M0,0 L10,5 L0,10 z",
    fill: "context-stroke"})));
  root.append(defs);
  if (!data.nodes.length) {
    root.append(svg("text", {x: width / 2, y: height / 2, "text-anchor": "middle", text: "No events in this selection"}));
    return root;
  }
  const pos = layout(data.nodes, data.edges, width, height);
  const most = Math.max(...data.nodes.map(n => n.events));
  const radius = n => 6 + 22 * Math.sqrt(n.events / most);
  const radii = new Map(data.nodes.map(n => [n.code, radius(n)]));
  const heaviest = Math.max(...data.edges.map(e => e.events));
  const pairs = new Set(data.edges.map(e => e.source + ">" + e.target));
  const edgeLayer = svg("g", {class: "edges"});
  for (const e of data.edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
    const rb = radii.get(e.target) + 2;
    const bend = pairs.has(e.target + ">" + e.source) ? 0.15 : 0;  // two directions: two arcs
    const cx = (a.x + b.x) / 2 - dy * bend, cy = (a.y + b.y) / 2 + dx * bend;
    const ex = b.x - (b.x - cx) / Math.hypot(b.x - cx, b.y - cy) * rb;
    const ey = b.y - (b.y - cy) / Math.hypot(b.x - cx, b.y - cy) * rb;
    const colour = goldsteinColour(e.goldstein_mean);
    const go = () => { location.href = `/dyad?a=${encodeURIComponent(e.source)}&b=${encodeURIComponent(e.target)}`; };
    const path = svg("path", {d: `M${a.x},${a.y} Q${cx},${cy} ${ex},${ey}`, class: "edge", stroke: colour,
      "stroke-width": 1 + 5 * Math.sqrt(e.events / heaviest), fill: "none", "marker-end": "url(#arrow)",
      "data-source": e.source, "data-target": e.target, onclick: go},
      svg("title", {text: `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${e.goldstein_mean}`}));
    edgeLayer.append(path);
  }
  const nodeLayer = svg("g", {class: "nodes"});
  for (const n of data.nodes) {
    const p = pos.get(n.code);
    nodeLayer.append(svg("g", {class: "node", "data-code": n.code, transform: `translate(${p.x},${p.y})`,
      onclick: () => onActor(n.code)},
      svg("circle", {r: radii.get(n.code)}),
      svg("text", {dy: -radii.get(n.code) - 3, "text-anchor": "middle", text: n.code}),
      svg("title", {text: `${n.code}: ${n.events} events`})));
  }
  root.append(edgeLayer, nodeLayer);
  return root;
}

function legend() {
  const box = el("div", {class: "legend"});
  for (const [g, label] of [[-8, "conflict (Goldstein −)"], [0, "neutral"], [8, "cooperation (Goldstein +)"]]) {
    const sw = el("span", {class: "swatch"});
    sw.style.background = goldsteinColour(g);
    box.append(sw, label, " ");
  }
  box.append(" · node size: events · arrow: who acts on whom · click an edge for the dyad, a node to filter");
  return box;
}

function monthIndex(first, day) {
  const a = new Date(first), b = new Date(day);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

function monthDay(first, index, end) {
  const a = new Date(first);
  const d = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + index + (end ? 1 : 0), end ? 0 : 1));
  return d.toISOString().slice(0, 10);
}

async function overview(main) {
  const p = params();
  const data = await api("/api/network", {from: p.from, to: p.to, roots: p.roots, modality: p.modality,
    actor: p.actor});
  const form = el("form", {class: "filters", method: "get", action: "/"});
  const from = el("input", {type: "date", name: "from", value: p.from || "", "aria-label": "from"});
  const to = el("input", {type: "date", name: "to", value: p.to || "", "aria-label": "to"});
  const roots = el("select", {name: "roots", multiple: true, size: 4, "aria-label": "code family"},
    ...Object.entries(ROOTS).map(([code, name]) => el("option", {value: code, text: `${code} ${name}`,
      selected: (p.roots || "").split(",").includes(code)})));
  const modality = el("select", {name: "modality", "aria-label": "modality"},
    ...MODALITIES.map(m => el("option", {value: m, text: m, selected: (p.modality || "asserted") === m})));
  const actor = el("input", {type: "text", name: "actor", value: p.actor || "", placeholder: "actor (TUR, Putin)",
    "aria-label": "actor"});
  form.append(el("label", {}, "From ", from), el("label", {}, "to ", to));
  const {first, last} = data.period;
  if (first && last) {
    const span = monthIndex(first, last);
    const start = el("input", {type: "range", min: 0, max: span, value: p.from ? monthIndex(first, p.from) : 0,
      class: "slider", "aria-label": "period start"});
    const end = el("input", {type: "range", min: 0, max: span, value: p.to ? monthIndex(first, p.to) : span,
      class: "slider", "aria-label": "period end"});
    const sync = () => {
      if (+start.value > +end.value) end.value = start.value;
      from.value = monthDay(first, +start.value, false);
      to.value = monthDay(first, +end.value, true);
    };
    start.addEventListener("input", sync);
    end.addEventListener("input", sync);
    form.append(el("span", {class: "period"}, "Period ", start, end));
  }
  form.append(el("label", {}, "Code family ", roots), el("label", {}, "Modality ", modality),
    el("label", {}, "Actor ", actor), el("button", {type: "submit", text: "Apply"}));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const chosen = [...roots.selectedOptions].map(o => o.value).join(",");
    const url = new URL("/", location.origin);
    for (const [k, v] of [["from", from.value], ["to", to.value], ["roots", chosen], ["modality", modality.value],
      ["actor", actor.value.trim()]]) if (v && !(k === "modality" && v === "asserted")) url.searchParams.set(k, v);
    location.href = url.pathname + url.search;
  });
  const onActor = code => { location.href = `/?actor=${encodeURIComponent(code)}`; };
  const rows = data.edges.slice(0, 25).map(e => el("tr", {},
    el("td", {}, link("/dyad", {a: e.source, b: e.target}, `${e.source} → ${e.target}`)),
    el("td", {class: "num", text: e.events}),
    el("td", {class: "num", text: e.goldstein_mean.toFixed(2)})));
  const period = first ? `Events from ${first.slice(0, 7)} to ${last.slice(0, 7)}.` : "The store has no dated events.";
  main.replaceChildren(
    el("h1", {text: p.actor ? `Relations of ${p.actor}` : "Relations"}), el("p", {class: "muted", text: period}),
    form, networkChart(data, onActor), legend(),
    el("h2", {text: `Busiest relations (${Math.min(25, data.edges.length)} of ${data.edges.length})`}),
    table(["relation", "events", "mean Goldstein"], rows, "edges"));
}

// -- dyad ---------------------------------------------------------------------------------

function seriesChart(series, a, b) {
  const width = 900, height = 310, pad = 36, mid = (height - 12) / 2;
  const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, class: "series", role: "img",
    "aria-label": `events by period, ${a} and ${b}`});
  const periods = [...new Set(series.map(r => r.period))].sort();
  if (!periods.length) {
    root.append(svg("text", {x: width / 2, y: mid, "text-anchor": "middle", text: "No events"}));
    return root;
  }
  const most = Math.max(...series.map(r => r.events));
  const bw = (width - 2 * pad) / periods.length;
  const scale = (mid - 20) / most;
  root.append(svg("line", {x1: pad, x2: width - pad, y1: mid, y2: mid, class: "axis"}));
  root.append(svg("text", {x: 4, y: 14, text: `${a} → ${b}`, class: "label"}));
  root.append(svg("text", {x: 4, y: mid + 14, text: `${b} → ${a}`, class: "label"}));
  for (const r of series) {
    const i = periods.indexOf(r.period), up = r.direction === "A->B";
    let offset = 0;
    QUADS.forEach(([key, name], q) => {
      const h = r[key] * scale;
      if (!h) return;
      const y = up ? mid - offset - h : mid + offset;
      root.append(svg("rect", {x: pad + i * bw + 1, y, width: Math.max(bw - 2, 1), height: h, class: `quad q${q + 1}`},
        svg("title", {text: `${r.period} ${up ? a + " → " + b : b + " → " + a}: ${r[key]} ${name}, ` +
          `mean Goldstein ${r.goldstein_mean}`})));
      offset += h;
    });
  }
  const step = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((p, i) => {
    if (i % step === 0) root.append(svg("text", {x: pad + i * bw, y: height - 3, class: "tick", text: p.slice(0, 7)}));
  });
  return root;
}

function quadLegend() {
  return el("div", {class: "legend"}, ...QUADS.flatMap(([, name], q) => [el("span", {class: `swatch q${q + 1}`}),
    name, " "]), " · above the axis: first actor acting; below: the second");
}

function eventRows(events) {
  return events.map(e => el("tr", {"data-event": e.event_id},
    el("td", {text: e.date || "undated"}),
    el("td", {text: `${e.source} → ${e.target}`}),
    el("td", {}, el("code", {text: e.cameo}), " ", e.cameo_name),
    el("td", {text: e.modality}),
    el("td", {}, highlighted(e.evidence, [[e.trigger, "trigger"], [e.source_text, "actor"], [e.target_text, "actor"]])),
    el("td", {}, articleLink(e.doc_id, e.title || "article"))));
}

async function dyad(main) {
  const p = params();
  if (!p.a || !p.b) throw new Error("A dyad page needs two actors: /dyad?a=TUR&b=SYR");
  const by = p.by || "month";
  const [data, list] = await Promise.all([
    api("/api/dyad", {a: p.a, b: p.b, by, from: p.from, to: p.to, modality: p.modality}),
    api("/api/dyad/events", {a: p.a, b: p.b, from: p.from, to: p.to, limit: 50})]);
  const periods = el("p", {class: "periods"}, "By ",
    ...["month", "quarter", "year"].flatMap(k => [k === by ? el("strong", {text: k}) :
      link("/dyad", {a: p.a, b: p.b, by: k, from: p.from, to: p.to}, k), " "]));
  const ledgerRows = data.ledger.map(e => el("li", {},
    el("span", {class: "when", text: e.date || "undated"}), " ",
    el("strong", {text: `${e.source} → ${e.target}`}), " ", e.what, ` (${e.cameo}, ${e.modality}) `,
    el("q", {text: e.evidence}), " ", articleLink(e.doc_id, "article")));
  const body = el("tbody", {}, ...eventRows(list.events));
  const events = el("table", {class: "events"},
    el("thead", {}, el("tr", {}, ...["date", "direction", "code", "modality", "evidence", "article"]
      .map(h => el("th", {text: h})))), body);
  let shown = list.events.length;
  const more = el("button", {type: "button", text: "More events", class: "more"});
  more.hidden = shown >= list.total;
  more.addEventListener("click", async () => {
    const next = await api("/api/dyad/events", {a: p.a, b: p.b, from: p.from, to: p.to, limit: 50, offset: shown});
    body.append(...eventRows(next.events));
    shown += next.events.length;
    more.hidden = shown >= next.total;
  });
  main.replaceChildren(
    el("h1", {text: `${data.a} – ${data.b}`}), periods, seriesChart(data.series, data.a, data.b), quadLegend(),
    el("h2", {text: "Ledger"}),
    data.ledger.length ? el("ol", {class: "ledger"}, ...ledgerRows) : el("p", {text: "No turning points."}),
    el("h2", {text: `Events (${list.total})`}), events, more);
}

// -- article ------------------------------------------------------------------------------

async function article(main) {
  const docId = decodeURIComponent(location.pathname.replace(/^\/articles\//, ""));
  const data = await api("/api/articles/" + encodeURIComponent(docId));
  const spans = new Map();  // one mark per evidence span, with every event it supports
  for (const e of data.events) for (const [s, t] of e.evidence) {
    const key = s + ":" + t;
    if (!spans.has(key)) spans.set(key, {s, t, events: []});
    spans.get(key).events.push(e);
  }
  const ordered = [...spans.values()].sort((x, y) => x.s - y.s);
  const text = el("div", {class: "article-text"});
  let pos = 0;
  for (const span of ordered) {
    if (span.s < pos) continue;
    text.append(data.text.slice(pos, span.s));
    text.append(el("mark", {class: "event", "data-events": span.events.map(e => e.event_id).join(" "),
      title: span.events.map(e => `${e.source_code || "?"} ${e.cameo} ${e.target_code || ""}`).join("; ")},
      data.text.slice(span.s, span.t)));
    pos = span.t;
  }
  text.append(data.text.slice(pos));
  const meta = el("p", {class: "muted"}, [data.source, data.published].filter(Boolean).join(" · ") || "");
  if (data.url && /^https?:\/\//i.test(data.url)) meta.append(" · ", el("a", {href: data.url, rel: "noopener noreferrer",
    text: "original"}));
  const rows = data.events.map(e => el("tr", {"data-event": e.event_id},
    el("td", {text: e.date || "undated"}), el("td", {text: e.source_code || ""}), el("td", {text: e.target_code || ""}),
    el("td", {}, el("code", {text: e.cameo}), " ", e.cameo_name || ""), el("td", {text: e.modality}),
    el("td", {text: e.trigger || ""})));
  main.replaceChildren(el("h1", {text: data.title || data.doc_id}), meta, text,
    el("h2", {text: `Events (${data.events.length})`}),
    table(["date", "source", "target", "code", "modality", "trigger"], rows, "events"));
}

// -- search -------------------------------------------------------------------------------

async function search(main) {
  const q = (params().q || "").trim();
  const form = el("form", {action: "/search", method: "get", class: "filters"},
    el("input", {type: "search", name: "q", value: q, "aria-label": "search text"}), el("button", {text: "Search"}));
  if (!q) {
    main.replaceChildren(el("h1", {text: "Search"}), form);
    return;
  }
  const data = await api("/api/search", {q, limit: 50});
  const actors = data.actors.map(a => el("li", {}, link("/", {actor: a.code}, a.code), ` ${a.name} (${a.events})`));
  const events = data.events.map(e => el("tr", {},
    el("td", {text: e.date || "undated"}), el("td", {text: `${e.source_code || "?"} → ${e.target_code || "?"}`}),
    el("td", {}, el("code", {text: e.cameo}), " ", e.cameo_name || ""),
    el("td", {}, highlighted(e.evidence_text || "", [[q, "match"]])), el("td", {}, articleLink(e.doc_id, "article"))));
  main.replaceChildren(el("h1", {text: `Search: ${q}`}), form,
    el("h2", {text: "Actors"}), actors.length ? el("ul", {class: "actors"}, ...actors) : el("p", {text: "None."}),
    el("h2", {text: "Events"}), events.length ?
      table(["date", "direction", "code", "evidence", "article"], events, "events") : el("p", {text: "None."}));
}

const PAGES = {overview, dyad, article, search};

document.addEventListener("DOMContentLoaded", () => {
  const main = document.getElementById("main");
  const page = PAGES[document.body.dataset.page];
  page(main).then(() => { document.body.dataset.ready = "1"; },
    error => { showError(main, error); document.body.dataset.ready = "error"; });
});
