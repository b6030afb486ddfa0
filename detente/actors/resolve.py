"""Actor mentions: dictionary matches in each parsed paragraph, resolved across the article.

`detente_actors` is a spaCy component: it finds the dictionary phrases in a Doc and writes
them to ``doc._.detente_matches``. `resolve_mentions` then reads an article's paragraphs in
order and turns those matches into `Mention`s: it composes titles and names ("Syrian leader
Bashar al-Assad"), countries and agents ("Turkish troops"), seats of power ("the Kremlin"),
groups ("envoys from Chile, Peru and Bolivia"), places ("in Moscow"), and resolves
pronouns and role nouns ("he", "their", "the two countries") against the article so far.
Codes are those held on the date given.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import Actor, Mention
from .dictionary import OFFICE_AGENTS, ActorDictionary, Entry, Match, load_dictionary

SKIP = {"-", "–", "—", "'s", "’s", "'", "’"}
LOCATIVE = {"in", "near", "inside", "outside", "across", "throughout", "around", "within"}
CITY_LOCATIVE = {"at", "into", "on"}  # "talks at Geneva" is a place, "fired at Russia" a target
MOTION = {"to", "from"}
SINGULAR_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
NEUTER_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS
PAIR_NOUNS = {"countries", "nations", "sides", "states", "governments", "neighbours", "neighbors", "rivals",
              "leaders", "capitals"}
PRONOUN_IDS = frozenset(get_string_id(w) for w in PRONOUNS)
PAIR_NOUN_IDS = frozenset(get_string_id(w) for w in PAIR_NOUNS)
NOT_STATES = {"IGO", "NGO", "IMG", "ARB", "MEA", "EUR", "AFR", "ASA", "LAM", "WST", "KUR", "BLK", "CAU", "MED"}
NAME_KINDS = {"entry", "country", "capital", "seat", "org"}

if not Doc.has_extension("detente_matches"):
    Doc.set_extension("detente_matches", default=None)


@Language.factory("detente_actors")
def make_actor_matcher(nlp: Language, name: str) -> "ActorMatcher":
    return ActorMatcher(load_dictionary())


class ActorMatcher:
    """Finds the longest dictionary phrases in a Doc: ``doc._.detente_matches``."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        doc._.detente_matches = find_matches(doc, self.dictionary)
        return doc


def find_matches(doc: Doc, dictionary: ActorDictionary) -> list[tuple[int, int, Match]]:
    """(start token, end token, match) for each longest dictionary phrase, left to right."""
    words: list[str] = []
    index: list[int] = []
    strings = doc.vocab.strings
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):  # no Token objects for every word
        low = strings[lower]
        if low in SKIP:
            continue
        words.append(low.replace(".", "") if low != "." else low)
        index.append(i)
    out: list[tuple[int, int, Match]] = []
    i, n = 0, len(words)
    longest = dictionary.longest
    phrases = dictionary.phrases
    while i < n:
        m = longest(words, i)
        while m is not None:
            start, end = index[i], index[i + len(m.key) - 1] + 1
            if m.kind == "agent" or _capitalised(doc[start:end]):
                break
            # "Assad government" is no name, but "Assad" is: try the shorter phrases here
            m = next((phrases[tuple(words[i:i + k])] for k in range(len(m.key) - 1, 0, -1)
                      if tuple(words[i:i + k]) in phrases), None)
        if m is None:
            plural = _plural_people(doc, index[i], words[i], dictionary)
            if plural is not None:
                out.append((index[i], index[i] + 1, plural))
            i += 1
            continue
        if _overtaken(doc, words, index, i, len(m.key), dictionary):
            i += 1
            continue
        out.append((start, end, m))
        i += len(m.key)
    return out


def _plural_people(doc: Doc, i: int, word: str, dictionary: ActorDictionary) -> Match | None:
    """A people named in the plural where the dictionary has only the singular: "Turks", "Swedes"."""
    if not word.endswith("s"):
        return None
    tok = doc[i]
    if not (tok.tag_ in ("NNPS", "NNS") and tok.text[:1].isupper()):
        return None
    m = dictionary.phrases.get((word[:-1],))
    return m if m is not None and m.kind == "country" and m.code in dictionary.countries else None


