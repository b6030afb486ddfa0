"""A synthetic corpus for the scale benchmarks, built from the demo corpus (not committed).

    python scripts/make_corpus.py N OUT.jsonl [--seed 1] [--distinct]

Each record is a demo article with its country names and demonyms swapped by a random
permutation, its date moved by up to ten years, and a fresh id; records come in random order.
A demo article that names one or two of the countries has few permutations, so texts repeat;
with --distinct a repeated text is drawn again (another article or permutation) until it is new,
for benchmarks of the store, which stores a repeated text once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from importlib import resources

COUNTRIES = [("Turkey", "Turkish"), ("Syria", "Syrian"), ("Russia", "Russian"), ("Iran", "Iranian"),
             ("Egypt", "Egyptian"), ("Jordan", "Jordanian"), ("Iraq", "Iraqi"), ("Lebanon", "Lebanese"),
             ("Saudi Arabia", "Saudi"), ("Qatar", "Qatari"), ("Israel", "Israeli"), ("Ukraine", "Ukrainian"),
             ("China", "Chinese"), ("India", "Indian"), ("Pakistan", "Pakistani"), ("Armenia", "Armenian"),
             ("Azerbaijan", "Azerbaijani"), ("Ethiopia", "Ethiopian"), ("Eritrea", "Eritrean"), ("Kenya", "Kenyan")]


def make(n: int, seed: int, *, distinct: bool = False) -> list[dict]:
    rng = random.Random(seed)
    path = resources.files("detente.data").joinpath("demo", "articles.jsonl")
    demo = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for pair in COUNTRIES for w in pair) + r")\b")
    out = []
    seen: set[str] = set()
    for k in range(n):
        while True:
            rec = dict(rng.choice(demo))
            shuffled = COUNTRIES[:]
            rng.shuffle(shuffled)
            swap = {}
            for (name, adj), (name2, adj2) in zip(COUNTRIES, shuffled):
                swap[name], swap[adj] = name2, adj2
            rec["text"] = pattern.sub(lambda m: swap[m.group(1)], rec["text"])
            if not distinct or rec["text"] not in seen:
                break
        seen.add(rec["text"])
        rec["title"] = pattern.sub(lambda m: swap[m.group(1)], rec.get("title") or "")
        if rec.get("date"):
            day = dt.date.fromisoformat(rec["date"]) + dt.timedelta(days=rng.randint(-1800, 1800))
            rec["date"] = day.isoformat()
        rec["id"] = f"synthetic-{k:07d}"
        rec.pop("url", None)
        out.append(rec)
    rng.shuffle(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--distinct", action="store_true", help="no two records with the same text")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in make(args.n, args.seed, distinct=args.distinct):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
