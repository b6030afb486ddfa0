"""Event dates from the text, resolved against the publication date.

"on Wednesday" in an article of Wednesday 15 March 2023 is 2023-03-15 (a weekday that names
the publication day is that day), "on Tuesday" is 2023-03-14, "last week" is the week before
(2023-03-06/2023-03-12), "this week" the week of publication, "in December" the last
December before publication (2022-12), "in 2011" is 2011, "earlier this year" the year up
to publication. Dates are written at the precision the text supports.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Sequence

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\b|\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1}


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week(d: dt.date) -> tuple[dt.date, dt.date]:
    start = d - dt.timedelta(days=d.weekday())
    return start, start + dt.timedelta(days=6)


def resolve_date(text: str, published: dt.date | None, *, future: bool = False) -> str | None:
    """A date expression ("on Tuesday", "last week", "in December 2022") as YYYY[-MM[-DD]] or START/END.

    `future`: the event is planned or intended, so a bare weekday or month is the next one
    ("will meet on Friday" in a Wednesday article is two days later), not the last."""
    t = " ".join(text.lower().replace(",", " ").split())
    words = t.split()
    # an explicit day and month, with or without a year
    for m in DAY_MONTH.finditer(t):
        day, month_name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = MONTHS.get(month_name.rstrip("."))
        if month:
            year_m = YEAR.search(t)
            year = int(year_m.group(1)) if year_m else _year_of_month(month, published, words, future)
            if year is None:
                continue
            try:
                return _iso(dt.date(year, month, int(day)))
            except ValueError:
                continue
    year_m = YEAR.search(t)
    month = next((MONTHS[w] for w in words if w in MONTHS and (w != "may" or year_m)), None)
    if month and year_m:
        return _month(int(year_m.group(1)), month)
    if year_m:
        return year_m.group(1)
    if published is None:
        return None
    if month:
        year = _year_of_month(month, published, words, future)
        return _month(year, month) if year else None
    for w in words:
        if w in WEEKDAYS:
            target = WEEKDAYS[w]
            delta = (published.weekday() - target) % 7
            if "next" in words or future and "last" not in words and delta:
                delta = -((target - published.weekday()) % 7 or 7)
            return _iso(published - dt.timedelta(days=delta))
    if "today" in words or "tonight" in words:
        return _iso(published)
    if "yesterday" in words:
        return _iso(published - dt.timedelta(days=1))
    if "tomorrow" in words:
        return _iso(published + dt.timedelta(days=1))
    if "week" in words or "weekend" in words:
        start, end = _week(published)
        if "last" in words or "previous" in words or "past" in words:
            start, end = start - dt.timedelta(days=7), end - dt.timedelta(days=7)
        elif "next" in words:
            start, end = start + dt.timedelta(days=7), end + dt.timedelta(days=7)
        return f"{_iso(start)}/{_iso(end)}"
    if "month" in words:
        y, m = published.year, published.month
        if "last" in words or "previous" in words:
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        elif "next" in words:
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
        elif "earlier" in words:
            return f"{_iso(published.replace(day=1))}/{_iso(published)}"
        return _month(y, m)
    if "year" in words:
        if "last" in words or "previous" in words:
            return str(published.year - 1)
        if "next" in words:
            return str(published.year + 1)
        if "earlier" in words:
            return f"{published.year}-01-01/{_iso(published)}"
        return str(published.year)
    ago = re.search(r"\b(\w+)\s+(day|week|month|year)s?\s+ago\b", t)
    if ago and ago.group(1) in NUMBER_WORDS or ago and ago.group(1).isdigit():
        n = int(ago.group(1)) if ago.group(1).isdigit() else NUMBER_WORDS[ago.group(1)]
        unit = ago.group(2)
        if unit == "day":
            return _iso(published - dt.timedelta(days=n))
        if unit == "week":
            start, end = _week(published - dt.timedelta(days=7 * n))
            return f"{_iso(start)}/{_iso(end)}"
        if unit == "month":
            y, m = published.year, published.month - n
            while m < 1:
                y, m = y - 1, m + 12
            return _month(y, m)
        return str(published.year - n)
    return None


def _year_of_month(month: int, published: dt.date | None, words: Sequence[str] = (), future: bool = False) -> int | None:
    """The year of a month named without one: "last year", "next year" or "this year" say it;
    else the last such month on or before publication (the next one for a planned event)."""
    if published is None:
        return None
    if "year" in words:
        if "last" in words or "previous" in words:
            return published.year - 1
        if "next" in words:
            return published.year + 1
        if "this" in words:
            return published.year
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def date_span(value: object) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a date string covers: "2023", "2023-03", "2023-03-15", "2023-W10" or "A/B"."""
    if not value:
        return None, None
    text = str(value).strip()
    if "/" in text:
        a, b = text.split("/", 1)
        return date_span(a)[0], date_span(b)[1]
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        if len(text) == 7:
            start = dt.date(int(text[:4]), int(text[5:7]), 1)
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, following - dt.timedelta(days=1)
        if len(text) == 8 and text[5] == "W":
            start = dt.date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
            return start, start + dt.timedelta(days=6)
        day = dt.date.fromisoformat(text[:10])
        return day, day
    except ValueError:
        return None, None