def _overtaken(doc: Doc, words: list[str], index: list[int], i: int, length: int,
               dictionary: ActorDictionary) -> bool:
    """A name that starts inside the phrase at words[i] runs past its end and is at least as
    long: "the West Bank" is the West Bank, not "the West" and a bank."""
    for j in range(i + 1, i + length):
        other = dictionary.longest(words, j)
        if other is not None and j + len(other.key) > i + length and len(other.key) >= length and (
                other.kind == "agent" or _capitalised(doc[index[j]:index[j + len(other.key) - 1] + 1])):
            return True
    return False


# words that make a named organisation a body that acts (not a newspaper or a company)
ORGANISATION_WORDS = {"forum", "committee", "council", "commission", "association", "organization", "organisation",
                      "federation", "society", "foundation", "institute", "league", "network", "watch", "union",
                      "observatory", "syndicate", "confederation", "congress"}
NAME_PARTICLES = {"the", "of", "and", "for", "al", "el", "bin", "ibn", "de", "da", "du", "la", "le", "van", "von",
                  "der", "den", "di", "on", "in", "-", "'s", "’s", "."}


GENERIC_HEADS = {"department", "ministry", "office", "council", "committee", "party", "army", "government",
                 "agency", "forces", "force", "movement", "front", "court", "parliament", "assembly", "senate"}


def _capitalised(span: Span) -> bool:
    """A name: every word but its particles has a capital ("Islamic State", "State department"),
    and an indefinite article does not precede it ("a strict Islamic state" is no name)."""
    words = [t for t in span if t.lower_ not in NAME_PARTICLES and not t.is_punct]
    if not words:
        return False
    last = span[-1]
    modifies_next = last.dep_ in ("compound", "amod", "nmod") and last.head.i >= span.end
    if len(words) > 1 and span.start > 0 and span.doc[span.start - 1].lower_ in ("a", "an") and not modifies_next:
        return False  # "a strict Islamic state"; but "a Chinese-brokered deal", "a United Nations appeal"
    if len(words) > 1 and words[-1].lower_ in GENERIC_HEADS:
        words = words[:-1]
    return all(any(c.isupper() or c.isdigit() for c in t.text) for t in words)


@dataclass
class _Chunk:
    start: int
    end: int
    matches: list[Match] = field(default_factory=list)
    person_text: str | None = None  # a named person the dictionaries do not know


@dataclass
class ArticleMentions:
    """The mentions of one article, by paragraph, with a token index for the coder."""

    by_paragraph: list[list[Mention]]
    by_token: list[dict[int, Mention]]

    def all(self) -> list[Mention]:
        return [m for ms in self.by_paragraph for m in ms]


def _chunks(doc: Doc) -> list[_Chunk]:
    """Contiguous dictionary matches (and unknown PERSON names) forming one noun phrase."""
    items: list[tuple[int, int, Match | None, str | None]] = [(s, e, m, None) for s, e, m in doc._.detente_matches or []]
    covered = {i for s, e, _, _ in items for i in range(s, e)}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(i in covered for i in range(ent.start, ent.end)):
            items.append((ent.start, ent.end, None, ent.text))
        elif ent.label_ == "ORG" and not any(i in covered for i in range(ent.start, ent.end)) and \
                {t.lower_ for t in ent} & ORGANISATION_WORDS:
            # "The Third World Water Forum": a named body the dictionaries do not know (CAMEO NGO)
            items.append((ent.start, ent.end, Match("org", tuple(ent.text.split()), code="NGO"), None))
    items.sort(key=lambda x: x[0])
    chunks: list[_Chunk] = []
    for start, end, match, person in items:
        if match is not None and match.kind == "agent" and not _agent_is_head(doc, start, end, items):
            if not _group_noun_after(doc, end):
                continue
            end += 1  # "opposition groups", "rebel leaders": the agent names the group
        prev = chunks[-1] if chunks else None
        if prev is not None and _adjacent(doc, prev.end, start) and not _second_name(prev, match):
            prev.end = end
        else:
            prev = _Chunk(start, end)
            chunks.append(prev)
        if match is not None:
            prev.matches.append(match)
        if person:
            prev.person_text = person
    return chunks


