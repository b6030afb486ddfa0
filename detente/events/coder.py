"""The event coder: from an article's parsed paragraphs and actor mentions to coded events.

Triggers are verbs found in the CAMEO verb dictionary, event nouns ("talks", "visit",
"re-establishment of relations", "mediation") and participles of brokering and backing
("a Chinese-brokered deal", "Washington-backed groups"). For each trigger the coder finds
the source (the subject, through control verbs, relative clauses and passives) and the
targets (object, dative, prepositional partners, conjuncts), applies the direction rules of
CODING.md (host/visit pairs, meetings in a third place, mediation from the mediator to each
party, reciprocal restored relations), the modality, the date and the place, and merges an
event told twice in the article into one with all its evidence.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from itertools import permutations
from typing import Iterable

from spacy.attrs import DEP, ORTH, POS, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ArticleMentions
from ..model import Actor, Article, Event, Evidence, Mention
from .cameo import describe
from .dates import resolve_date
from .modality import modality_of
from .lexicon import match_object_frame, not_political
from .patterns import VerbCode, code_verb, lemma_in
from .places import find_place

RELATION_NOUNS = {"tie", "ties", "relation", "relations", "relationship", "divide", "rift", "gap", "difference",
                  "dispute", "tension", "split", "rapprochement", "reconciliation", "normalization", "normalisation"}
MEND_VERBS = {"mend", "repair", "improve", "bridge", "heal", "normalize", "normalise", "restore", "rebuild",
              "ease", "reconcile", "close", "narrow", "resolve", "settle", "broker", "mediate", "foster",
              "promote", "strengthen", "warm"}
# event nouns: lemma -> (code, kind); kind says how the actors are read
NOMINAL = {
    "re-establishment": ("050", "relations"), "reestablishment": ("050", "relations"),
    "restoration": ("050", "relations"), "normalization": ("050", "relations"),
    "normalisation": ("050", "relations"), "resumption": ("050", "relations"),
    "rapprochement": ("050", "relations"), "reconciliation": ("050", "relations"),
    "rupture": ("161", "relations"), "severance": ("161", "relations"), "severing": ("161", "relations"),
    "mediation": ("045", "mediation"), "brokering": ("045", "mediation"), "mediating": ("045", "mediation"),
    "visit": ("042", "visit"), "trip": ("042", "visit"),
    "talk": ("040", "meeting"), "talks": ("040", "meeting"), "meeting": ("040", "meeting"),
    "summit": ("040", "meeting"), "negotiation": ("046", "meeting"), "negotiations": ("046", "meeting"),
    "invasion": ("192", "action"), "offensive": ("190", "action"), "incursion": ("192", "action"),
    "sanctions": ("163", "action"), "embargo": ("163", "action"),
    "protest": ("141", "action"), "protests": ("141", "action"), "demonstration": ("141", "action"),
    "demonstrations": ("141", "action"), "rally": ("141", "action"), "rallies": ("141", "action"),
    "riot": ("145", "action"), "riots": ("145", "action"),
}
PARTICIPLES = {"broker": "045", "mediate": "045", "back": "051", "support": "051", "sponsor": "051",
               "arm": "072", "fund": "071", "finance": "071", "lead": None}
RECIPROCAL_ROOTS = {"04", "05"}
# CAMEO roots whose events need no target: protests (aimed at the authorities when none is
# named) and displays of force such as a missile test or a mobilisation
TARGETLESS_ROOTS = {"14", "15"}
# CAMEO roots of acts between states, which a state's organs never do to their own country
# (a government restricting, arresting or yielding to its own country's people is domestic)
BETWEEN_STATES_ROOTS = {"02", "03", "04", "05", "06", "07", "16"}
RECIPROCAL_CODES = {"036", "037", "040", "044", "046", "050", "057", "030", "031", "032", "161"}
PARTNER_PREPS = {"with", "to", "against", "toward", "towards", "on", "at", "for", "from", "over", "into", "upon",
                 "about", "between", "among"}
QUOTES = {'"', "“", "”", "«", "»"}
# codes addressed to someone whose act is demanded, rejected, threatened: "X demanded that Y ..."
ADDRESSED_ROOTS = {"02", "10", "11", "12", "13", "14", "17"}
OBLIGATION = {"must", "should", "ought", "need"}
STATIVE = {"oppose", "commit", "determine", "prepare", "dedicate", "resolve", "pledge", "bind", "obligate"}
OBSERVERS = {"MED", "HLH", "CVL", "EDU", "HRI", "NGO", "COP"}  # roles that report rather than accuse
DEMAND_VERBS = {"demand", "urge", "insist", "ask", "request", "call", "press", "appeal", "order", "require"}
APPEAL_VERBS = DEMAND_VERBS | {"want", "pressure", "pressurize", "encourage", "invite", "persuade", "force", "push",
                               "tell"}
REPORTING = {"say", "claim", "allege", "announce", "declare", "state", "tell", "report", "assert",
             "reiterate", "add", "note", "stress", "warn", "charge", "confirm", "deny", "conclude", "argue"}
# verbs whose infinitive complement they turn into one combined event ("agreed to withdraw")
COMMIT_VERBS = {"agree", "promise", "pledge", "vow", "offer", "decide", "undertake", "commit", "consent"}
THREAT_VERBS = {"threaten"}
REFUSE_VERBS = {"refuse", "decline", "reject"}
# CODING.md: offering aid is 033 (by kind 0331-0334), giving or sending it 070 (071-075)
AID_NOUNS = {"aid", "assistance", "help", "relief", "support", "supplies", "weapons", "arms", "loan", "loans",
             "funds", "funding", "money", "food", "medicine", "medicines", "equipment", "ammunition"}
AID_KINDS = {"economic": "1", "financial": "1", "loan": "1", "loans": "1", "funds": "1", "funding": "1",
             "money": "1", "military": "2", "weapons": "2", "arms": "2", "ammunition": "2", "defence": "2",
             "defense": "2", "humanitarian": "3", "medical": "3", "food": "3", "medicine": "3", "medicines": "3",
             "relief": "3", "emergency": "3"}
OFFER_VERBS = {"offer", "promise", "pledge", "propose", "vow"}
AID_CUT_VERBS = {"suspend", "halt", "cut", "reduce", "stop", "freeze", "withhold", "cancel", "slash", "curtail",
                 "end", "terminate"}
GIVE_VERBS = {"send", "give", "provide", "deliver", "supply", "ship", "donate", "grant", "dispatch", "extend",
              "airlift", "fly"}
GIVING_VERBS = OFFER_VERBS | GIVE_VERBS  # whose "to" phrase names the recipient
AID_VERBS = GIVING_VERBS | AID_CUT_VERBS
# A coercive or hostile act announced or wanted is a threat of it (CAMEO 13), as a cooperative
# one is an intent (CAMEO 03)
THREAT = {"14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "166": "136",
          "17": "130", "172": "132", "1723": "1323", "1724": "1324", "175": "137"}
INTENT = {"04": "036", "045": "039", "046": "036", "05": "032", "057": "030", "06": "031", "07": "033",
          "08": "035"}


@dataclass
class _Raw:
    source: Actor | None
    target: Actor | None
    code: str
    trigger: Token
    sentence: int
    evidence: Evidence
    modality: str
    date: str | None
    date_basis: str | None
    location: dict | None
    primary: bool
    confidence: float
    rule: str
    extra: list[Evidence] = field(default_factory=list)


QUOTE_TOGGLES = {get_string_id(q) for q in ('"', "''", "``")}
QUOTE_OPENS = {get_string_id(q) for q in ("“", "«")}
QUOTE_MARKS = QUOTE_TOGGLES | QUOTE_OPENS | {get_string_id(q) for q in QUOTES}


def _in_quotes(orths: list[int]) -> set[int]:
    """The positions inside quotation marks, from the tokens' ids."""
    if QUOTE_MARKS.isdisjoint(orths):
        return set()
    inside, out = False, set()
    for i, orth in enumerate(orths):
        if orth in QUOTE_TOGGLES:
            inside = not inside
        elif orth in QUOTE_MARKS:
            inside = orth in QUOTE_OPENS
        elif inside:
            out.add(i)
    return out


