"""The records passed between stages: frozen dataclasses, one per concept."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One cleaned article with its metadata and a map back to the raw input."""

    id: str
    text: str
    date: dt.date | None = None
    date_basis: str | None = None  # "given", "record", "url", "dateline" or None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    origin: str = ""  # the file (and line) it came from
    furniture: tuple[tuple[str, str], ...] = ()  # (kind, text) set aside from the body
    offsets: tuple[int, ...] = ()  # offsets[i] is the raw offset of cleaned character i
    raw: str = ""

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the raw input that the cleaned span [start, end) came from."""
        if not self.offsets:
            return start, end
        last = len(self.offsets) - 1
        a = self.offsets[min(start, last)] if last >= 0 else start
        b = self.offsets[min(max(end - 1, 0), last)] + 1 if last >= 0 else end
        return a, b

    def paragraphs(self) -> list[tuple[int, str]]:
        """The body's paragraphs with their offsets into `text`."""
        out: list[tuple[int, str]] = []
        pos = 0
        for part in self.text.split("\n\n"):
            if part.strip():
                out.append((pos, part))
            pos += len(part) + 2
        return out


@dataclass(frozen=True)
class Rejection:
    """An input record that could not be read, with its reason."""

    origin: str
    reason: str
    message: str
    id: str | None = None


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a CAMEO actor code and who it is."""

    code: str
    name: str | None = None
    text: str = ""

    @property
    def country(self) -> str:
        return self.code[:3]

    @property
    def role(self) -> str | None:
        return self.code[3:6] or None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "role": self.role, "name": self.name, "text": self.text}


@dataclass(frozen=True)
class Mention:
    """A span of text that names one actor or a group of actors."""

    start: int  # token offsets in the paragraph's Doc
    end: int
    text: str
    actors: tuple[Actor, ...]
    rule: str  # which rule or dictionary entry resolved it
    char_start: int = 0  # offsets into the cleaned article text
    char_end: int = 0
    is_place: bool = False
    is_person: bool = False  # names one person (a pronoun "he" may refer to it; "it" may not)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.char_start,
            "end": self.char_end,
            "codes": [a.code for a in self.actors],
            "names": [a.name for a in self.actors],
            "rule": self.rule,
            "place": self.is_place,
            "person": self.is_person,
        }


@dataclass(frozen=True)
class Evidence:
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """One coded event, as `shared/spec/EVENTS.md` defines it."""

    event_id: str
    doc_id: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    quad_class: int
    goldstein: float
    plover: dict[str, Any]
    modality: str
    date: str | None
    date_basis: str | None
    location: dict[str, Any] | None
    evidence: tuple[Evidence, ...]
    confidence: float
    trigger: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "source": self.source.as_dict() if self.source else None,
            "target": self.target.as_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "modality": self.modality,
            "date": self.date,
            "date_basis": self.date_basis,
            "location": self.location,
            "evidence": [{"sentence": e.sentence, "start": e.start, "end": e.end, "text": e.text}
                         for e in self.evidence],
            "confidence": self.confidence,
            "trigger": self.trigger,
        }
        d.update(self.extra)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        """The event that `as_dict` gave `d` (as read back from JSON)."""
        def actor(a: dict[str, Any] | None) -> Actor | None:
            return Actor(a["code"], a.get("name"), a.get("text") or "") if a else None

        known = {f for f in cls.__dataclass_fields__ if f != "extra"}
        return cls(d["event_id"], d["doc_id"], actor(d.get("source")), actor(d.get("target")), d["cameo"],
                   d["cameo_name"], d["quad_class"], d["goldstein"], d["plover"], d["modality"], d.get("date"),
                   d.get("date_basis"), d.get("location"), tuple(Evidence(**e) for e in d.get("evidence") or ()),
                   d["confidence"], d.get("trigger") or "", {k: v for k, v in d.items() if k not in known})