def _names_person(chunk: _Chunk, rule: str) -> bool:
    """A person: a dictionary person, a titled name, or a country's office ("the Russian leader")."""
    if any(e.person for m in chunk.matches if m.kind == "entry" for e in m.entries) or chunk.person_text:
        return True
    return rule == "country+agent" and any(m.kind == "agent" and tuple(w for w in m.key if w != "the") in
                                           OFFICE_AGENTS for m in chunk.matches)


def _names_country(chunk: _Chunk) -> bool:
    return any(m.kind == "country" or m.kind == "entry" and m.entries and all(e.state for e in m.entries)
               for m in chunk.matches)


def _second_name(chunk: _Chunk, match: Match | None) -> bool:
    """A chunk names one actor: "Turkey-Syria" is two, "Turkey's Erdogan" one."""
    if match is None or match.kind == "agent":
        return False
    kinds = {m.kind for m in chunk.matches}
    if match.kind == "entry" and all(e.state for e in match.entries):
        return bool(kinds & NAME_KINDS)  # a state after a name is a second actor ("Turkey-Georgia")
    if match.kind == "entry":
        # "Georgian President Eduard Shevardnadze" is one actor; two people are two
        has_person = any(e.person for m in chunk.matches if m.kind == "entry" for e in m.entries)
        return has_person or "seat" in kinds or not any(e.person for e in match.entries)
    return bool(kinds & NAME_KINDS)


def _adjacent(doc: Doc, end: int, start: int) -> bool:
    return all(doc[i].lower_ in SKIP for i in range(end, start))


def _agent_is_head(doc: Doc, start: int, end: int, items: Sequence[tuple]) -> bool:
    """An agent word names an actor only as the head of its phrase ("troops", not "military campaign")."""
    last = doc[end - 1]
    if last.pos_ not in ("NOUN", "PROPN"):
        return False
    if last.dep_ in ("compound", "amod") and last.head.i >= end:
        head = last.head
        # "Kremlin spokesperson Dmitry Peskov": a title before a name stays
        return head.ent_type_ == "PERSON" or any(s <= head.i < e for s, e, *_ in items)
    return True


# plural nouns of people that take their kind from an agent word before them ("opposition groups",
# "rebel leaders", "government officials"); a singular "the militant group" refers back to a group
# named before, and is left to the article
GROUP_NOUNS = {"groups", "leaders", "members", "supporters", "activists", "officials", "figures",
               "factions", "fighters", "units", "elements", "representatives", "sources"}


def _group_noun_after(doc: Doc, end: int) -> bool:
    """The agent word before `end` modifies a group noun right after it."""
    last = doc[end - 1]
    return end < len(doc) and last.dep_ in ("compound", "amod") and last.head.i == end and \
        doc[end].lower_ in GROUP_NOUNS


def _is_place(doc: Doc, head: Token, country: bool) -> bool:
    tok = head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in CITY_LOCATIVE and not country:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in MOTION and tok.head.head.pos_ == "VERB" and tok.head.head.lemma_ in (
            "arrive", "travel", "fly", "come", "go", "return", "head", "move", "send", "flee", "deploy"):
        return True
    return False