PARTITIVE = {"group", "delegation", "team", "member", "leader", "head", "chief", "representative", "official",
             "envoy", "some", "most", "all", "one", "part", "majority", "dozen", "hundred", "thousand", "number",
             "coalition", "alliance", "contingent", "unit", "force", "army", "government", "minister",
             "spokesman", "spokesperson", "spokeswoman", "president", "ambassador", "commander", "faction",
             "inhabitant", "resident", "citizen", "supporter", "activist", "people", "thousand", "hundred",
             "tens", "crowd", "wing", "branch", "unit", "section", "deputy", "lawmaker", "elder"}
CLAUSE_END = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–"}
REGION_CODES = {"ARB", "MEA", "EUR", "AFR", "ASA", "LAM", "WST", "KUR", "BLK", "CAU"}
PHONE_VERBS = {"telephone", "phone", "ring"}
MEETING_VERBS = {"meet", "talk", "confer", "negotiate", "hold", "discuss"}
OWN = {"its", "their", "his", "her", "our"}  # "withdrew its ambassador": the object is the subject's own
ARRIVAL_VERBS = {"arrive", "travel", "fly", "visit", "come", "go", "head", "land", "tour"}
RECEIVE_VERBS = {"receive", "get", "obtain", "accept", "win", "gain", "welcome"}
# CAMEO 14: the forms of protest by their nouns, and the light verbs that make them events
PROTEST_NOUNS = {"protest": "141", "demonstration": "141", "rally": "141", "march": "141", "sit-in": "141",
                 "vigil": "141", "picket": "141", "strike": "143", "walkout": "143", "boycott": "143",
                 "stoppage": "143", "riot": "145", "blockade": "144"}
# CAMEO 144: to obstruct passage is to block the ways by which people and goods move
BLOCK_VERBS = {"block", "blockade", "barricade", "obstruct", "seal"}
PASSAGES = {"road", "street", "bridge", "highway", "motorway", "railway", "rail", "traffic", "transport", "route",
            "crossing", "entrance", "access", "port", "harbour", "harbor", "airport", "border", "pass", "tunnel"}
# CAMEO 1723/1724: curfews, states of emergency and martial law imposed, declared or extended
RESTRICTIONS = {"curfew": "1723", "emergency": "1724", "siege": "1724", "law": "1724"}
RESTRICT_VERBS = {"impose", "declare", "extend", "introduce", "reimpose", "re-impose", "tighten", "enforce",
                  "proclaim", "order", "prolong", "renew"}
ARMED_STRIKES = {"air", "missile", "drone", "military", "artillery", "rocket", "naval", "nuclear", "surgical",
                 "preemptive", "pre-emptive", "retaliatory", "precision", "aerial", "ground", "first"}
PROTEST_VERBS = {"stage", "hold", "organize", "organise", "launch", "begin", "start", "continue", "call", "lead",
                 "mount", "join", "go"}
# Speech acts made with a light verb: "issued a statement", "lodged a protest", "sent an ultimatum"
SPEECH_NOUNS = {"statement": "010", "declaration": "010", "communique": "010", "communiqué": "010",
                "announcement": "010", "appeal": "020", "plea": "020", "request": "020", "call": "020",
                "demand": "100", "reminder": "100", "ultimatum": "139", "warning": "130", "threat": "130",
                "protest": "114", "complaint": "114", "denial": "016", "apology": "055", "condolence": "018",
                "condolences": "018"}
SPEECH_VERBS = {"issue", "make", "deliver", "lodge", "file", "send", "voice", "express", "reiterate", "renew",
                "repeat", "register", "release", "publish", "extend", "present"}
GRIEVANCE_VERBS = {"protest", "denounce", "condemn", "oppose", "demand", "demonstrate", "show", "express"}
CAUSATIVE = {"lead", "cause", "prompt", "drive", "get", "allow", "enable", "compel", "oblige", "help", "spur",
             "provoke", "induce", "tempt", "convince"}  # "led Turkey to sever ties": the object acts
OBJECT_CONTROL = APPEAL_VERBS | CAUSATIVE  # verbs whose infinitive is their object's act, not their subject's
# nouns that refer back to an act told before: "a move condemned by ..."
ACT_REFERENCES = {"move", "decision", "step", "action", "act", "measure", "announcement", "attack", "test",
                  "launch", "recognition", "expulsion", "strike", "incursion", "raid", "killing", "arrest",
                  "detention", "seizure", "execution", "sentence", "verdict", "remark", "remarks", "comment",
                  "comments", "statement"}
# participles that tell the outcome of the act before them, not a second act
CONSEQUENCE_VERBS = {"kill", "wound", "injure", "leave", "destroy", "damage", "cause", "displace", "force",
                     "prompt", "trigger", "spark", "bring", "raise", "send", "claim", "make", "result"}
ASPECTUAL = {"continue", "begin", "start", "resume", "end", "escalate", "intensify", "spread", "persist", "go"}
MEDIATION_NOUNS = {"mediation", "mediator", "brokering", "good offices"}
# CAMEO 12: to reject is to decline a proposal, a request or a demand. Verbs that reject or
# oppose what their object proposes, the nouns of proposals, and those that propose to meet
REJECT_VERBS = {"reject", "dismiss", "rebuff", "spurn", "oppose", "veto", "refuse", "decline", "repudiate"}
PROPOSAL_NOUNS = {"proposal", "plan", "offer", "ultimatum", "appeal", "call", "request", "demand", "invitation",
                  "initiative", "resolution", "idea", "bid", "deal", "settlement", "formula", "terms", "mediation",
                  "deployment", "proposition", "overture", "suggestion", "peace"}
ACCEPT_VERBS = {"accept", "approve", "endorse", "embrace", "heed", "grant", "meet", "satisfy"}
DEMAND_NOUNS = {"demand", "ultimatum", "terms", "condition", "conditions", "request", "call", "appeal"}
MEETING_PROPOSALS = {"talks", "talk", "negotiation", "negotiations", "meeting", "summit", "dialogue",
                     "mediation", "invitation", "conference"}
# verbs that make an event through a frame of their own even when the verb dictionary gives
# them no code: mediation, receiving, combinations with an infinitive, reported clauses, rejections
UNCODED_FRAMES = MEND_VERBS | RECEIVE_VERBS | COMMIT_VERBS | THREAT_VERBS | REFUSE_VERBS | REPORTING | \
    REJECT_VERBS
RECEIVED = {"aid": "070", "assistance": "070", "help": "070", "relief": "073", "support": "051", "backing": "051",
            "call": "040", "visit": "042", "weapon": "072", "arm": "072", "loan": "071", "fund": "071",
            "money": "071", "recognition": "054", "praise": "051", "apology": "055", "threat": "130",
            "warning": "130", "invitation": "020", "assurance": "030", "guarantee": "030", "pledge": "030",
            "promise": "030", "offer": "030"}
RECEIVED_PEOPLE = {"minister", "delegation", "envoy", "official", "president", "leader", "ambassador",
                   "diplomat", "representative", "visitor", "guest", "counterpart", "emissary"}


VERB_TOKEN, NOUN_TOKEN, PARTICIPLE_TOKEN = 1, 2, 4
_VERB, _NOUNS, _VBN = get_string_id("VERB"), {get_string_id("NOUN"), get_string_id("PROPN")}, get_string_id("VBN")
_MODIFIERS = {get_string_id(d) for d in ("amod", "compound", "acl")}


def _token_kinds(doc: Doc) -> list[int]:
    """What each token may trigger (a verb, a noun, a participle modifying a noun; nothing inside
    quotation marks), read from the token arrays so that only those become Token objects."""
    rows = doc.to_array([POS, TAG, DEP, ORTH]).tolist()
    quoted = _in_quotes([orth for *_, orth in rows])
    return [0 if i in quoted else (VERB_TOKEN if pos == _VERB else NOUN_TOKEN if pos in _NOUNS else 0)
            | (PARTICIPLE_TOKEN if tag == _VBN and dep in _MODIFIERS else 0)
            for i, (pos, tag, dep, _) in enumerate(rows)]


