"""Actor knowledge: dictionary phrases, dated codes, agents, seats of power and officeholders.

Loads the package's own data files (converted from PETRARCH2's Phoenix dictionaries, plus the
maintained officeholder layer and the seats of power) and answers two questions: which
entries does a run of words name, and what code does an entry carry on a given date.
"""
from __future__ import annotations

import datetime as dt
import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterator

ELITE = "ELI"


def phrase_key(text: str) -> tuple[str, ...]:
    """Words of a phrase as the dictionaries store them: lower case, periods dropped, split at hyphens."""
    out: list[str] = []
    for word in re.split(r"[\s_]+", text.strip().lower()):
        word = word.replace("’", "'")
        if word.endswith("'s") and len(word) > 2:
            word = word[:-2]
        for part in word.split("-"):
            part = part.replace(".", "")
            if part:
                out.append(part)
    return tuple(out)


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Term:
    """A code held from `start` (inclusive) to `end` (exclusive); None is open."""

    code: str
    start: dt.date | None
    end: dt.date | None
    office: str = ""

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entry:
    """A named actor: a person, a state, an organisation or a group."""

    name: str
    terms: list[Term]
    default: str | None = None
    country: str | None = None
    person: bool = False
    state: bool = False  # a state with dated codes, resolved like a country name
    maintained: bool = False  # from the maintained officeholder layer
    fallback: "Entry | None" = None
    source: str = "phoenix"

    def code_on(self, day: dt.date | None) -> str | None:
        """The entry's code on `day` (the default code when no dated term applies)."""
        if day is not None:
            for term in self.terms:
                if term.covers(day):
                    return term.code
            if self.maintained and self.country and any(t.end and t.end <= day for t in self.terms):
                return self.country + ELITE  # out of office after holding it: an elite of the country
            if self.fallback is not None:
                return self.fallback.code_on(day)
        elif self.maintained:
            return self.terms[-1].code
        if self.default:
            return self.default
        if self.fallback is not None:
            return self.fallback.code_on(day)
        return self.terms[-1].code if self.terms else None

    def holds_on(self, day: dt.date | None) -> bool:
        return day is not None and any(t.covers(day) for t in self.terms)


@dataclass(frozen=True)
class Match:
    """What a run of words names: an entry, an agent role, a seat of power or a country."""

    kind: str  # "entry", "agent", "seat", "country", "capital", or "org" (a named body found by the parser)
    key: tuple[str, ...]
    entries: tuple[Entry, ...] = ()
    role: str = ""  # agent role ("GOV", "MIL", "@IGO" for a prefix)
    code: str = ""  # country or seat code


@dataclass
class ActorDictionary:
    """All phrases detente knows, with their matches, and the officeholder tables."""

    phrases: dict[tuple[str, ...], Match] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    max_len: int = 1
    offices: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> name

    def add(self, key: tuple[str, ...], match: Match, *, replace: bool = False) -> None:
        if not key:
            return
        old = self.phrases.get(key)
        if old is not None and not replace:
            if old.kind == "entry" and match.kind == "entry":
                entries = old.entries + tuple(e for e in match.entries if e not in old.entries)
                self.phrases[key] = Match("entry", key, entries)
            return
        self.phrases[key] = match
        for n in range(1, len(key)):
            self.prefixes.add(key[:n])
        self.max_len = max(self.max_len, len(key))

    def longest(self, words: list[str], start: int) -> Match | None:
        """The longest phrase that starts at words[start]."""
        best = None
        phrases, prefixes = self.phrases, self.prefixes
        end = start + 1
        n = len(words)
        while end <= n:
            key = tuple(words[start:end])
            m = phrases.get(key)
            if m is not None:
                best = m
            if key not in prefixes:
                break
            end += 1
        return best

    def holder(self, country: str, office: str, day: dt.date | None) -> Entry | None:
        """Who held `office` in `country` on `day`."""
        people = self.offices.get((country, office), [])
        if day is None:
            return people[-1] if people else None
        for person in people:
            if any(t.covers(day) and t.office == office for t in person.terms):
                return person
        return None

    def leader(self, country: str, day: dt.date | None) -> Entry | None:
        """The country's leader on `day`: head of state, else head of government."""
        for office in LEADER_OFFICES:
            person = self.holder(country, office, day)
            if person is not None:
                return person
        return None


LEADER_OFFICES = ("head_of_state", "supreme_leader", "head_of_government")
# Agent phrases that name an office held by one person, so that "the Syrian foreign minister"
# can be named.
OFFICE_AGENTS = {
    ("president",): "head_of_state", ("leader",): "leader", ("prime", "minister"): "head_of_government",
    ("premier",): "head_of_government", ("chancellor",): "head_of_government",
    ("foreign", "minister"): "foreign_minister", ("defense", "minister"): "defence_minister",
    ("defence", "minister"): "defence_minister", ("secretary", "of", "state"): "foreign_minister",
    ("defense", "secretary"): "defence_minister", ("foreign", "secretary"): "foreign_minister",
}