@dataclass
class _History:
    """What the article has named so far, for pronouns and role nouns."""

    persons: list[tuple[int, Actor, bool]] = field(default_factory=list)  # (sentence, actor, is subject)
    groups: list[tuple[int, Actor]] = field(default_factory=list)  # plural actors: "the rebels"
    actors: list[tuple[int, Actor]] = field(default_factory=list)
    lists: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)  # "Chile, Peru and Bolivia"
    sentence: int = 0

    def last_list(self, n: int, within: int = 3) -> tuple[Actor, ...]:
        """The latest coordinated list of exactly `n` countries in an earlier sentence, if any."""
        for sent, actors in reversed(self.lists):
            if sent >= self.sentence:
                continue
            if self.sentence - sent > within:
                break
            if len(actors) == n:
                return actors
        return ()

    def last_person(self) -> Actor | None:
        """The person a singular pronoun most likely means: the subject of the latest sentence naming one."""
        if not self.persons:
            return None
        latest = self.persons[-1][0]
        for sent, actor, subject in reversed(self.persons):
            if sent != latest:
                break
            if subject:
                return actor
        return self.persons[-1][1]

    def last_group(self) -> Actor | None:
        """The group "they" most likely means: the latest plural actor ("the rebels") in this
        sentence or the one before, when no other actor came after it."""
        if not self.groups or not self.actors:
            return None
        sent, actor = self.groups[-1]
        last_sent, last_actor = self.actors[-1]
        return actor if last_actor is actor and self.sentence - sent <= 1 else None

    def last_body(self, within: int = 1) -> Actor | None:
        """The state or organisation that "it" most likely means: the latest non-person actor."""
        people = {id(a) for _, a, _ in self.persons}
        for sent, actor in reversed(self.actors):
            if self.sentence - sent > within:
                return None
            if id(actor) not in people:
                return actor
        return None

    def last_pair(self, within: int = 2) -> tuple[Actor, ...]:
        seen: dict[str, Actor] = {}
        for sent, actor in reversed(self.actors):
            if self.sentence - sent > within:
                break
            if actor.country not in {a.country for a in seen.values()}:
                seen[actor.code] = actor
            if len(seen) == 2:
                break
        return tuple(reversed(list(seen.values())))

    def last_countries(self, n: int = 2) -> tuple[Actor, ...]:
        """The `n` countries a group noun counts: a list of that many, else the latest named."""
        listed = self.last_list(n)
        if listed:
            return listed
        seen: dict[str, Actor] = {}
        for sent, actor in reversed(self.actors):
            if sent == self.sentence:
                continue  # the antecedent of "the two countries" is in an earlier sentence
            if len(actor.code) >= 3 and actor.country not in seen and actor.country.isalpha():
                seen[actor.country] = Actor(actor.country, None, actor.text)
            if len(seen) == n:
                break
        return tuple(reversed(list(seen.values())))


def _pick_person(entries: Sequence[Entry], on: dt.date | None) -> Entry | None:
    people = [e for e in entries]
    for e in people:
        if e.holds_on(on):
            return e
    return people[0] if people else None


def _compose(chunk: _Chunk, doc: Doc, dictionary: ActorDictionary, on: dt.date | None) -> tuple[tuple[Actor, ...], str]:
    """The actors a chunk names and the rule that named them; () when it needs the article."""
    text = doc[chunk.start:chunk.end].text
    states = [m for m in chunk.matches if m.kind == "entry" and m.entries and all(e.state for e in m.entries)]
    entries = [e for m in chunk.matches if m.kind == "entry" and m not in states for e in m.entries]
    seat = next((m for m in chunk.matches if m.kind == "seat"), None)
    place = next((m for m in chunk.matches if m.kind in ("country", "capital")), None)
    if place is None and states:
        code = states[0].entries[0].code_on(on) or ""
        place = Match("country", states[0].key, code=code)
    agents = [m for m in chunk.matches if m.kind == "agent"]
    persons = [e for e in entries if e.person]
    of_country = _of_country(chunk, doc)
    if persons and of_country and not any(p.country == of_country for p in persons):
        # "King Hassan of Morocco": the name's "of" country decides who is meant
        role = agents[-1].role if agents and agents[-1].role not in ("-", "") else "GOV"
        return (Actor(of_country + role, doc[chunk.start:chunk.end].text, text),), "title+name of country"
    if persons:
        person = _pick_person([p for p in persons if p.country == of_country] or persons, on)
        code = person.code_on(on) or ""
        return (Actor(code, person.name, text),), f"{person.source}:{person.name}"
    if entries:
        entry = entries[0]
        return (Actor(entry.code_on(on) or "", entry.name, text),), f"{entry.source}:{entry.name}"
    role = agents[-1].role if agents else ""
    org = next((m for m in chunk.matches if m.kind == "org"), None)
    if org is not None:
        return (Actor(org.code, " ".join(org.key), text),), "named organisation"
    if seat is not None:
        return (Actor(seat.code, chunk.person_text, text),), "seat of power"
    if place is not None:
        if agents:
            return (_country_agent(place.code, agents[-1], dictionary, on, text, chunk.person_text),), "country+agent"
        if chunk.person_text:
            return (Actor(place.code, chunk.person_text, text),), "country+name"
        if place.kind == "capital":
            return (Actor(place.code + "GOV", None, text),), "capital acting"
        return (Actor(place.code, dictionary.countries.get(place.code), text),), "country"
    if agents and role:
        return (), "agent"
    return (), ""