class _Sentence:
    """One sentence with what the coder needs to read its actors."""

    def __init__(self, doc: Doc, sent: Span, index: dict[int, Mention], number: int, offset: int,
                 kinds: list[int]) -> None:
        self.doc, self.sent, self.index, self.number, self.offset = doc, sent, index, number, offset
        self.kinds = kinds

    def mention(self, tok: Token) -> Mention | None:
        return self.index.get(tok.i)

    def np_actors(self, tok: Token, *, places: bool = False) -> list[Actor]:
        """Actors a noun phrase headed by `tok` names, with its conjuncts and appositions."""
        out: list[Actor] = []
        for t in [tok, *tok.conjuncts]:
            m = self.mention(t)
            if m is None and t.lemma_.lower() in PARTITIVE:
                # "a group of Moroccan diplomats", "leaders of the coalition": the members act
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                out.extend(self.np_actors(pobj, places=places))
            if m is None:
                for child in t.children:
                    if child.dep_ in ("poss", "compound", "appos", "nmod") and self.mention(child) is not None:
                        m = self.mention(child)
                        for c in child.conjuncts:
                            cm = self.mention(c)
                            if cm is not None and (places or not cm.is_place):
                                out.extend(cm.actors)
                        break
            if m is None and t.tag_ in ("NNS", "NNPS"):
                # "Palestinian prisoners", "Kurdish youths": a demonym on a plural noun of people
                for child in t.children:
                    cm = self.mention(child)
                    if child.dep_ == "amod" and cm is not None and cm.rule == "country" and \
                            cm.actors[0].country not in REGION_CODES:
                        m = cm
                        break
            if m is not None and (places or not m.is_place):
                out.extend(m.actors)
                for child in t.children:
                    # "The US, Russia, and Switzerland" parsed as an apposition with conjuncts
                    if child.dep_ == "appos" and self.mention(child) is not None and self.mention(child) is not m:
                        for c in [child, *child.conjuncts]:
                            cm = self.mention(c)
                            if cm is not None and (places or not cm.is_place):
                                out.extend(cm.actors)
        return list(dict.fromkeys(out))

    def between(self, prep: Token) -> list[Actor]:
        """The parties of "between A and B": the mentions that follow, up to the clause's end."""
        found: list[Mention] = []
        for tok in self.doc[prep.i + 1:self.sent.end]:
            m = self.mention(tok)
            if m is None and (tok.text in CLAUSE_END or tok.dep_ in ("relcl", "mark") or tok.lower_ in (
                    "which", "who", "whom") or tok.pos_ in ("VERB", "AUX") and len(found) >= 2):
                break
            if m is not None and not m.is_place and m not in found:
                found.append(m)
        actors = [a for m in found for a in m.actors]
        specific = [a for a in actors if a.country not in REGION_CODES]
        by_country: dict[str, Actor] = {}
        for a in specific if len(specific) >= 2 else actors:
            by_country.setdefault(a.country, a)
        return list(by_country.values())

    def places(self, tok: Token) -> list[Mention]:
        out = []
        for t in [tok, *tok.conjuncts]:
            m = self.mention(t)
            if m is not None and m.is_place:
                out.append(m)
        return out


def _subject(verb: Token, s: _Sentence, depth: int = 0) -> tuple[list[Actor], bool]:
    """The source actors of a verb and whether it is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive and verb.lemma_.lower() in STATIVE and not any(c.dep_ == "agent" for c in verb.children):
        # "Ghana is opposed to Nigerian mediation": a state of the subject, not something done to it
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return s.np_actors(c), False
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return s.np_actors(p), True
        for c in verb.children:  # "a mortar was fired at Israel from Gaza"
            if c.dep_ == "prep" and c.lower_ == "from":
                for p in c.children:
                    if p.dep_ == "pobj" and s.np_actors(p):
                        return s.np_actors(p), True
        for c in verb.children:  # "killed in Israeli tank shelling": the attack's demonym
            if c.dep_ == "prep" and c.lower_ in ("in", "by"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ == "NOUN":
                        for mod in p.children:
                            m = s.mention(mod)
                            if mod.dep_ in ("amod", "compound") and m is not None and m.rule == "country":
                                return list(m.actors), True
        return [], True
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return s.np_actors(verb.head), False
            return s.np_actors(c) or _demonym_of(c, s), False
    if depth > 4:
        return [], False
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "xcomp"):
        # "Norway is ready to contribute", "Peru says it is prepared to pull back"
        return _subject(head.head, s, depth + 1)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "advcl" and infinitive and head.lemma_.lower() not in OBJECT_CONTROL and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        # a purpose clause is the subject's purpose: "farmers blockaded Paris to demand reform"
        return _subject(head, s, depth + 1)
    if verb.dep_ == "xcomp" or infinitive and verb.dep_ in ("advcl", "ccomp"):
        # object control: "led Turkey to sever ties" -> Turkey; "helped militants join" -> not the helper;
        # "Obama is being pressured to help" -> Obama
        for c in head.children:
            if c.dep_ in ("dobj", "nsubjpass") and (s.np_actors(c) or verb.dep_ in ("xcomp", "ccomp")):
                return s.np_actors(c), False
        return _subject(head, s, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(head, s, depth + 1)
    if verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and not lemma_in(verb, CONSEQUENCE_VERBS):
        # "..., accusing Tehran of meddling", "after visiting Lima": a clause with no subject
        # of its own shares its head's; but "..., killing five" tells what the act did
        return _subject(head, s, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head, s, depth + 1)  # "responded by summoning the envoy"
    if verb.dep_ == "relcl":
        return s.np_actors(head), False
    if verb.dep_ == "acl" and head.lemma_.lower() in SPEECH_NOUNS and head.head.pos_ in ("VERB", "AUX"):
        # "issued a declaration demanding ...": whoever issued it demands
        return _subject(head.head, s, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "talks mediated by Norway", "a move condemned by Peru": the agent acts
        for c in verb.children:
            if c.dep_ == "agent":
                return [a for p in c.children if p.dep_ == "pobj" for a in s.np_actors(p)], False
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        # "demonstrators protesting election results": the noun does what its participle says
        return s.np_actors(head), False
    return [], False


def _partners(head: Token, s: _Sentence) -> tuple[list[Actor], list[Actor], list[Mention]]:
    """(targets, 'between' parties, places) found among a verb's or a noun's dependents."""
    targets: list[Actor] = []
    between: list[Actor] = []
    places: list[Mention] = []
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
    owned = [o for o in objects if any(p.dep_ == "poss" and p.lower_ in OWN for p in o.children)]
    for obj in objects:
        if obj not in owned:
            targets += s.np_actors(obj)
    recipients: list[Actor] = []
    for holder in [head, *objects]:
        for prep in holder.children:
            # "providing intelligence to Macedonia": the parser may make the "to" a dative
            if prep.dep_ != "prep" and not (prep.dep_ == "dative" and any(c.dep_ == "pobj" for c in prep.children)):
                continue
            if holder is head and prep.lower_ == "to":
                recipients += [a for p in prep.children if p.dep_ == "pobj" for a in s.np_actors(p)]
            if prep.lower_ in ("between", "among") and not any(c.dep_ == "pobj" for c in prep.children):
                between += s.between(prep)
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if prep.lower_ in ("between", "among"):
                    between += s.between(prep)
                elif prep.lower_ in PARTNER_PREPS:
                    targets += s.np_actors(pobj)
                places += s.places(pobj)
    if recipients and head.lemma_.lower() in GIVING_VERBS:
        targets = recipients  # what is sent or given is not whom: "sent military advisers to Mali"
    for c in head.children:
        if c.dep_ == "nsubjpass" and head.lemma_.lower() not in STATIVE:
            targets = s.np_actors(c) + targets
    return _most_specific(targets), list(dict.fromkeys(between)), places


def _meeting_partners(verb: Token, s: _Sentence) -> list[Actor]:
    """Whom a journey is to meet: the "with" of its "for talks with X" purpose."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and NOMINAL.get(noun.lower_, ("", ""))[1] == "meeting":
                    return [a for w in noun.children if w.dep_ == "prep" and w.lower_ == "with"
                            for p in w.children if p.dep_ == "pobj" for a in s.np_actors(p)]
    return []


