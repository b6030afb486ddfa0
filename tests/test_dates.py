from __future__ import annotations

import datetime as dt

import pytest

from detente.events.dates import resolve_date

WED = dt.date(2023, 3, 15)  # a Wednesday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Wednesday", "2023-03-15"),  # the publication day itself
        ("on Tuesday", "2023-03-14"),
        ("Thursday", "2023-03-09"),
        ("last week", "2023-03-06/2023-03-12"),
        ("this week", "2023-03-13/2023-03-19"),
        ("next week", "2023-03-20/2023-03-26"),
        ("in December", "2022-12"),
        ("March", "2023-03"),
        ("in 2011", "2011"),
        ("December 2022", "2022-12"),
        ("March 3, 2021", "2021-03-03"),
        ("3 March", "2023-03-03"),
        ("earlier this year", "2023-01-01/2023-03-15"),
        ("last month", "2023-02"),
        ("last year", "2022"),
        ("yesterday", "2023-03-14"),
        ("two years ago", "2021"),
        ("three days ago", "2023-03-12"),
        ("the weekend", "2023-03-13/2023-03-19"),
    ],
)
def test_dates_resolve_against_publication(text, expected):
    assert resolve_date(text, WED) == expected


@pytest.mark.parametrize("text", ["soon", "at the time", "later"])
def test_dates_unresolvable(text):
    assert resolve_date(text, WED) is None


def test_dates_without_publication_date_keep_absolute_ones():
    assert resolve_date("in 2014", None) == "2014"
    assert resolve_date("on Tuesday", None) is None