def _of_country(chunk: _Chunk, doc: Doc) -> str | None:
    """The country in "... of Morocco" right after a name, if any."""
    if chunk.end + 1 >= len(doc) or doc[chunk.end].lower_ != "of":
        return None
    for start, _end, match in doc._.detente_matches or []:
        if start == chunk.end + 1 and match.kind in ("country", "capital"):
            return match.code[:3]
    return None


def _country_agent(country: str, agent: Match, dictionary: ActorDictionary, on: dt.date | None, text: str,
                   name: str | None = None) -> Actor:
    role = agent.role
    if role == "-":
        return Actor(country, dictionary.countries.get(country), text)
    code = role[1:] + country if role.startswith("@") else country + role
    if name is None:
        office = OFFICE_AGENTS.get(tuple(w for w in agent.key if w not in ("the",)))
        if office == "leader":
            holder = dictionary.leader(country, on)
        elif office:
            holder = dictionary.holder(country, office, on)
        else:
            holder = None
        name = holder.name if holder else None
    return Actor(code, name, text)


def _group_from(doc: Doc, head: Token, mentions: dict[int, Mention]) -> list[Mention]:
    """Mentions in the agent's "from X, Y and Z" / "of X" / "opposed to X" modifiers."""
    found: list[Mention] = []
    for child in head.children:
        if child.dep_ in ("prep", "acl", "amod") and (child.dep_ != "prep" or child.lower_ in ("from", "of", "in")):
            for tok in child.subtree:
                m = mentions.get(tok.i)
                if m is not None and m not in found and m.actors:
                    found.append(m)
    return found