def _mediation_object(verb: Token) -> Token | None:
    """The verb's object when it is a mediation ("a mediation effort", "mediation")."""
    return next((o for o in verb.children if o.dep_ == "dobj" and (o.lemma_.lower() in MEDIATION_NOUNS or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in MEDIATION_NOUNS for c in o.children))), None)


def _protest_code(verb: Token) -> str | None:
    """The CAMEO 14 code of "staged a demonstration", "began a hunger strike", "went on strike"."""
    if not lemma_in(verb, PROTEST_VERBS):
        return None
    if any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        return None  # "called off a strike" ends the protest
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
    for noun in nouns:
        code = PROTEST_NOUNS.get(noun.lemma_.lower()) or PROTEST_NOUNS.get(noun.lower_)
        if code is None:
            continue
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
        if "hunger" in modifiers:
            return "142"  # CAMEO 142: conduct hunger strike
        if modifiers & ARMED_STRIKES:
            continue  # "launched an air strike" is an attack, not a walkout
        return code
    return None


def _passage_code(verb: Token) -> str | None:
    """CAMEO 144 for "blocked roads", "blockaded the port", "blocked transport into Abidjan"."""
    if not lemma_in(verb, BLOCK_VERBS):
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj" and ({obj.lemma_.lower(), obj.lower_} | {
                c.lower_ for c in obj.children if c.dep_ == "compound"}) & PASSAGES:
            return "144"
    return None


def _restriction_code(verb: Token) -> str | None:
    """"imposed a curfew", "declared a state of emergency", "extended martial law" (CAMEO 1723, 1724)."""
    if not lemma_in(verb, RESTRICT_VERBS):
        return None
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        words = {t.lower_ for t in obj.subtree}
        noun = obj.lemma_.lower()
        if noun == "law" and "martial" not in words or noun == "state" and not words & {"emergency", "siege"}:
            continue
        if noun == "state":
            noun = "emergency"
        if noun in RESTRICTIONS:
            return RESTRICTIONS[noun]
    return None


NOUN_FRAMES = ((_protest_code, "protest noun"), (_passage_code, "blocked passage"),
               (_restriction_code, "restriction imposed"))


def _speech_act(verb: Token) -> tuple[str, Token] | None:
    """The code of a speech act made with a light verb ("issued a warning to Iraq") and its noun."""
    if not lemma_in(verb, SPEECH_VERBS):
        return None
    for noun in verb.children:
        if noun.dep_ in ("dobj", "nsubjpass") and noun.lemma_.lower() in SPEECH_NOUNS:
            return SPEECH_NOUNS[noun.lemma_.lower()], noun
    return None


def _most_specific(actors: list[Actor]) -> list[Actor]:
    """One actor per country, the most specific: "dissidents from Egypt" is EGYOPP, not also EGY."""
    best: dict[str, Actor] = {}
    for a in actors:
        if a.country not in best or len(a.code) > len(best[a.country].code):
            best[a.country] = a
    return [best[c] for c in dict.fromkeys(a.country for a in actors)]


def _noun_key(tok: Token) -> str:
    """The noun as NOMINAL spells it, mending "re - establishment" split by the tokenizer."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("re", "co", "de"):
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def _between_in_phrase(noun: Token, s: _Sentence) -> list[Actor]:
    for t in noun.subtree:
        if t.lower_ in ("between", "among") and t.dep_ == "prep":
            return s.between(t)
    return []


def _aid_code(verb: Token) -> str | None:
    """The aid code of "offered humanitarian aid", "sent weapons", "suspended military aid", or None."""
    lemma = verb.lemma_.lower()
    if lemma not in AID_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "froze half of an arms assistance package": the aid is what the part is of
    # a part or a measure of it ("20 tonnes of food", "a shipment of arms") is the aid itself
    objects += [p for o in objects if o.lemma_.lower() not in AID_NOUNS
                for prep in o.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for p in prep.children if p.dep_ == "pobj"]
    for obj in objects:
        modifiers = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound")}
        words = {obj.lemma_.lower(), obj.lower_} | modifiers
        # a cut may name the aid by a modifier: "a military aid program", "aid deliveries"
        is_aid = bool(words & AID_NOUNS) if lemma in AID_CUT_VERBS else bool({obj.lemma_.lower(), obj.lower_} & AID_NOUNS)
        if is_aid:
            kind = next((AID_KINDS[w] for w in words if w in AID_KINDS), "")
            if lemma in AID_CUT_VERBS:
                return "162" + kind  # CAMEO 162: reduce or stop material aid
            if lemma in OFFER_VERBS:
                return "033" + kind
            return "07" + kind if kind else "070"
    return None


def _deep_targets(verb: Token, s: _Sentence, sources: list[Actor]) -> list[Actor]:
    """Recipients named inside the object or a prepositional phrase ("lifted a blockade on Palestinian
    lorries"), else the country where the act takes place ("opened an embassy in Tehran")."""
    named: list[Actor] = []
    placed: list[Actor] = []
    own = {a.code for a in sources}
    for child in verb.children:
        if child.dep_ not in ("dobj", "prep", "dative", "attr", "nsubjpass"):
            continue
        # of the subject's own things ("its embassy in Khartoum") only the place counts
        owned = any(p.dep_ == "poss" and p.lower_ in OWN for p in child.children)
        for tok in child.subtree:
            m = s.mention(tok)
            if m is None or m.rule == "pronoun" or m.start != tok.i and tok.i != m.end - 1 or owned and not m.is_place:
                continue
            for a in m.actors:
                if a.code in own or m.is_place and a.country in REGION_CODES:
                    continue  # a region is where, never whom: "a conference in the Middle East"
                (placed if m.is_place else named).append(a)
    # others before the source's own side: "condemned allegations by Rwanda against French officials"
    foreign = [a for a in named if a.country not in {x.country for x in sources}]
    chosen = _most_specific(foreign or named) or [Actor(a.country, a.name, a.text) for a in placed]
    return list(dict.fromkeys(chosen))[:2]


def _authorities(protesters: list[Actor]) -> list[Actor]:
    """Whom a protest that names no one is aimed at: the government of the protesters' own
    country (CAMEO 14: protest is directed at the authorities unless the text names another)."""
    countries = [a.country for a in protesters if a.country and a.country not in REGION_CODES
                 and not a.code.startswith("IGO") and not a.code.endswith("GOV")]
    return [Actor(c + "GOV", None, "") for c in dict.fromkeys(countries)][:1]


def _demonym_of(noun: Token, s: _Sentence) -> list[Actor]:
    """The state behind a subject named by its demonym: "Russian aircraft killed ..." is Russia acting."""
    for child in noun.children:
        m = s.mention(child)
        if child.dep_ in ("amod", "compound") and m is not None and m.rule == "country" and \
                m.actors[0].country not in REGION_CODES:
            return list(m.actors)
    return []


def _pronoun_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in verb.children)


def _unless(trigger: Token) -> bool:
    """The act is conditional on another's: "will withdraw unless the president resigns"."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
               for c in trigger.children)


def _about(verb: Token, s: _Sentence, sources: list[Actor]) -> list[Actor]:
    """Whom an objection is about: the other side's actors in its "over", "about" or "against" phrase
    (one's own side named there is not whom one objects to: "allegations by Morocco against Spanish officials")."""
    own = {a.code for a in sources}
    countries = {a.country for a in sources}
    # "went on hunger strike to protest against Chile's ruling": the purpose names the grievance
    purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in GRIEVANCE_VERBS]
    for holder in [verb, *[c for c in verb.children if c.dep_ == "dobj"], *purposes]:
        preps = [p for p in holder.children if p.dep_ == "prep" and p.lower_ in ("over", "about", "against")]
        if holder in purposes:
            preps += [o for o in holder.children if o.dep_ == "dobj"]
        for phrase in preps:
            found = [a for t in phrase.subtree if s.mention(t) is not None and not s.mention(t).is_place
                     for a in s.mention(t).actors if a.code not in own and a.country not in countries]
            if found:
                return list(dict.fromkeys(found))[:2]
    return []


