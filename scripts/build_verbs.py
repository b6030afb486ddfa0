"""Convert PETRARCH2's CAMEO verb dictionary into detente's verb pattern file.

Each verb block of ``CAMEO.2.0.txt`` becomes one entry: its default code and its patterns.
A pattern lists the words it needs before the verb (``pre``: subject or auxiliary words),
after it (``obj``: head nouns with their modifiers, head last), and prepositional phrases
(``preps``: the preposition and optionally its object). Synonym sets (``&NAME``) are
expanded into alternatives. Codes keep PETRARCH's ``SOURCE:REVERSE`` form ("043:042").
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


def _words(text: str, synsets: dict[str, list[str]]) -> list[list[str]]:
    """A word, a braced phrase or a synset as a list of alternative phrases (each a list of lower words)."""
    text = text.strip()
    if text.startswith("{"):
        parts = text.strip("{}").split()
        alts: list[list[str]] = [[]]
        for p in parts:
            choices = _words(p, synsets)
            alts = [a + c for a in alts for c in choices]
        return alts
    if text.startswith("&"):
        return [s.split() for s in synsets.get(text.rstrip("_"), [])]
    w = text.lower().replace("_", " ").strip()
    return [w.split()] if w else []


def _pattern(body: str, synsets: dict[str, list[str]]) -> dict | None:
    pre: list[list[list[str]]] = []
    obj: list[list[list[str]]] = []
    preps: list[list] = []
    after = False
    for tok in TOKEN.findall(body):
        if tok == "*":
            after = True
            continue
        if tok in ("$", "+", "^", "%") or tok.startswith(("$", "+", "^", "%")) and len(tok) == 1:
            continue
        if tok.startswith("("):
            inner = tok.strip("()").split(None, 1)
            prep = inner[0].lower().replace("_", " ")
            if prep in ("$", "+", "^", "%"):
                continue
            what = [w for w in TOKEN.findall(inner[1])] if len(inner) > 1 else []
            objs = [a for w in what if w not in ("$", "+", "^", "%") for a in _words(w, synsets)]
            preps.append([prep, objs])
            continue
        alts = _words(tok, synsets)
        if not alts:
            if tok.startswith("&"):
                return None  # an undefined synset: PETRARCH ignores the pattern
            continue
        (obj if after else pre).append(alts)
    return {"pre": pre, "obj": obj, "preps": preps}


def write_verbs(src: Path, out: Path) -> int:
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    verbs: dict[str, list] = {}
    current_syn: str | None = None
    block: dict | None = None
    count = 0
    for raw in src.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("~"):
            continue
        if line.startswith("&"):
            current_syn = line.strip().rstrip("_")
            synsets[current_syn] = []
            continue
        if line.startswith("+") and current_syn and block is None:
            synsets[current_syn].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        m = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", line)
        if m:
            current_syn = None
            block = {"name": m.group(1), "code": m.group(2).strip(), "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            cm = re.search(r"\[([^\]]*)\]\s*$", line)
            if not cm:
                continue
            p = _pattern(line[1:cm.start()], synsets)
            if p is None:
                continue
            p["code"] = cm.group(1).strip()
            block["patterns"].append(p)
            count += 1
            continue
        # a verb line: VERB {IRREGULAR FORMS} [CODE]
        code_m = re.search(r"\[([^\]]*)\]", line)
        forms_m = re.search(r"\{([^}]*)\}", line)
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", line).strip()
        if not head:
            continue
        words = head.lower().split("_")
        if any("+" in w for w in words):
            verb = next(w for w in words if "+" in w).replace("+", "")
            particle = " ".join(w.replace("+", "") for w in words if "+" not in w)
        else:
            verb, particle = words[0], " ".join(words[1:])
        forms = []
        if forms_m:
            for f in forms_m.group(1).split():
                fw = f.lower().split("_")
                forms.append(next((w for w in fw if "+" in w), fw[0]).replace("+", ""))
        entry = [len(blocks) - 1, particle, code_m.group(1).strip() if code_m else ""]
        for form in [verb, *forms]:
            verbs.setdefault(form, []).append(entry)
    data = {"source": "PETRARCH2 CAMEO.2.0.txt (MIT, Open Event Data Alliance)", "blocks": blocks, "verbs": verbs}
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:  # no timestamp: rebuilds are identical
        f.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
    return count