def resolve_mentions(paragraphs: Iterable[tuple[int, Doc]], *, on: dt.date | None,
                     dictionary: ActorDictionary | None = None) -> ArticleMentions:
    """Every actor mention of an article, in order, with codes held on `on`."""
    dictionary = dictionary or load_dictionary()
    history = _History()
    by_paragraph: list[list[Mention]] = []
    by_token: list[dict[int, Mention]] = []
    sent_base = 0
    for offset, doc in paragraphs:
        mentions: list[Mention] = []
        index: dict[int, Mention] = {}
        sent_of = _sentence_numbers(doc, sent_base)
        n_sents = sent_of[-1] + 1 - sent_base if sent_of else 0
        pending: list[tuple[_Chunk, str]] = []
        chunks = _chunks(doc)
        dateline = _dateline_end(doc.text)
        for chunk in chunks:
            if doc[chunk.start].idx < dateline:
                continue  # "TEHRAN, April 4 (Agency) -": where the story was filed, not who acts
            actors, rule = _compose(chunk, doc, dictionary, on)
            if not actors and chunk.person_text and not chunk.matches:
                # "Ruto said ...": a surname or short name of a person named in full before
                known = _named_before(chunk.person_text, mentions, history)
                if known is not None:
                    actors, rule = (Actor(known.code, known.name, doc[chunk.start:chunk.end].text),), "short name"
                    chunk.person_text = chunk.person_text or doc[chunk.start:chunk.end].text
            if not actors and rule != "agent":
                continue
            head = doc[chunk.end - 1]
            mention = Mention(chunk.start, chunk.end, doc[chunk.start:chunk.end].text, actors, rule,
                              offset + doc[chunk.start].idx, offset + head.idx + len(head.text),
                              is_place=bool(actors) and _is_place(doc, head, _names_country(chunk)),
                              is_person=_names_person(chunk, rule))
            if mention.is_place:
                mention = _as_place(mention)
            if not actors:
                pending.append((chunk, rule))
            mentions.append(mention)
            for i in range(chunk.start, chunk.end):
                index[i] = mention
        # a surname the parser's entity recogniser missed ("Ruto said ..." after "William Ruto")
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.i in index or not tok.text[:1].isupper() or len(tok.text) < 3:
                continue
            known = _named_before(tok.text, mentions, history)
            if known is not None:
                m = Mention(tok.i, tok.i + 1, tok.text, (Actor(known.code, known.name, tok.text),), "short name",
                            offset + tok.idx, offset + tok.idx + len(tok.text), is_person=True)
                mentions.append(m)
                index[tok.i] = m
        mentions.sort(key=lambda m: m.start)
        # "Kenzo Oshima, the United Nations relief coordinator": the apposition says whom the person
        # acts for, on the day of the text, better than the dictionary's dates
        for n, m in enumerate(mentions):
            if not m.is_person or len(m.actors) != 1:
                continue
            for child in doc[m.end - 1].children:
                if child.dep_ != "appos":
                    continue
                other = next((index[t.i] for t in child.subtree if t.i in index and index[t.i] is not m), None)
                if other is not None and other.actors and \
                        other.actors[0].country != m.actors[0].country and not other.is_place:
                    acting = Actor(other.actors[0].code, m.actors[0].name, m.text)
                    mentions[n] = Mention(m.start, m.end, m.text, (acting,), m.rule + ", by apposition",
                                          m.char_start, m.char_end, is_person=True)
                    for i in range(m.start, m.end):
                        index[i] = mentions[n]
                    break
        _remember_lists(history, mentions, doc, sent_of)
        # agents with no country of their own, pronouns and role nouns, in text order
        pronouns = [t for t in _tokens_in(doc, PRONOUN_IDS)
                    if t.i not in index and not (t.lower_ == "it" and t.dep_ in ("expl", "nsubjpass"))]
        pairs = [t for t in _tokens_in(doc, PAIR_NOUN_IDS) if t.i not in index and _group_count(t)]
        events: list[tuple[int, str, object]] = [(c.start, "agent", c) for c, _ in pending]
        events += [(t.i, "pronoun", t) for t in pronouns] + [(t.i, "pair", t) for t in pairs]
        settled = {m.start: m for m in mentions if m.actors}
        order = sorted(events, key=lambda x: x[0])
        cursor = 0
        sorted_settled = sorted(settled.values(), key=lambda m: m.start)
        for position, kind, obj in order:
            while cursor < len(sorted_settled) and sorted_settled[cursor].start < position:
                _remember(history, sorted_settled[cursor], sent_of, doc)
                cursor += 1
            history.sentence = sent_of[position]
            if kind == "agent":
                chunk = obj
                new = _resolve_agent(chunk, doc, dictionary, on, history, index, offset)
                if new is not None:
                    mentions = [new if (m.start == chunk.start and not m.actors) else m for m in mentions]
                    for i in range(new.start, new.end):
                        index[i] = new
                    if new.actors:
                        _remember(history, new, sent_of, doc)
                else:
                    mentions = [m for m in mentions if not (m.start == chunk.start and not m.actors)]
                    for i in range(chunk.start, chunk.end):
                        index.pop(i, None)
            else:
                tok = obj
                new = _resolve_reference(tok, kind, doc, history, offset)
                if new is not None:
                    mentions.append(new)
                    index[tok.i] = new
                    for i in range(new.start, new.end):
                        index.setdefault(i, new)
        while cursor < len(sorted_settled):
            _remember(history, sorted_settled[cursor], sent_of, doc)
            cursor += 1
        mentions.sort(key=lambda m: m.start)
        by_paragraph.append(mentions)
        by_token.append(index)
        sent_base += n_sents
    return ArticleMentions(by_paragraph, by_token)


COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}