def _complement(verb: Token) -> Token | None:
    """The verb of a "that"-clause or infinitive the verb takes, if any."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            return c
    return None


def _demanded(verb: Token) -> bool:
    """An obligation reported by another verb is not an event of its own."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.dep_ in ("acl", "ccomp", "advcl") and any(
            m.dep_ == "mark" or m.dep_ == "aux" and m.lower_ == "to" for m in verb.children):
        # "its demand that Israel ease restrictions", "its call for Togo to release them": the demand is the event
        nouns = [verb.head, *(c for c in verb.head.children if c.dep_ == "dobj")]
        if any(SPEECH_NOUNS.get(n.lemma_.lower(), "")[:2] in ("02", "10", "13") for n in nouns):
            return True
    return bool(aux & OBLIGATION) and verb.dep_ in ("ccomp", "xcomp", "advcl", "conj", "acl")


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _verb_chain(tok: Token) -> list[Token]:
    chain = [tok]
    node = tok
    while node.head.i != node.i and len(chain) < 8:
        node = node.head
        chain.append(node)
    return chain


def _date_for(trigger: Token, s: _Sentence, published: dt.date | None, *,
              future: bool = False) -> tuple[str | None, str | None]:
    """The date of the trigger's event from DATE entities attached to it or to the clauses above it."""
    chain = _verb_chain(trigger)
    chain_ids = {t.i: n for n, t in enumerate(chain)}
    best: tuple[int, str] | None = None
    for ent in s.sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        node, ok = ent.root, False
        steps = 0
        while node.head.i != node.i and steps < 10:
            if node.i in chain_ids:
                ok = True
                break
            node = node.head
            steps += 1
            if node.i not in chain_ids and node.pos_ in ("VERB", "AUX") and node.i != ent.root.i:
                break
        if node.i in chain_ids:
            ok = True
        if not ok:
            continue
        text = ent.text
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in ("since", "until", "before"):
            continue
        value = resolve_date(text, published, future=future)
        if value and (best is None or chain_ids[node.i] < best[0]):
            best = (chain_ids[node.i], value)
    if best:
        return best[1], "text"
    return None, None


def _location(trigger: Token, s: _Sentence, places: list[Mention], actors: Iterable[Actor]) -> dict | None:
    candidates = list(places)
    if not candidates:
        for t in _verb_chain(trigger)[:3]:
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    for pobj in prep.children:
                        candidates += s.places(pobj)
            if t.pos_ == "VERB":
                break
    if not candidates:
        return None
    m = candidates[0]
    found = find_place(m.text, prefer=[a.country for a in actors])
    if found is not None:
        return found.as_dict()
    return {"name": m.text, "country": m.actors[0].country if m.actors else None, "lat": None, "lon": None}


def _perfect(verb: Token) -> bool:
    has_have = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    lasting = any(c.dep_ == "advmod" and c.lower_ in ("long", "always") for c in verb.children)
    return has_have and (verb.tag_ == "VBN" or lasting)


def _adjust_for_modality(code: str, modality: str) -> str:
    if modality not in ("intended", "planned"):
        return code
    if code[:2] in ("18", "19", "20"):
        return "138"  # an attack wanted or announced is a threat of force (CAMEO 138)
    for key in (code[:4], code[:3], code[:2]):
        if key in INTENT:
            return INTENT[key]
        if key in THREAT:
            return THREAT[key]
    return code


def _meeting_code(code: str, location: dict | None, source: Actor | None, target: Actor | None) -> str:
    """A meeting in a third country is 044; elsewhere the dictionary's code stands."""
    if code not in ("040", "044") or location is None or source is None or target is None:
        return code
    country = location.get("country")
    if country and country not in (source.country, target.country):
        return "044"
    return code


