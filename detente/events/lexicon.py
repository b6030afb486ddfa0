"""The coder's lexicon as data: what a verb means with a given object or phrase.

Rows live in ``detente/data/lexicon/*.tsv`` with their source in the file's header. A row
names verbs (with a particle where the sense needs one: "call+home"), the head nouns of the
verb's object (with modifiers where the sense needs them: "call[phone]"), and prepositional
phrases; it matches when every condition it states holds. Of two rows that match, the one
stating more conditions wins; rows stating the same conditions for the same verb are refused
when the file is loaded, so the order of lines never decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from .patterns import base_forms


@dataclass(frozen=True)
class ObjectFrame:
    """One row: the verbs, their object heads (with modifiers), their phrases, and the code."""

    particles: dict[str, frozenset[str]]  # verb -> particles it needs (empty: none)
    objects: dict[str, frozenset[str]]  # object head -> modifiers it needs (empty: any)
    preps: tuple[tuple[str, frozenset[str]], ...]
    code: str
    note: str

    @property
    def conditions(self) -> int:
        return bool(self.objects) + len(self.preps) + any(self.particles.values()) + \
            any(bool(m) for m in self.objects.values())


def _rows(name: str) -> list[list[str]]:
    text = resources.files("detente.data").joinpath("lexicon", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]  # the first line names the columns


def _frame(row: list[str]) -> ObjectFrame:
    verbs_col, objects_col, preps_col, code, note = (row + [""] * 5)[:5]
    particles: dict[str, set[str]] = {}
    for item in verbs_col.split("|"):
        verb, _, particle = item.partition("+")
        particles.setdefault(verb, set())
        if particle:
            particles[verb].add(particle)
    objects: dict[str, frozenset[str]] = {}
    for item in filter(None, _split_objects(objects_col)):
        head, _, mods = item.partition("[")
        objects[head] = frozenset(filter(None, mods.rstrip("]").split("|")))
    preps = tuple((p, frozenset(words.split("|"))) for p, _, words in
                  (item.partition(":") for item in filter(None, preps_col.split(";"))))
    return ObjectFrame({v: frozenset(p) for v, p in particles.items()}, objects, preps, code.strip(), note.strip())


def _split_objects(text: str) -> list[str]:
    """Split "a|b[x|y]|c" at the bars outside brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "|" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


@lru_cache(maxsize=1)
def object_frames() -> dict[str, list[ObjectFrame]]:
    """verb lemma -> the rows that name it, most conditions first; ties refused at load."""
    index: dict[str, list[ObjectFrame]] = {}
    seen: dict[tuple, str] = {}
    for row in _rows("object_frames.tsv"):
        frame = _frame(row)
        for verb in frame.particles:
            for obj in frame.objects or {"": frozenset()}:
                key = (verb, frame.particles[verb], obj, frame.objects.get(obj, frozenset()), frame.preps)
                if key in seen and seen[key] != frame.code:
                    raise ValueError(f"object_frames.tsv: {verb} {obj} is both {seen[key]} and {frame.code}")
                seen[key] = frame.code
            index.setdefault(verb, []).append(frame)
    for frames in index.values():
        frames.sort(key=lambda f: -f.conditions)  # stable: equal conditions never share a key (checked above)
    return index


def _lemmas(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _prep_phrases(holders: list[Token]) -> list[tuple[str, set[str]]]:
    out = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep":
                out.append((prep.lower_, {w for p in prep.children if p.dep_ == "pobj" for w in _lemmas(p)}))
    return out


def match_object_frame(verb: Token) -> ObjectFrame | None:
    """The lexicon row that this verb, its particles, its object and its phrases match, if any."""
    index = object_frames()
    forms = [verb.lemma_.lower(), verb.lower_, *base_forms(verb.lower_, verb.tag_)]
    lemma = next((f for f in forms if f in index), None)
    if lemma is None:
        return None
    # "called its envoy home": the parser may make the particle an adverb or a predicate noun
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "oprd", "npadvmod")}
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    phrases = _prep_phrases([verb, *objects])
    for frame in index[lemma]:
        needed = frame.particles.get(lemma, frozenset())
        if needed and not needed & particles:
            continue
        if frame.objects and not any(
                (head := next((h for h in _lemmas(o) if h in frame.objects), None)) is not None
                and (not frame.objects[head] or frame.objects[head] & {
                    w for c in o.children if c.dep_ in ("compound", "amod", "nmod") for w in _lemmas(c)})
                for o in objects):
            continue
        if any(not any(p == prep and words & w for p, w in phrases) for prep, words in frame.preps):
            continue
        return frame
    return None


MIN_MARKERS = 4  # distinct words of one domain that make an article sport or markets news


@lru_cache(maxsize=1)
def domain_markers() -> dict[str, str]:
    """word -> the non-political domain it marks ("sport", "markets")."""
    return {word: domain for word, domain, *_ in _rows("not_political.tsv")}


def not_political(words: set[str]) -> str | None:
    """The non-political domain an article's words mark, or None: countries in a match report
    are teams, and capitals in a markets report are exchanges."""
    markers = domain_markers()
    found: dict[str, int] = {}
    for word in words:
        domain = markers.get(word)
        if domain is not None:
            found[domain] = found.get(domain, 0) + 1
    return next((d for d, n in found.items() if n >= MIN_MARKERS), None)
