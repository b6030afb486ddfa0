"""PETRARCH2's CAMEO verb patterns, matched over spaCy dependency parses.

A verb's block gives a default code; a pattern refines it when the words it names stand in
the right places of the parse: before the verb (the subject's words and auxiliaries), as its
object (the direct object's words), or in a prepositional phrase attached to the verb or
its object. The most specific pattern that matches wins.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJECTS = {"dobj", "attr", "oprd", "dative", "acomp", "xcomp", "ccomp"}


@dataclass(frozen=True)
class VerbCode:
    """A code found for a verb: `code` source->target and, if any, `reverse` target->source."""

    code: str
    reverse: str | None
    verb: str
    pattern: str  # what matched, for the record
    swapped: bool = False  # the code runs from the object to the subject ("[:054]")


def _split(code: str) -> tuple[str, str | None]:
    code = code.strip()
    if ":" in code:
        a, b = code.split(":", 1)
        return a.strip(), (b.strip() or None)
    return code, None


Alternatives = tuple[tuple[frozenset[str], int], ...]  # each alternative: its words and how many


def _compile(alts: list[list[str]]) -> Alternatives:
    return tuple((frozenset(phrase), len(phrase)) for phrase in alts if phrase)


@lru_cache(maxsize=1)
def verb_dictionary() -> dict:
    """The verb patterns, each alternative compiled into a set of words to test at once."""
    data = json.loads(gzip.decompress(resources.files("detente.data").joinpath("verbs.json.gz").read_bytes()))
    for block in data["blocks"]:
        block["patterns"] = [{
            "pre": [_compile(a) for a in p["pre"]],
            "obj": [_compile(a) for a in p["obj"]],
            "preps": [(prep, _compile(alts)) for prep, alts in p["preps"]],
            "code": p["code"],
        } for p in block["patterns"]]
        block["index"] = _gate_index(block["patterns"])
    return data


def _gate_index(patterns: list[dict]) -> dict[str, list[int]]:
    """word -> the patterns that cannot match unless the verb's context has that word.

    A pattern's gate is its first condition: one word of each alternative of its first
    subject or object phrase, or else the preposition it asks for. A pattern with no condition
    scores 0 and never wins, so it needs no entry."""
    index: dict[str, list[int]] = {}
    for n, pattern in enumerate(patterns):
        if pattern["pre"] or pattern["obj"]:
            alternatives = (pattern["pre"] or pattern["obj"])[0]
            gate = {min(phrase) for phrase, _ in alternatives}
        elif pattern["preps"]:
            gate = {pattern["preps"][0][0]}
        else:
            continue
        for word in gate:
            index.setdefault(word, []).append(n)
    return index


def _words(tokens) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _has(alternatives: Alternatives, words: set[str]) -> int:
    """The length of the longest alternative whose words all appear (0: none does)."""
    best = 0
    for phrase, n in alternatives:
        if n > best and phrase <= words:
            best = n
    return best


@dataclass(frozen=True)
class Context:
    """What a verb's patterns are tested on: the words before it (subject, auxiliaries), the heads
    of its objects and their modifiers apart, its particles, and its prepositional phrases."""

    pre: frozenset[str]
    heads: frozenset[str]
    modifiers: frozenset[str]
    particles: frozenset[str]
    preps: tuple[tuple[str, frozenset[str]], ...]

    @property
    def words(self) -> set[str]:
        out = set(self.pre | self.heads | self.modifiers | self.particles)
        for p, w in self.preps:
            out.add(p)
            out |= w
        return out


def _context(verb: Token) -> Context:
    pre: set[str] = set()
    heads: set[str] = set()
    modifiers: set[str] = set()
    particles: set[str] = set()
    preps: list[tuple[str, frozenset[str]]] = []
    holders = [verb]
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubjpass" or dep in OBJECTS:
            # the subject of a passive is the logical object: "evidence was presented"
            heads |= _words([child])
            if dep not in ("xcomp", "ccomp"):
                modifiers |= _words(t for t in child.children if t.dep_ not in ("prep", "relcl", "acl", "punct"))
            holders.append(child)
            if dep == "nsubjpass":
                continue
        if dep in SUBJECTS or dep in ("aux", "auxpass", "neg", "advmod") and child.i < verb.i:
            pre |= _words(child.subtree)
        elif dep == "prt" or dep == "advmod" and child.i > verb.i:
            particles |= _words([child])
        elif dep == "agent":
            preps.append(("by", frozenset(_words(child.subtree))))
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep":
                preps.append((child.lower_, frozenset(_words(t for t in child.subtree if t is not child))))
    return Context(frozenset(pre), frozenset(heads), frozenset(modifiers), frozenset(particles), tuple(preps))


# The order between patterns that match, most specific first (the issue of coder v2, and
# PETRARCH's own intent): an object's head with its modifiers ("diplomatic relations"), an
# object's head ("relations"), a subject phrase, a preposition with its object ("with
# Turkey"), a bare preposition, a particle alone ("off"). Each match adds its weight; a
# pattern that names more words of a kind outranks one that names fewer.
HEAD, MODIFIER, SUBJECT_WORD, PREP_OBJECT, PREP, PARTICLE = 1000, 100, 300, 60, 20, 5


def _object_score(alternatives: Alternatives, ctx: Context) -> int:
    best = 0
    for phrase, n in alternatives:
        if phrase <= ctx.particles:
            best = max(best, PARTICLE * n)
            continue
        if not phrase & ctx.heads:
            continue  # a pattern's object names the object's head, not a word beside it
        if phrase <= ctx.heads | ctx.modifiers | ctx.particles:
            best = max(best, HEAD + MODIFIER * (n - 1))
    return best


def _pattern_score(pattern: dict, ctx: Context) -> int:
    """The pattern's weight in this context, or -1 when it does not match."""
    score = 0
    for alts in pattern["pre"]:
        n = _has(alts, ctx.pre)
        if not n:
            return -1
        score += SUBJECT_WORD * n
    for alts in pattern["obj"]:
        n = _object_score(alts, ctx)
        if not n:
            return -1
        score += n
    for prep, alts in pattern["preps"]:
        best = -1
        for p, words in ctx.preps:
            if p == prep:
                best = max(best, PREP_OBJECT * _has(alts, words) if alts else PREP)
        if best <= 0:
            return -1
        score += best
    return score