class _Coder:
    def __init__(self, article: Article, published: dt.date | None) -> None:
        self.article = article
        self.published = published
        self.raw: list[_Raw] = []
        self.dated_nouns: dict[str, str] = {}
        self.skip: set[tuple[int, int]] = set()  # (sentence, token) of verbs coded in a combination

    def emit(self, s: _Sentence, trigger: Token, sources: list[Actor], targets: list[Actor], code: str,
             reverse: str | None, rule: str, confidence: float, places: list[Mention],
             modality: str | None = None, reciprocal: bool = False) -> None:
        modality = modality or modality_of(trigger)
        date, basis = _date_for(trigger, s, self.published, future=modality in ("planned", "intended"))
        if date is None:
            date, basis = self._anaphoric_date(trigger)
        if date is None and modality == "asserted" and self.published is not None:
            verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
            if not _perfect(verb):
                date, basis = self.published.isoformat(), "publication"
        location = _location(trigger, s, places, [*sources, *targets])
        start, end = s.offset + s.sent.start_char, s.offset + s.sent.end_char
        evidence = Evidence(s.number, start, end, self.article.text[start:end])  # paragraphs are slices of it
        pairs: list[tuple[Actor | None, Actor | None, str, bool]] = []
        if reciprocal:
            group = list(dict.fromkeys([*sources, *targets]))
            for a, b in permutations(group, 2):
                if a.code != b.code:
                    pairs.append((a, b, code, True))
        else:
            for src in sources or [None]:
                for tgt in targets or [None]:
                    if src is not None and tgt is not None and src.code == tgt.code:
                        continue  # an actor does not act on itself; domestic events stay
                    pairs.append((src, tgt, code, True))
                    if reverse and src is not None and tgt is not None:
                        pairs.append((tgt, src, reverse, False))
        threat = modality in ("planned", "intended") and _unless(trigger)
        for src, tgt, c, primary in pairs:
            if src is None or not primary and modality in ("planned", "intended"):
                continue  # the host of a visit only planned has expressed nothing
            if tgt is None and c[:2] not in TARGETLESS_ROOTS:
                continue  # an act on no one named is no event between actors
            if tgt is not None and src.country == tgt.country and (src.code == tgt.code or {
                    src.code[3:], tgt.code[3:]} == {"", "GOV"} and c[:2] in BETWEEN_STATES_ROOTS):
                continue  # no one consults, aids or breaks ties with its own country
            if c == "036" and modality == "asserted" and trigger.lemma_.lower() in MEETING_VERBS:
                c = "040"  # "met for talks" happened: a meeting, not an intent to meet
            final = _meeting_code(_adjust_for_modality(c, modality), location, src, tgt)
            if threat and not final.startswith("13"):
                final = "130"  # an act announced unless others act is a threat (CAMEO 13)
            self.raw.append(_Raw(src, tgt, final, trigger, s.number, evidence, modality, date, basis, location,
                                 primary, confidence, rule))
            if final == "044" and primary and not reciprocal and tgt is not None:
                # CODING.md: a meeting in a third country goes both ways
                self.raw.append(_Raw(tgt, src, final, trigger, s.number, evidence, modality, date, basis, location,
                                     False, confidence, rule))

    def _anaphoric_date(self, trigger: Token) -> tuple[str | None, str | None]:
        """"After the quake" takes the date of "a February earthquake" told earlier."""
        for t in _verb_chain(trigger)[:3]:
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in ("after", "following", "during"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and any(c.lower_ in ("the", "this", "that") for c in pobj.children):
                            for noun, date in self.dated_nouns.items():
                                if noun.endswith(pobj.lemma_.lower()) or pobj.lemma_.lower().endswith(noun):
                                    return date, "text"
        return None, None

    def remember_dated_nouns(self, s: _Sentence) -> None:
        for ent in s.sent.ents:
            if ent.label_ == "DATE" and ent.root.dep_ in ("compound", "amod", "nmod", "npadvmod") and \
                    ent.root.head.pos_ == "NOUN":
                value = resolve_date(ent.text, self.published)
                if value:
                    self.dated_nouns[ent.root.head.lemma_.lower()] = value

    def code_sentence(self, s: _Sentence) -> None:
        if not any(i in s.index for i in range(s.sent.start, s.sent.end)):
            self.remember_dated_nouns(s)  # no actor, no event: but "a February earthquake" may be recalled
            return
        doc, kinds = s.doc, s.kinds
        # a clause before the clause it depends on: "X had shelled Y, Z claimed" is Z's claim,
        # whatever the order of the words, so every predicate is read after those above it
        triggers = [i for i in range(s.sent.start, s.sent.end) if kinds[i]]
        for i in sorted(triggers, key=lambda i: (_depth(doc[i]), i)):
            kind = kinds[i]
            tok = doc[i]
            if kind & VERB_TOKEN and (s.number, i) not in self.skip:
                self.code_verb(tok, s)
            elif kind & NOUN_TOKEN and _noun_key(tok) in NOMINAL:
                self.code_noun(tok, s)
            if kind & PARTICIPLE_TOKEN and tok.lemma_.lower() in PARTICIPLES:
                self.code_participle(tok, s)
        self.remember_dated_nouns(s)

    def code_verb(self, verb: Token, s: _Sentence) -> None:
        if verb.dep_ in ("amod",):
            return
        found = code_verb(verb)
        lexical = match_object_frame(verb)
        if lexical is not None:  # the lexicon names verb and object: more specific than any verb pattern
            found = VerbCode(lexical.code, None, verb.lemma_.lower(), f"lexicon: {lexical.note}")
        aid = _aid_code(verb)
        if found is None and aid:  # "suspended military aid": the aid decides, coded or not
            found = VerbCode(aid, None, verb.lemma_.lower(), "aid object default")
        # the object decides the code: the form of protest ("staged a strike"), a passage blocked,
        # a restriction imposed ("declared a curfew")
        for frame, rule in NOUN_FRAMES:
            decided = frame(verb)
            if decided:
                found = VerbCode(decided, None, verb.lemma_.lower(), rule)
        speech = _speech_act(verb)
        if speech and (found is None or found.pattern.endswith("default")):
            # "issued a warning", "lodged a protest": the noun says what was said
            found = VerbCode(speech[0], None, verb.lemma_.lower(), "speech noun")
        mediation = _mediation_object(verb)
        if found is None and verb.lemma_.lower() not in UNCODED_FRAMES and mediation is None:
            return  # none of the frames below can make an event of a verb the dictionary does not code
        if verb.lemma_.lower() in ASPECTUAL and any(
                c.dep_ in ("nsubj", "nsubjpass") and _noun_key(c) in NOMINAL for c in verb.children):
            return  # "the riots are continuing": the noun is the event, the verb its phase
        sources, passive = _subject(verb, s)
        targets, between, places = _partners(verb, s)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and sources:
            # what the participle modifies says on whom its agent acted: the parties of "talks
            # hosted by X", the maker of "a move condemned by X"
            parties = self.parties_of(verb.head, s, sources)
            if found is not None and found.code[:3] in ("045", "043", "039"):
                between = between if len(between) >= 2 else parties
                targets = targets or (parties if found.code[:3] == "043" else [])
            else:
                targets = targets or parties
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        relation_object = any(o.lemma_.lower() in RELATION_NOUNS or o.lower_ in RELATION_NOUNS for o in objects)
        # a third party mending ties between two others mediates between them
        # (a party does not mediate its own dispute: of "Russia, Turkey and Syria met to discuss a
        # rapprochement between Ankara and Damascus" only Russia mediates)
        mediators = [a for a in sources if a.country not in {b.country for b in between}]
        if len(between) >= 2 and relation_object and mediators and (
                verb.lemma_.lower() in MEND_VERBS or found is not None and found.code[:2] in ("03", "04", "05")):
            self.emit(s, verb, mediators, between, "045", None, "mediation: mend ties between", 0.8, places)
            return
        # "launched a mediation effort between A and B", "undertook a mediation mission between ...":
        # the mediation noun, not the light verb, is the event (CODING.md: mediation takes precedence)
        if mediation is not None and sources:
            parties = between or _between_in_phrase(mediation, s)
            parties = [a for a in parties if a.country not in {x.country for x in sources}]
            if len(parties) >= 2:
                self.emit(s, verb, sources, parties, "045", None, "mediation noun between", 0.75, places)
                return
        if verb.lemma_.lower() in RECEIVE_VERBS and sources and self.code_receiving(verb, s, sources, places):
            return
        head_lemma = verb.head.lemma_.lower()
        if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
                verb.head.pos_ == "VERB" and (code_verb(verb.head) is not None or _protest_code(verb.head)) and not any(
                    c.dep_ == "dobj" and s.np_actors(c) for c in verb.head.children):
            # "staged protests to demand reforms", "met to discuss": the purpose of the coded act;
            # but "led Turkey to sever ties" makes Turkey act
            return
        if _demanded(verb) or verb.dep_ == "ccomp" and head_lemma in DEMAND_VERBS or (
                verb.dep_ == "xcomp" and head_lemma in APPEAL_VERBS
                and any(c.dep_ in ("dobj", "nsubjpass") for c in verb.head.children)):
            return  # "X demanded that Y withdraw", "X asked Y to help Z": X's appeal is the event
        combined = self.code_combination(verb, s, sources, places)
        if combined or self.code_response(verb, s, sources, places):
            return
        complement = _complement(verb)
        if complement is not None and sources and verb.lemma_.lower() in REPORTING and \
                self.code_report(verb, complement, s, sources, places):
            return
        if complement is not None and verb.lemma_.lower() in REPORTING and code_verb(complement) is not None:
            return  # "X said it will withdraw from Y": the reported clause is the event, with its target
        if found is None:
            return
        code, reverse = found.code, found.reverse
        if verb.lemma_.lower() in PHONE_VERBS:
            code, reverse = "041", None  # CODING.md: A telephones B is 041, whatever the call was about
        if aid:
            code, reverse = aid, None
        if verb.lemma_.lower() == "agree" and found.pattern.endswith("default") and any(
                c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") for c in verb.children):
            code, reverse = "030", None  # CAMEO 03: to agree to something is to commit to cooperate
        if found.swapped:
            sources, targets = targets, sources
        if speech and complement is None:
            # "sent a note to Laos that it has to comply", "repeated its demand that Peru lift ...":
            # the clause the noun governs says to whom
            complement = next((c for c in speech[1].children if c.dep_ in ("acl", "ccomp", "relcl")
                               and c.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" for m in c.children)), None)
        if not targets and complement is not None and code[:2] in ADDRESSED_ROOTS:
            targets, _ = _subject(complement, s)
        if code[:2] in ("11", "12", "14"):
            # "complained to the UN over Israeli air raids": the complaint is about Israel
            about = _about(verb, s, sources)
            targets = about or targets
        if len(between) >= 2 and not sources:
            # "ties between A and B were severed": both ways
            self.emit(s, verb, between, [], code, None, f"{found.pattern}, between", 0.6, places, reciprocal=True)
            return
        if passive and not sources and targets:
            return
        meeting_with = _meeting_partners(verb, s) if verb.lemma_.lower() in ARRIVAL_VERBS else []
        if meeting_with and sources:
            # "arrived in Oslo for talks with Chile": the talks are the event, with Chile, in Oslo;
            # the place's government hosts only when it is the partner
            self.emit(s, verb, sources, meeting_with, "040", None, "arrival for talks with", 0.7, places)
            return
        if not targets and places and (code[:3] == "042" or verb.lemma_.lower() in ARRIVAL_VERBS):
            # arriving in a country's city is a visit to its government
            targets = [Actor(p.actors[0].country + "GOV", None, p.text) for p in places[:1] if p.actors]
            if targets and not set(a.country for a in targets) & set(a.country for a in sources):
                code, reverse = "042", "043"
        if not targets and len(sources) >= 2 and (code[:2] in RECIPROCAL_ROOTS or code[:3] in RECIPROCAL_CODES):
            self.emit(s, verb, sources, [], code, None, f"{found.pattern}, together", 0.7, places, reciprocal=True)
            return
        if found.pattern.endswith("default") and any(
                c.dep_ == "xcomp" and c.pos_ == "VERB" and (code_verb(c) or c.lemma_.lower() in MEND_VERBS)
                for c in verb.children):
            return  # "sought to mend ties": the infinitive is the event, the matrix its frame
        if code[:3] == "045" and len(between) >= 2:
            # a mediator acts on each party, and a party does not mediate its own dispute
            parties = {a.country for a in between}
            sources = [a for a in sources if a.country not in parties]
            targets = targets or between
        if not targets and sources and code[:2] in ("17", "18", "19", "20"):
            # "opened fire to disperse demonstrators": force is used on whom its purpose names
            targets = [a for c in verb.children if c.dep_ in ("advcl", "xcomp") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for o in c.children if o.dep_ == "dobj" for a in s.np_actors(o)][:2]
        if not targets and sources and code[:2] not in ("01", "04"):
            targets = _deep_targets(verb, s, sources)  # a consultation's partners are named directly
        if not targets and sources and code[:2] == "14":
            targets = _authorities(sources)
        if not sources or not targets and code[:2] == "01":
            return  # a statement needs someone it is addressed to or about
        confidence = 0.85 if "pattern" in found.pattern else 0.7
        self.emit(s, verb, sources, targets, code, reverse, found.pattern, confidence, places)

    def parties_of(self, noun: Token, s: _Sentence, agents: list[Actor]) -> list[Actor]:
        """Who takes part in what a noun names: the actors it names, those "between" it, the
        subject of the clause it stands in ("A and B held talks hosted by C"), or, for a noun
        that refers back to an act ("the move", "the decision"), the maker of the last act told."""
        own = {a.country for a in agents}
        found = [a for a in s.np_actors(noun) if a.country not in own] or [
            a for a in _between_in_phrase(noun, s) if a.country not in own]
        if found:
            return found
        if noun.lemma_.lower() in ACT_REFERENCES and self.raw:
            last = self.raw[-1]
            if last.sentence >= s.number - 1 and last.source is not None and last.source.country not in own:
                return [last.source]
            return []
        holder = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and holder.pos_ in ("VERB", "AUX"):
            return [a for a in _subject(holder, s)[0] + _partners(holder, s)[0] if a.country not in own]
        return []

    def code_combination(self, verb: Token, s: _Sentence, sources: list[Actor], places: list[Mention]) -> bool:
        """"A agreed to withdraw from B" is A's intent to yield to B; "A threatened to attack B" a
        threat; "A refused to meet B" a rejection: one event from the verb and its infinitive."""
        lemma = verb.lemma_.lower()
        if lemma not in COMMIT_VERBS | THREAT_VERBS | REFUSE_VERBS or not sources:
            return False
        inner = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if inner is None and lemma in COMMIT_VERBS:
            # "agreed that their countries should cooperate": a commitment in a that-clause
            inner = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and any(
                a.dep_ == "aux" and a.lower_ in ("should", "would", "will", "must", "shall") for a in c.children)),
                None)
        if inner is None:
            return False
        inner_code = code_verb(inner)
        targets, between, inner_places = _partners(inner, s)
        targets = targets or _partners(verb, s)[0]
        if lemma in THREAT_VERBS:
            # "threatened to strike unless Israel rescinded ...": the condition names who is threatened
            for clause in [c for t in (verb, inner) for c in t.children if c.dep_ == "advcl"]:
                if any(m.lower_ in ("unless", "if") for m in clause.children if m.dep_ == "mark"):
                    targets = _subject(clause, s)[0] or targets
        targets = targets or _deep_targets(inner, s, sources) or _deep_targets(verb, s, sources)
        root = inner_code.code if inner_code else ""
        if lemma in THREAT_VERBS:
            code = "138" if root[:2] in ("18", "19", "20") else "137" if root[:2] == "17" else "130"
        elif lemma in REFUSE_VERBS:
            code = "125" if root[:2] == "04" else "124" if root[:2] == "08" else "120"
        else:
            code = _adjust_for_modality(root, "intended") if root else "030"
            if code == root:
                code = "030"
        negated = modality_of(verb) == "negated"
        self.emit(s, verb, sources, targets, code, None, f"{lemma} to {inner.lemma_}", 0.65, places + inner_places,
                  modality="negated" if negated else "asserted")
        self.skip.add((s.number, inner.i))
        return True

    def code_response(self, verb: Token, s: _Sentence, sources: list[Actor], places: list[Mention]) -> bool:
        """"A rejected B's proposal", "A dismissed an appeal from B", "A is opposed to B's mediation":
        A rejects B (CAMEO 12; 125 when what B proposed was to meet or talk). "A accepted B's plan"
        agrees with B (03; 036 for talks), "A met B's demands" yields to B (08)."""
        accepting = verb.lemma_.lower() in ACCEPT_VERBS
        if verb.lemma_.lower() not in REJECT_VERBS and not accepting:
            return False
        if not sources and verb.dep_ == "acomp":  # "Nepal is opposed to ...": the copula has the subject
            sources = _subject(verb.head, s)[0]
        if not sources:
            return False
        proposal = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                         and c.lemma_.lower() in PROPOSAL_NOUNS), None)
        if proposal is None:  # "is opposed to the plan"
            proposal = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                             for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in PROPOSAL_NOUNS), None)
        if proposal is None:
            return False
        words = {t.lower_ for t in proposal.subtree} | {proposal.lemma_.lower()}
        code = "125" if words & MEETING_PROPOSALS else "120"
        if accepting:
            # CAMEO 08: to accept a demand is to yield; 03: to accept a proposal is to agree; to meet, 036
            code = "036" if words & MEETING_PROPOSALS else "080" if proposal.lemma_.lower() in DEMAND_NOUNS else "030"
        own = {a.code for a in sources}
        # the author may be of the same country: "rebels dismissed an appeal from the president"
        authors = [a for c in proposal.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                   for a in s.np_actors(c) if a.code not in own]
        for prep in [*proposal.children, *verb.children]:  # the parser may hang "from B" on the verb
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                authors += [a for p in prep.children if p.dep_ == "pobj" for a in s.np_actors(p)
                            if a.code not in own]
        if accepting and not authors:
            return False  # accepting what nobody is said to have proposed: the verb's own code stands
        if not authors and proposal.lemma_.lower() in ("mediation", "deployment"):
            return False  # whose mediation is rejected must be said; else the verb's own code stands
        self.emit(s, verb, sources, _most_specific(authors), code, None, f"{verb.lemma_} {proposal.lemma_}", 0.7,
                  places)
        return True

    def code_report(self, verb: Token, clause: Token, s: _Sentence, reporters: list[Actor],
                    places: list[Mention]) -> bool:
        """PETRARCH's transformations of reported acts: "A said B must ..." is a demand, "A claimed
        that B attacked C" an accusation, "A said it will attack C" a threat."""
        if all(r.role in OBSERVERS for r in reporters):
            return False  # medics or reporters telling of an attack report it; they do not accuse
        inner = code_verb(clause)
        actors, _ = _subject(clause, s)
        aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        others = [a for a in actors if a.country not in {r.country for r in reporters}]
        # "rebels said the president must resign": a demand of anyone but the speaker, at home too
        obliged = [a for a in actors if a.code not in {r.code for r in reporters}] if not _pronoun_subject(clause) \
            else others
        if aux & OBLIGATION and obliged:
            self.emit(s, verb, reporters, obliged, "100", None, "report: must", 0.6, places, modality="asserted")
            return True
        if inner is None or inner.code[:2] not in ("18", "19", "20", "15"):
            return False
        targets, _, _ = _partners(clause, s)
        own = not others and {a.code for a in actors} <= {r.code for r in reporters} and _pronoun_subject(clause) and \
            verb.lemma_.lower() in ("claim", "admit", "acknowledge", "confirm") and not aux & {"will", "would", "'ll"}
        if own and targets:
            # "X claimed that they had attacked Y": X claims responsibility (CAMEO 015)
            self.emit(s, verb, reporters, targets, "015", None, "report: claim responsibility", 0.6, places,
                      modality="asserted")
        elif others:
            self.emit(s, verb, reporters, others, "112", None, "report: accuse", 0.6, places, modality="asserted")
        elif aux & {"will", "would", "could", "'ll", "shall"} and targets:
            self.emit(s, verb, reporters, targets, "138", None, "report: threaten", 0.6, places, modality="asserted")
        else:
            return False
        self.skip.add((s.number, clause.i))  # the reported attack is the accusation's or threat's content
        return True

    def code_receiving(self, verb: Token, s: _Sentence, receivers: list[Actor], places: list[Mention]) -> bool:
        """"X received aid from Y" is Y giving aid to X; False when nothing was received from anyone."""
        givers: list[Actor] = []
        things: list[Token] = []
        for holder in [verb, *[c for c in verb.children if c.dep_ == "dobj"]]:
            for c in holder.children:
                if c.dep_ == "dobj":
                    things += [c, *c.conjuncts]
                if c.dep_ == "prep" and c.lower_ == "from":
                    givers += [a for p in c.children if p.dep_ == "pobj" for a in s.np_actors(p)]
        if not givers:
            return False
        coded = False
        for thing in things:
            lemma = thing.lemma_.lower()
            if lemma in RECEIVED_PEOPLE or s.mention(thing) is not None and s.mention(thing).rule != "country":
                # receiving envoys is hosting them
                self.emit(s, verb, receivers, givers, "043", "042", f"received {lemma}", 0.7, places)
                return True
            code = RECEIVED.get(lemma)
            if code:
                self.emit(s, verb, givers, receivers, code, None, f"received {lemma}", 0.7, places)
                coded = True
        return coded

    def code_noun(self, noun: Token, s: _Sentence) -> None:
        code, kind = NOMINAL[_noun_key(noun)]
        if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ == "VERB" and code_verb(noun.head) is not None:
            return  # "hosted X for talks", "held talks": the verb codes it
        if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and code_verb(noun.head.head) is not None:
            return
        owners = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  for a in s.np_actors(c) if s.mention(c) is not None and s.mention(c).rule != "pronoun"]
        if not owners and noun.dep_ in ("attr", "acomp") and noun.head.lemma_ == "be":
            owners = _subject(noun.head, s)[0]  # "Brazil is mediating between ...", the parser's noun
        if not owners and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            # "Israel and Lebanon renewed negotiations", "A held talks with B": the doers are the verb's
            owners, _ = _subject(noun.head, s)
            if len(owners) >= 2 and kind == "meeting":
                _, _, places = _partners(noun.head, s)
                self.emit(s, noun, owners, [], code, None, f"noun {noun.lower_} of verb", 0.6, places,
                          reciprocal=True)
                return
            extra_targets, _, _ = _partners(noun.head, s)
            targets_from_verb = [a for a in extra_targets if a not in owners]
        else:
            targets_from_verb = []
        targets, between, places = _partners(noun, s)
        targets = targets or targets_from_verb
        between = between or _between_in_phrase(noun, s)
        if kind == "relations":
            of_relations = any(p.dep_ == "prep" and p.lower_ == "of" for p in noun.children)
            if len(between) >= 2 and of_relations:
                self.emit(s, noun, between, [], code, None, f"noun {noun.lower_} between", 0.75, places,
                          reciprocal=True)
            return
        if kind == "mediation":
            if owners and len(between) >= 2:
                self.emit(s, noun, owners, between, code, None, "noun mediation", 0.7, places)
            return
        if kind == "visit":
            if owners and targets:
                self.emit(s, noun, owners, targets, code, "043", "noun visit", 0.7, places)
            return
        if kind == "meeting":
            if len(between) >= 2:
                self.emit(s, noun, between, [], code, None, f"noun {noun.lower_} between", 0.65, places,
                          reciprocal=True)
            elif owners and targets:
                self.emit(s, noun, owners, targets, code, None, f"noun {noun.lower_}", 0.65, places)
            return
        if owners and targets:
            self.emit(s, noun, owners, targets, code, None, f"noun {noun.lower_}", 0.6, places)

    def code_participle(self, part: Token, s: _Sentence) -> None:
        """"a Chinese-brokered re-establishment ...", "Washington-backed Kurdish groups"."""
        agents = [a for c in part.children if c.dep_ in ("npadvmod", "compound", "amod", "nmod", "advmod", "agent")
                  for a in s.np_actors(c)]
        if not agents:
            prev = part.doc[part.i - 2] if part.i >= 2 and part.doc[part.i - 1].text == "-" else None
            if prev is not None and s.mention(prev) is not None:
                agents = list(s.mention(prev).actors)
        if not agents:
            return
        code = PARTICIPLES[part.lemma_.lower()]
        noun = part.head
        if noun.lower_ == "re" and noun.i + 2 < len(noun.doc) and noun.doc[noun.i + 1].text == "-":
            noun = noun.doc[noun.i + 2]  # "re-establishment", split by the tokenizer
        if code == "045":
            _, between, places = _partners(noun, s)
            between = between or _between_in_phrase(noun, s)
            if len(between) >= 2:
                self.emit(s, noun, agents, between, code, None, f"participle {part.lower_}", 0.75, places)
            return
        if code is None:
            return
        targets = s.np_actors(noun)
        if targets:
            self.emit(s, part, agents, targets, code, None, f"participle {part.lower_}", 0.6, [])

    def events(self) -> list[Event]:
        return _finish(self.article, _merge(self.raw))


