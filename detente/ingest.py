"""Read articles from files, JSON Lines, directories and standard input, and clean their text.

Text as it comes out of PDFs and web pages is hard-wrapped, hyphenates words across line
breaks, breaks URLs across lines and carries page furniture ("Related article: ...", an
"Original url:" block, bylines, photo credits). `clean_text` joins the lines into
paragraphs, mends the words and URLs, sets the furniture aside as metadata and keeps, for
every character of the cleaned text, its offset in the raw input.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Iterable, Iterator

from .config import Config
from .errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    LanguageError,
    RecordError,
    TooLargeError,
)
from .model import Article, Rejection

SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Prefixes after which a line-break hyphen is a real hyphen when the rest is a word on its own.
PREFIXES = frozenset("re co pre non anti post pro self ex semi multi counter inter intra neo quasi "
                     "ultra cross pan sub mid over under vice".split())
URL_IN_PATH = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|\b)")
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b"
)
FURNITURE = (
    ("related", re.compile(r"^\s*(related( article| story| content)?|read more|read also|see also|more on this)\s*:", re.I)),
    ("original_url", re.compile(r"^\s*(original|source)\s+url\s*:", re.I)),
    ("byline", re.compile(r"^\s*[Bb]y\s+[A-Z][\w.'’-]+(\s+(and\s+)?[A-Z][\w.'’-]+){0,4}\s*$")),
    ("photo", re.compile(r"^\s*((photo|image|picture|video)s?(\s+credit)?\s*[:|]|\(?(photo|image)\s+by\b)", re.I)),
    ("photo", re.compile(r"^.{0,80}\b(getty images|afp photo|ap photo|reuters/|epa-efe|shutterstock)\b.{0,40}$", re.I)),
    ("link", re.compile(r"^\s*(https?://|www\.)\S+\s*$")),
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """SCOWL's English word list (see detente/data/SOURCES.md)."""
    with resources.files("detente.data").joinpath("words.txt.gz").open("rb") as f:
        return frozenset(gzip.decompress(f.read()).decode("utf-8").split())


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """English function words (spaCy's stop words, see detente/data/SOURCES.md), read without
    importing spaCy: reading and checking input is the driver's work in a spread run."""
    text = resources.files("detente.data").joinpath("function_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def join_hyphenated(left: str, right: str) -> str:
    """Mend a word broken across a line: 'diplo' + 'matic' -> 'diplomatic', 're' + 'establishment' -> 're-establishment'."""
    words = english_words()
    a, b = left.lower(), right.lower()
    b_word = b.rstrip(".,;:!?'\")”’")
    joined = a + b_word
    if a in PREFIXES and b_word in words and joined not in words:
        return f"{left}-{right}"
    if joined in words or _inflected(joined, words):
        return left + right
    if a in words and b_word in words:
        return f"{left}-{right}"
    return left + right


def _inflected(word: str, words: frozenset[str]) -> bool:
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in words:
            return True
    return False


@dataclass
class _Builder:
    """Cleaned text with, for every character, its offset in the raw input."""

    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    def add(self, text: str, start: int) -> None:
        self.chars.append(text)
        self.offsets.extend(range(start, start + len(text)))

    def add_at(self, text: str, at: int) -> None:
        self.chars.append(text)
        self.offsets.extend([at] * len(text))


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: tuple[int, ...]
    furniture: tuple[tuple[str, str], ...]
    dateline: dt.date | None


def _blocks(raw: str) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its raw offset."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            current.append((pos, body))
        elif current:
            blocks.append(current)
            current = []
        pos += len(line)
    if current:
        blocks.append(current)
    return blocks


def _furniture_kind(first_line: str) -> str | None:
    for kind, pattern in FURNITURE:
        if pattern.search(first_line):
            return kind
    return None


def _join_url(lines: list[str]) -> str:
    """Lines of a URL broken across lines, as one URL."""
    return "".join(line.strip() for line in lines)


def _dateline(text: str) -> dt.date | None:
    m = DATELINE.match(text)
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    try:
        return dt.date(int(m.group("year")), month, int(m.group("day"))) if month else None
    except ValueError:
        return None


def clean_text(raw: str) -> Cleaned:
    """Paragraphs joined, words and URLs mended, furniture set aside, offsets kept."""
    out = _Builder()
    furniture: list[tuple[str, str]] = []
    dateline: dt.date | None = None
    for block in _blocks(raw):
        first = block[0][1]
        kind = _furniture_kind(first)
        if kind == "original_url":
            rest = first.split(":", 1)[1].strip()
            lines = ([rest] if rest else []) + [line for _, line in block[1:]]
            furniture.append((kind, _join_url(lines)))
            continue
        if kind == "link" and all(re.match(r"^\s*\S+\s*$", line) for _, line in block):
            furniture.append((kind, _join_url([line for _, line in block])))
            continue
        if kind in ("related", "byline", "photo") and len(block) <= 3:
            furniture.append((kind, " ".join(line.strip() for _, line in block)))
            continue
        if dateline is None and len(out.chars) == 0:
            dateline = _dateline(first.strip())
        if out.chars:
            out.add_at("\n\n", block[0][0] - 1)
        _add_paragraph(out, block)
    text = "".join(out.chars)
    return Cleaned(text, tuple(out.offsets), tuple(furniture), dateline)


def _add_paragraph(out: _Builder, block: list[tuple[int, str]]) -> None:
    pending_hyphen = False
    for n, (pos, line) in enumerate(block):
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        start = pos + lead
        if n and not pending_hyphen:
            out.add_at(" ", pos - 1)
        if pending_hyphen:
            # the previous line ended in "word-": decide how the halves join
            prev_word = re.search(r"([A-Za-z]+)$", "".join(out.chars[-1:]))
            next_word = re.match(r"[A-Za-z]+[^\s]*", body)
            left = prev_word.group(1) if prev_word else ""
            right = next_word.group(0) if next_word else ""
            if left and right and join_hyphenated(left, right).count("-") > (left + right).count("-"):
                out.add_at("-", pos - 2)
        pending_hyphen = False
        if len(body) > 1 and body.endswith("-") and body[-2].isalpha() and n + 1 < len(block):
            nxt = block[n + 1][1].lstrip()
            if nxt[:1].isalpha() and nxt[:1].islower():
                body = body[:-1]
                pending_hyphen = True
        # split the chunk so that the last word is its own item (read back when mending)
        m = re.search(r"[A-Za-z]+$", body) if pending_hyphen else None
        if m:
            out.add(body[: m.start()], start)
            out.add(body[m.start():], start + m.start())
        else:
            out.add(body, start)


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise EmptyInputError("empty: no text to read", source=origin)
    if b"\x00" in data[:8192]:
        raise BinaryInputError("binary file, not text (a PDF or a document must be converted to text first)",
                               source=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingError(f"not UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r}); convert it, "
                            f"e.g. iconv -f latin1 -t utf-8", source=origin) from None


def _check_text(text: str, origin: str, config: Config) -> None:
    if not text.strip():
        raise EmptyInputError("empty: no text to read", source=origin)
    words = re.findall(r"[a-z']+", text[:20000].lower())
    if len(words) >= 20:
        share = sum(w in _function_words() for w in words) / len(words)
        if share < config.min_english:
            raise LanguageError(f"not English (only {share:.0%} English function words); "
                                "detente codes English text", source=origin)


def publication_date(*, given: dt.date | None, record: str | None, url: str | None,
                     dateline: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The publication date from --date, the record, the URL or a dateline, in that order."""
    if given:
        return given, "given"
    if record:
        try:
            return dt.date.fromisoformat(str(record)[:10]), "record"
        except ValueError:
            pass
    if url:
        m = URL_IN_PATH.search(url)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "url"
            except ValueError:
                pass
    if dateline:
        return dateline, "dateline"
    return None, None


def make_article(raw: str, *, id: str, origin: str, config: Config, given_date: dt.date | None = None,
                 record_date: str | None = None, url: str | None = None, title: str | None = None,
                 source: str | None = None) -> Article:
    """Clean one raw text into an Article, or raise an InputError naming `origin`."""
    if len(raw.encode("utf-8")) > config.max_bytes:
        raise TooLargeError(_too_large(len(raw.encode("utf-8")), config), source=origin)
    cleaned = clean_text(raw)
    _check_text(cleaned.text, origin, config)
    original = next((t for k, t in cleaned.furniture if k == "original_url"), None)
    url = url or original
    date, basis = publication_date(given=given_date, record=record_date, url=url, dateline=cleaned.dateline)
    return Article(id=id, text=cleaned.text, date=date, date_basis=basis, url=url, title=title, source=source,
                   origin=origin, furniture=cleaned.furniture, offsets=cleaned.offsets, raw=raw)


def _too_large(size: int, config: Config) -> str:
    return (f"{size / 1e6:.1f} MB, over the {config.max_bytes / 1e6:.1f} MB limit for one article "
            "(split it, or raise max_bytes with --set max_bytes=N)")


def _read_jsonl(stream: IO[bytes], origin: str, config: Config,
                given_date: dt.date | None) -> Iterator[Article | Rejection]:
    any_line = False
    for n, data in enumerate(stream, 1):
        if not data.strip():
            continue
        any_line = True
        where = f"{origin}:{n}"
        try:
            line = _decode(data, where)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise RecordError(f"not JSON ({e.msg} at column {e.colno})", source=origin, line=n) from None
            if not isinstance(rec, dict):
                raise RecordError("not a JSON object", source=origin, line=n)
            text = rec.get("text")
            if not isinstance(text, str):
                raise RecordError('no "text" string in the record', source=origin, line=n)
            rid = str(rec.get("id") or f"{Path(origin).stem}-{n}")
            yield make_article(text, id=rid, origin=where, config=config, given_date=given_date,
                               record_date=rec.get("date"), url=rec.get("url"), title=rec.get("title"),
                               source=rec.get("source"))
        except InputError as e:
            yield Rejection(origin=where, reason=e.reason, message=str(e))
    if not any_line:
        yield Rejection(origin=origin, reason="empty", message=f"{origin}: empty: no records to read")


def _read_file(path: Path, config: Config, given_date: dt.date | None) -> Iterator[Article | Rejection]:
    origin = str(path)
    kind = SUFFIXES.get(path.suffix.lower(), "text")
    try:
        if kind == "jsonl":
            with open(path, "rb") as f:
                yield from _read_jsonl(f, origin, config, given_date)
            return
        size = path.stat().st_size
        if size > config.max_bytes:
            raise TooLargeError(_too_large(size, config), source=origin)
        raw = _decode(path.read_bytes(), origin)
        yield make_article(raw, id=path.stem, origin=origin, config=config, given_date=given_date)
    except InputError as e:
        yield Rejection(origin=origin, reason=e.reason, message=str(e), id=path.stem)
    except OSError as e:
        yield Rejection(origin=origin, reason="unreadable", message=f"{origin}: cannot read ({e.strerror})")


def _read_stdin(stream: IO[bytes], config: Config, given_date: dt.date | None) -> Iterator[Article | Rejection]:
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from _read_jsonl(io.BytesIO(data), "<stdin>", config, given_date)
        return
    try:
        raw = _decode(data, "<stdin>")
        yield make_article(raw, id="stdin", origin="<stdin>", config=config, given_date=given_date)
    except InputError as e:
        yield Rejection(origin="<stdin>", reason=e.reason, message=str(e), id="stdin")


def read_articles(inputs: Iterable[str | Path], *, config: Config | None = None, date: dt.date | None = None,
                  stdin: IO[bytes] | None = None) -> Iterator[Article | Rejection]:
    """Every article in `inputs` (files, directories, '-'), or a Rejection with its reason."""
    config = config or Config()
    for item in inputs:
        if str(item) == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, config, date)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if child.suffix.lower() in SUFFIXES:
                    yield from _read_file(child, config, date)
                else:
                    yield Rejection(origin=str(child), reason="unsupported",
                                    message=f"{child}: not a .txt or .jsonl file; skipped")
        elif path.exists():
            yield from _read_file(path, config, date)
        else:
            yield Rejection(origin=str(path), reason="missing", message=f"{path}: no such file or directory")