def _rows(name: str) -> Iterator[list[str]]:
    """Tab-separated rows of a data file (gzipped or not), comments and blank lines skipped."""
    data = resources.files("detente.data").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    for line in data.decode("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        yield line.split("\t")


def _phoenix_entry(name: str, codes: str) -> Entry:
    terms: list[Term] = []
    default = None
    for item in codes.split(","):
        code, start, end = (item.split(":") + ["", ""])[:3]
        if not start and not end:
            default = default or code
        else:
            try:
                terms.append(Term(code, _day(start), _day(end)))
            except ValueError:
                continue
    first = default or (terms[0].code if terms else "")
    country = first[:3] if first and not first.startswith("IGO") else None
    is_country = bool(default) and len(default) == 3 and not terms
    # a state whose code changed over time (Georgia: USRGEO, then GEO) is a state, not a person
    state = bool(terms) and len(max(terms, key=lambda t: t.start or dt.date.min).code) == 3
    return Entry(name=name, terms=terms, default=default, country=country,
                 person=not is_country and not state and bool(terms), state=state)


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """The package's actor dictionary (cached: load it once per process)."""
    d = ActorDictionary()
    for iso3, name, *_ in _rows("countries.tsv"):
        if iso3 != "iso3":
            d.countries[iso3] = name
    # the maintained layers first: they take precedence over Phoenix phrases
    people: dict[tuple[str, str], Entry] = {}
    for country, office, name, aliases, code, start, end in _rows("officeholders.tsv"):
        key = (country, name)
        person = people.get(key)
        if person is None:
            person = Entry(name=name, terms=[], country=code[:3] if not code.startswith("IGO") else code,
                           person=True, maintained=True, source="officeholders")
            people[key] = person
        person.terms.append(Term(code, _day(start), _day(end), office))
        d.offices.setdefault((country, office), [])
        if person not in d.offices[(country, office)]:
            d.offices[(country, office)].append(person)
        for alias in [name, *aliases.split("|")]:
            d.add(phrase_key(alias), Match("entry", phrase_key(alias), (person,)))
    for rows in d.offices.values():
        rows.sort(key=lambda p: min(t.start or dt.date.min for t in p.terms))
    for phrase, code in _rows("regions.tsv"):
        d.add(phrase_key(phrase), Match("country", phrase_key(phrase), code=code))
    for phrase, code in _rows("organisations.tsv"):
        entry = _phoenix_entry(phrase, code + "::")
        entry.source = "organisations"
        d.add(phrase_key(phrase), Match("entry", phrase_key(phrase), (entry,)))
    for phrase, code in _rows("seats.tsv"):
        d.add(phrase_key(phrase), Match("seat", phrase_key(phrase), code=code))
    country_names = {phrase_key(n) for n in d.countries.values()}
    for name, iso3, _lat, _lon, _pop, capital in _rows("gazetteer.tsv.gz"):
        if capital == "1" and name != "name" and phrase_key(name) not in country_names:
            d.add(phrase_key(name), Match("capital", phrase_key(name), code=iso3))
    for phrase, role in _rows("agents_extra.tsv"):
        d.add(phrase_key(phrase), Match("agent", phrase_key(phrase), role=role))
    for phrase, role in _rows("agents.tsv"):
        d.add(tuple(phrase.split(" ")), Match("agent", tuple(phrase.split(" ")), role=role))
    for name, codes, phrases in _rows("actors.tsv.gz"):
        entry = _phoenix_entry(name, codes)
        keys = [tuple(phrase.split(" ")) for phrase in phrases.split("|")]
        maintained = (_maintained_person(d, keys, entry.country, entry.name)
                      if entry.person or entry.default and not entry.state else None)
        if maintained is not None:
            # the same person in both layers: every Phoenix phrase names the maintained entry,
            # and Phoenix's dated history serves for dates before the maintained layer's
            if maintained.fallback is None and entry.terms:
                maintained.fallback = entry
            for key in keys:
                d.add(key, Match("entry", key, (maintained,)))
            continue
        for key in keys:
            if entry.default and len(entry.default) == 3 and not entry.terms:
                d.add(key, Match("country", key, code=entry.default))
            else:
                d.add(key, Match("entry", key, (entry,)))
    return d


def _maintained_person(d: ActorDictionary, keys: list[tuple[str, ...]], country: str | None,
                       name: str = "") -> Entry | None:
    """The maintained-layer person a Phoenix entry names: by a full name, or by a surname in the same country."""
    for key in keys:
        m = d.phrases.get(key)
        if m is None or m.kind != "entry" or len(m.entries) != 1 or not m.entries[0].maintained:
            continue
        person = m.entries[0]
        same_name = phrase_key(person.name)[-1:] == phrase_key(name)[-1:] if name else True
        if len(key) >= 2 or country and person.country == country and same_name:
            return person
    return None