def _group_count(noun: Token) -> int:
    """How many a group noun counts: "the two countries", "both sides", "the 3 states" (0: none said)."""
    for c in noun.children:
        if c.dep_ in ("nummod", "det", "predet", "amod", "quantmod"):
            if c.lower_ in COUNTS:
                return COUNTS[c.lower_]
            if c.like_num and c.text.isdigit() and 1 < int(c.text) <= 12:
                return int(c.text)
    return 0


# A dateline opens a paragraph: a place in capitals ("KABUL", "MOSCOW/KYIV", "WHITE HOUSE"),
# perhaps its country and a date, perhaps an agency in brackets, then a dash
DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ ]*[A-Z](?:\s*/\s*[A-Z][A-Z.'’ ]*[A-Z])*"
                      r"(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                      r"\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s")


def _dateline_end(text: str) -> int:
    """Where a dateline at the start of a paragraph ends (0: there is none)."""
    m = DATELINE.match(text)
    if m is None:
        return 0
    place = re.split(r"[,(\-–—]", m.group(0), maxsplit=1)[0].strip()
    # a bare short word in capitals before a dash may be a name ("NATO - the alliance ...")
    return m.end() if "," in m.group(0) or "(" in m.group(0) or len(place) >= 5 else 0


def _named_before(text: str, earlier: list[Mention], history: _History) -> Actor | None:
    """The person met earlier in the article whose full name contains every word of `text`."""
    words = [w for w in text.replace("'s", "").split() if w[:1].isupper()]
    if not words:
        return None
    candidates = [m.actors[0] for m in reversed(earlier) if m.is_person and len(m.actors) == 1]
    candidates += [a for _, a, _ in reversed(history.persons)]
    for actor in candidates:
        name = (actor.name or actor.text or "").replace("'s", "").split()
        if len(name) > len(words) and all(w in name for w in words):
            return actor
    return None


def _as_place(mention: Mention) -> Mention:
    actors = tuple(Actor(a.country, a.name, a.text) for a in mention.actors)
    return Mention(mention.start, mention.end, mention.text, actors, "place", mention.char_start, mention.char_end,
                   is_place=True)


def _sentence_numbers(doc: Doc, base: int) -> list[int]:
    """Each token's sentence, numbered from `base` (read from the token array: no Token objects)."""
    numbers, n = [], base - 1
    for start in doc.to_array(SENT_START).tolist():
        n += start == 1 or not numbers
        numbers.append(n)
    return numbers


def _tokens_in(doc: Doc, lowers: frozenset[int]) -> list[Token]:
    """The tokens whose lower-case form has one of the string ids `lowers`, found in the token array."""
    return [doc[i] for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in lowers]


def _remember_lists(history: _History, mentions: list[Mention], doc: Doc, sent_of: list[int]) -> None:
    """Coordinated mentions of countries ("Kenya, Uganda and Tanzania") as one list with its count."""
    by_head = {m.end - 1: m for m in mentions if m.actors and not m.is_place}
    for head_i, m in by_head.items():
        head = doc[head_i]
        if head.dep_ == "conj":
            continue
        members = [m, *(by_head[c.i] for c in head.conjuncts if c.i in by_head)]
        countries = tuple(dict.fromkeys(Actor(a.country, None, a.text) for x in members for a in x.actors
                                        if len(a.country) == 3 and a.country.isalpha()))
        if len(members) >= 2 and len({a.country for a in countries}) == len(countries) >= 2:
            history.lists.append((sent_of[head_i], countries))


def _remember(history: _History, mention: Mention, sent_of: list[int], doc: Doc) -> None:
    if mention.is_place or not mention.actors:
        return
    sent = sent_of[mention.start]
    for actor in mention.actors:
        history.actors.append((sent, actor))
        if mention.is_person and len(mention.actors) == 1:
            subject = doc[mention.end - 1].dep_ in ("nsubj", "nsubjpass")
            history.persons.append((sent, actor, subject))
        if len(mention.actors) == 1 and doc[mention.end - 1].tag_ in ("NNS", "NNPS"):
            history.groups.append((sent, actor))


def _resolve_agent(chunk: _Chunk, doc: Doc, dictionary: ActorDictionary, on: dt.date | None, history: _History,
                   index: dict[int, Mention], offset: int) -> Mention | None:
    agent = [m for m in chunk.matches if m.kind == "agent"][-1]
    head = doc[chunk.end - 1]
    text = doc[chunk.start:chunk.end].text
    char_start, char_end = offset + doc[chunk.start].idx, offset + head.idx + len(head.text)
    # a possessive before the agent: "Assad's government", "his country", "their defense ministers"
    owners: tuple[Actor, ...] = ()
    for child in head.children:
        if child.dep_ == "poss":
            if child.i in index and index[child.i].actors:
                owners = index[child.i].actors
            elif child.lower_ in SINGULAR_PRONOUNS:
                person = history.last_person()
                owners = (person,) if person else ()
            elif child.lower_ in PLURAL_PRONOUNS:
                owners = history.last_pair()
    rule = "possessive+agent"
    count = _group_count(head)
    if not owners and count:
        owners = history.last_countries(count)
        rule = "role noun"
    if not owners:
        group = _group_from(doc, head, index)
        owners = tuple(a for m in group for a in m.actors)
        rule = "agent+modifier"
    if not owners and agent.role == "-" and any(c.lower_ == "the" for c in head.children):
        owners = history.last_countries(1)
        rule = "role noun"
    if not owners and (chunk.person_text or agent.role not in ("-", "GOV", "MED")):
        # "President Laurent Gbagbo announced ... in Abidjan", "arrested opposition leaders in Ankara":
        # a titled name or a group with no country of its own belongs to the country its sentence names
        sent = doc[chunk.start].sent
        named = [index[i] for i in range(sent.start, sent.end) if i in index and index[i].actors]
        # where the group is comes first ("farmers killed in northern Iraq"), then any state named
        named.sort(key=lambda m: not m.is_place)
        countries = [a for m in named for a in m.actors if a.country.isalpha() and len(a.country) == 3
                     and a.country not in NOT_STATES]
        if countries:
            owners = (Actor(countries[0].country, None, text),)
            rule = "agent, country of the sentence"
    if owners and chunk.person_text:
        return Mention(chunk.start, chunk.end, text, tuple(dict.fromkeys(
            _country_agent(a.country, agent, dictionary, on, text, chunk.person_text) for a in owners[:1])),
            rule, char_start, char_end)
    if not owners:
        return None
    actors = tuple(dict.fromkeys(_country_agent(a.country, agent, dictionary, on, text) for a in owners))
    return Mention(chunk.start, chunk.end, text, actors, rule, char_start, char_end)


def _resolve_reference(tok: Token, kind: str, doc: Doc, history: _History, offset: int) -> Mention | None:
    if kind == "pair":
        count = _group_count(tok)
        actors = history.last_countries(count)
        if len(actors) < count:
            return None
        start = min(c.i for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")) if any(
            c.dep_ in ("det", "nummod", "predet") for c in tok.children) else tok.i
        span = doc[start:tok.i + 1]
        return Mention(span.start, span.end, span.text, actors, "role noun", offset + span.start_char,
                       offset + span.end_char)
    if tok.lower_ in NEUTER_PRONOUNS:
        body = history.last_body()
        if body is None:
            return None
        return Mention(tok.i, tok.i + 1, tok.text, (Actor(body.code, body.name, tok.text),), "pronoun",
                       offset + tok.idx, offset + tok.idx + len(tok.text))
    if tok.lower_ in SINGULAR_PRONOUNS:
        person = history.last_person()
        if person is None:
            return None
        return Mention(tok.i, tok.i + 1, tok.text, (Actor(person.code, person.name, tok.text),), "pronoun",
                       offset + tok.idx, offset + tok.idx + len(tok.text), is_person=True)
    group = history.last_group()
    pair = (group,) if group is not None else history.last_pair()
    if not pair or group is None and len(pair) < 2:
        return None
    return Mention(tok.i, tok.i + 1, tok.text, tuple(Actor(a.code, a.name, tok.text) for a in pair), "pronoun",
                   offset + tok.idx, offset + tok.idx + len(tok.text))