def _merge(raw: list[_Raw]) -> list[_Raw]:
    """One event told twice (same actors and code, compatible dates) is one event with both evidences."""
    out: list[_Raw] = []
    for ev in raw:
        for kept in out:
            if (kept.source.code, kept.target.code if kept.target else None, kept.code) != (
                    ev.source.code, ev.target.code if ev.target else None, ev.code):
                continue
            if kept.modality != ev.modality and "asserted" in (kept.modality, ev.modality) and \
                    "negated" in (kept.modality, ev.modality):
                continue
            if not _dates_compatible(kept, ev):
                continue
            if ev.evidence != kept.evidence and ev.evidence not in kept.extra:
                kept.extra.append(ev.evidence)
            better = (ev.date_basis == "text") > (kept.date_basis == "text") or (
                ev.date_basis == kept.date_basis and ev.primary and not kept.primary)
            if better:
                kept.date, kept.date_basis, kept.primary = ev.date, ev.date_basis, ev.primary
            kept.location = kept.location or ev.location
            kept.confidence = max(kept.confidence, ev.confidence)
            break
        else:
            out.append(replace(ev, extra=[]))
    return out


def _dates_compatible(a: _Raw, b: _Raw) -> bool:
    if a.date is None or b.date is None or "publication" in (a.date_basis, b.date_basis):
        return True
    from_a, from_b = a.date.split("/")[0], b.date.split("/")[0]
    try:
        da = dt.date.fromisoformat((from_a + "-01-01")[:10] if len(from_a) == 4 else (from_a + "-01")[:10])
        db = dt.date.fromisoformat((from_b + "-01-01")[:10] if len(from_b) == 4 else (from_b + "-01")[:10])
    except ValueError:
        return a.date == b.date
    return abs((da - db).days) <= 31


