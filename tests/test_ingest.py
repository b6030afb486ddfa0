from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.ingest import clean_text, join_hyphenated, publication_date, read_articles
from detente.model import Article, Rejection


@pytest.mark.parametrize(
    "left,right,expected",
    [
        ("diplo", "matic", "diplomatic"),
        ("re", "establishment", "re-establishment"),
        ("co", "operation", "cooperation"),
        ("govern", "ment", "government"),
        ("negoti", "ations", "negotiations"),
        ("self", "defense", "self-defense"),
        ("well", "known", "well-known"),
        ("ex", "president", "ex-president"),
    ],
)
def test_ingest_join_hyphenated(left, right, expected):
    assert join_hyphenated(left, right) == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("The talks were diplo-\nmatic in tone.", "The talks were diplomatic in tone."),
        ("A re-\nestablishment of ties.", "A re-establishment of ties."),
        ("Line one\nline two.\n\nNext para.", "Line one line two.\n\nNext para."),
        ("  Leading space\n trailing words. \n", "Leading space trailing words."),
        ("A year-\n2011 number stays.", "A year- 2011 number stays."),
    ],
)
def test_ingest_clean_text_joins_lines(raw, expected):
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(
    "raw,kind,value",
    [
        ("Body text here.\n\nRelated article: Something Else Happened\n", "related",
         "Related article: Something Else Happened"),
        ("Body.\n\nOriginal url:\nhttps://example.org/2021/05/04/a-long-\nslug-x1\n", "original_url",
         "https://example.org/2021/05/04/a-long-slug-x1"),
        ("By Jane Doe\n\nBody text.", "byline", "By Jane Doe"),
        ("Body.\n\nPhoto: Some Agency / Someone\n\nMore body.", "photo", "Photo: Some Agency / Someone"),
        ("Body.\n\nhttps://example.org/other-story\n", "link", "https://example.org/other-story"),
    ],
)
def test_ingest_clean_text_sets_furniture_aside(raw, kind, value):
    cleaned = clean_text(raw)
    assert (kind, value) in cleaned.furniture
    assert value not in cleaned.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh -\n.,'", min_size=0, max_size=40), min_size=1, max_size=8))
def test_ingest_offsets_map_back_to_raw(lines):
    raw = "\n".join(lines)
    cleaned = clean_text(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    for ch, off in zip(cleaned.text, cleaned.offsets):
        assert 0 <= off < max(len(raw), 1)
        if ch not in " -\n":
            assert raw[off] == ch


@pytest.mark.parametrize(
    "given,record,url,dateline,expected",
    [
        (dt.date(2020, 1, 2), "2021-01-01", None, None, (dt.date(2020, 1, 2), "given")),
        (None, "2021-01-01", "https://x.org/2019/03/04/y", None, (dt.date(2021, 1, 1), "record")),
        (None, None, "https://x.org/2019/03/04/y", None, (dt.date(2019, 3, 4), "url")),
        (None, None, None, dt.date(2018, 7, 1), (dt.date(2018, 7, 1), "dateline")),
        (None, None, "https://x.org/no/date", None, (None, None)),
    ],
)
def test_ingest_publication_date_order(given, record, url, dateline, expected):
    assert publication_date(given=given, record=record, url=url, dateline=dateline) == expected


def test_ingest_dateline_date():
    (article,) = read_articles_from_text("ANKARA, March 3, 2021 - The Turkish government said on Monday that it "
                                         "was ready to talk with its neighbours about the border and the trade.")
    assert article.date == dt.date(2021, 3, 3) and article.date_basis == "dateline"


def read_articles_from_text(text: str, name: str = "a.txt", tmp=None):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    (folder / name).write_text(text, encoding="utf-8")
    return list(read_articles([folder / name]))


ENGLISH = ("The foreign minister said on Tuesday that the two governments would meet in the capital next week "
           "to discuss the border and the trade agreement that both sides signed last year.")


@pytest.mark.parametrize(
    "name,content,reason,needle",
    [
        ("empty.txt", b"", "empty", "empty"),
        ("blank.txt", b"   \n\n  ", "empty", "empty"),
        ("binary.txt", b"%PDF-1.4\x00\x01\x02binary", "binary", "binary"),
        ("latin1.txt", "Caf\xe9 talks in Paris ended.".encode("latin-1"), "encoding", "not UTF-8"),
        ("french.txt", ("Le ministre des affaires étrangères a déclaré mardi que les deux gouvernements se "
                        "réuniraient dans la capitale la semaine prochaine pour discuter de la frontière.").encode(),
         "not-english", "not English"),
    ],
)
def test_ingest_bad_file_is_rejected_with_reason(tmp_path, name, content, reason, needle):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    items = list(read_articles([tmp_path / name, tmp_path / "good.txt"]))
    rejected = [i for i in items if isinstance(i, Rejection)]
    read = [i for i in items if isinstance(i, Article)]
    assert len(rejected) == 1 and len(read) == 1
    assert rejected[0].reason == reason
    assert name in rejected[0].message and needle in rejected[0].message
    assert "\n" not in rejected[0].message


def test_ingest_large_file_is_rejected(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write((ENGLISH + "\n").encode() * (50_000_000 // (len(ENGLISH) + 1) + 1))
    assert big.stat().st_size >= 50_000_000
    (rejected,) = list(read_articles([big]))
    assert isinstance(rejected, Rejection) and rejected.reason == "too-large"
    assert "big.txt" in rejected.message and "MB" in rejected.message


def test_ingest_jsonl_broken_line_does_not_stop_the_batch(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "date": "2022-01-05"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "d", "text": ENGLISH, "url": "https://n.org/2020/02/03/x"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "d"]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert all(str(path) in r.message for r in rejected)
    dates = {i.id: i.date for i in items if isinstance(i, Article)}
    assert dates == {"a": dt.date(2022, 1, 5), "d": dt.date(2020, 2, 3)}


def test_ingest_directory_and_stdin(tmp_path):
    import io

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["one"]
    assert [i.reason for i in items if isinstance(i, Rejection)] == ["unsupported"]
    (article,) = list(read_articles(["-"], stdin=io.BytesIO(ENGLISH.encode())))
    assert article.id == "stdin"
    stream = io.BytesIO((json.dumps({"id": "x", "text": ENGLISH}) + "\n").encode())
    (article,) = list(read_articles(["-"], stdin=stream))
    assert article.id == "x"


def test_ingest_missing_file(tmp_path):
    (rejected,) = list(read_articles([tmp_path / "nope.txt"]))
    assert rejected.reason == "missing" and "nope.txt" in rejected.message


def test_ingest_seed_article(seed_article):
    text = seed_article.text
    assert "re-establishment" in text
    assert "Related article" not in text
    assert "Original url" not in text and "https://" not in text
    # the URL broken across lines in the raw file comes out whole, and dates the article
    assert seed_article.url.startswith("https://www.") and seed_article.url.endswith("-a80501")
    assert "\n" not in seed_article.url and seed_article.url.replace("-\n", "-") in seed_article.raw.replace("\n", "")
    assert seed_article.date == dt.date(2023, 3, 15) and seed_article.date_basis == "url"
    related = [t for k, t in seed_article.furniture if k == "related"]
    assert len(related) == 1 and related[0].startswith("Related article: ") and related[0] in seed_article.raw
    start = text.index("re-establishment")
    a, b = seed_article.raw_span(start, start + len("re-establishment"))
    assert seed_article.raw[a:b] == "re-\nestablishment"