def code_verb(verb: Token) -> VerbCode | None:
    """The CAMEO code that the verb dictionary gives this verb in its parse, or None (kept with
    the Doc, since the coder asks again of a verb that frames or is framed by another)."""
    memo = verb.doc.user_data.setdefault("detente.verb_codes", {})
    if verb.i not in memo:
        memo[verb.i] = _code_verb(verb)
    return memo[verb.i]


def base_forms(word: str, tag: str) -> list[str]:
    """Candidate base forms of an inflected verb, for when the lemmatiser errs ("staged" -> "stag"):
    -ed, -d, -ied and doubled consonants in the past; -ing, -ying and -e dropped before -ing;
    -s, -es and -ies in the third person."""
    forms: list[str] = []
    if tag in ("VBD", "VBN") and word.endswith("ed"):
        stem = word[:-2]
        forms += [word[:-1], stem]
        if word.endswith("ied"):
            forms.append(word[:-3] + "y")
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])
    elif tag == "VBG" and word.endswith("ing"):
        stem = word[:-3]
        forms += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.append(stem[:-1])
    elif tag == "VBZ" and word.endswith("s"):
        forms += [word[:-1], word[:-2]]
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
    return forms


@lru_cache(maxsize=1)
def polysemous_verbs() -> frozenset[str]:
    """Verbs whose block default is no event: their common senses are not political acts."""
    text = resources.files("detente.data").joinpath("lexicon", "polysemous_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


def lemma_in(verb: Token, words: set[str]) -> bool:
    """The verb's lemma, or a base form of it where the lemmatiser erred, is one of `words`."""
    return verb.lemma_.lower() in words or any(f in words for f in base_forms(verb.lower_, verb.tag_))


def _entries(verb: Token) -> list:
    verbs = verb_dictionary()["verbs"]
    for form in (verb.lemma_.lower(), verb.lower_, *base_forms(verb.lower_, verb.tag_)):
        if form in verbs:
            return verbs[form]
    return []


def _code_verb(verb: Token) -> VerbCode | None:
    d = verb_dictionary()
    entries = _entries(verb)
    if not entries:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    nxt = verb.doc[verb.i + 1].lower_ if verb.i + 1 < len(verb.doc) else ""
    chosen = None
    for block_index, particle, own_code in entries:
        if particle and particle.split()[0] not in particles and particle.split()[0] != nxt:
            continue
        if chosen is None or (particle and not chosen[1]):
            chosen = (block_index, particle, own_code)
    if chosen is None:
        return None
    block = d["blocks"][chosen[0]]
    ctx = _context(verb)
    index = block["index"]
    candidates = sorted({n for w in ctx.words for n in index.get(w, ())})
    best_score, best_codes = 0, set()
    for n in candidates:
        score = _pattern_score(block["patterns"][n], ctx)
        if score > best_score:
            best_score, best_codes = score, {block["patterns"][n]["code"]}
        elif score == best_score and score > 0:
            best_codes.add(block["patterns"][n]["code"])
    longest = max(best_codes, key=len, default="")
    if best_codes and all(longest.startswith(c) for c in best_codes):
        # one code, or codes of one family ("087" and "0874"): the most specific
        code, pattern_text = longest, f"{block['name']} pattern"
    elif best_codes or not chosen[1] and lemma_in(verb, polysemous_verbs()):
        # equally specific patterns that disagree decide nothing; a verb of many senses has no
        # default: "beat", "call", "take" mean nothing alone
        return None
    else:
        code, pattern_text = chosen[2] or block["code"], f"{block['name']} default"
    primary, reverse = _split(code)
    if primary == "" and reverse and reverse[:2].isdigit():
        return VerbCode(reverse, None, verb.lemma_.lower(), pattern_text, swapped=True)
    if primary in ("---", "") or not primary[:2].isdigit():
        return None
    if reverse in ("---", "") or (reverse and not reverse[:2].isdigit()):
        reverse = None
    return VerbCode(primary, reverse, verb.lemma_.lower(), pattern_text)