def _finish(article: Article, raw: list[_Raw]) -> list[Event]:
    events = []
    for r in raw:
        info = describe(r.code)
        evidence = tuple(sorted([r.evidence, *r.extra], key=lambda e: e.start))
        key = "|".join([article.id, r.source.code, r.target.code if r.target else "", r.code,
                        f"{evidence[0].start}-{evidence[0].end}"])
        events.append(Event(
            event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            doc_id=article.id,
            source=r.source,
            target=r.target,
            cameo=r.code,
            cameo_name=info.name,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=info.plover(),
            modality=r.modality,
            date=r.date,
            date_basis=r.date_basis,
            location=r.location,
            evidence=evidence,
            confidence=round(r.confidence, 2),
            trigger=r.trigger.text,
            extra={"rule": r.rule},
        ))
    return events


def code_events(article: Article, paragraphs: list[tuple[int, Doc]], mentions: ArticleMentions) -> list[Event]:
    """The events of one article, from its parsed paragraphs and resolved mentions."""
    words = {t.lower_ for _, doc in paragraphs for t in doc if t.is_alpha or "-" in t.text}
    if not_political(words):
        return []  # a match report or a markets story: its countries are teams and exchanges
    coder = _Coder(article, article.date)
    number = 0
    for (offset, doc), index in zip(paragraphs, mentions.by_token):
        kinds = _token_kinds(doc)
        for sent in doc.sents:
            coder.code_sentence(_Sentence(doc, sent, index, number, offset, kinds))
            number += 1
    return coder.events()
