"""Output formats for events: JSON Lines, flat CSV, the GDELT 2.0 event table, PLOVER records."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from ..model import Event

CSV_FIELDS = ["event_id", "doc_id", "source_code", "source_country", "source_role", "source_name", "source_text",
              "target_code", "target_country", "target_role", "target_name", "target_text", "cameo", "cameo_name",
              "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context", "modality", "date",
              "date_basis", "location_name", "location_country", "location_lat", "location_lon", "evidence_text",
              "evidence_start", "evidence_end", "confidence"]

# GDELT 2.0 event table columns, in order (GDELT Event Codebook V2.0).
GDELT_FIELDS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]


def flat(event: dict) -> dict:
    """An event record flattened into CSV columns."""
    src, tgt = event.get("source") or {}, event.get("target") or {}
    loc = event.get("location") or {}
    plover = event.get("plover") or {}
    ev0 = (event.get("evidence") or [{}])[0]
    return {
        "event_id": event["event_id"], "doc_id": event["doc_id"],
        "source_code": src.get("code"), "source_country": src.get("country"), "source_role": src.get("role"),
        "source_name": src.get("name"), "source_text": src.get("text"),
        "target_code": tgt.get("code"), "target_country": tgt.get("country"), "target_role": tgt.get("role"),
        "target_name": tgt.get("name"), "target_text": tgt.get("text"),
        "cameo": event["cameo"], "cameo_name": event["cameo_name"], "quad_class": event["quad_class"],
        "goldstein": event["goldstein"], "plover_type": plover.get("type"), "plover_mode": plover.get("mode"),
        "plover_context": ";".join(plover.get("context") or []), "modality": event["modality"],
        "date": event["date"], "date_basis": event["date_basis"], "location_name": loc.get("name"),
        "location_country": loc.get("country"), "location_lat": loc.get("lat"), "location_lon": loc.get("lon"),
        "evidence_text": ev0.get("text"), "evidence_start": ev0.get("start"), "evidence_end": ev0.get("end"),
        "confidence": event["confidence"],
    }


def _first_day(date: str | None, fallback: str | None) -> str:
    for value in (date, fallback):
        if value:
            start = value.split("/")[0]
            parts = (start.split("-") + ["01", "01"])[:3]
            return "".join(p.zfill(2) for p in parts)
    return ""


def gdelt_row(event: dict, number: int, *, url: str | None = None, added: str | None = None) -> list[str]:
    """The GDELT 2.0 event table row of one event."""
    day = _first_day(event.get("date"), added)
    src, tgt = event.get("source") or {}, event.get("target") or {}
    loc = event.get("location") or {}
    code = event["cameo"]
    frac = ""
    if len(day) == 8:
        frac = f"{int(day[:4]) + (int(day[4:6]) * 30 + int(day[6:8])) / 365:.4f}"
    row = {
        "GLOBALEVENTID": str(number), "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4], "FractionDate": frac,
        "Actor1Code": src.get("code") or "", "Actor1Name": (src.get("name") or src.get("text") or "").upper(),
        "Actor1CountryCode": src.get("country") or "", "Actor1Type1Code": src.get("role") or "",
        "Actor2Code": tgt.get("code") or "", "Actor2Name": (tgt.get("name") or tgt.get("text") or "").upper(),
        "Actor2CountryCode": tgt.get("country") or "", "Actor2Type1Code": tgt.get("role") or "",
        "IsRootEvent": "1" if (event.get("evidence") or [{}])[0].get("sentence", 1) == 0 else "0",
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
        "QuadClass": str(event["quad_class"]), "GoldsteinScale": str(event["goldstein"]),
        "NumMentions": str(len(event.get("evidence") or [])), "NumSources": str(event.get("num_sources", 1)),
        "NumArticles": str(event.get("num_articles", 1)), "AvgTone": "",
        "ActionGeo_Type": "4" if loc.get("lat") is not None else ("1" if loc else ""),
        "ActionGeo_FullName": loc.get("name") or "", "ActionGeo_CountryCode": loc.get("country") or "",
        "ActionGeo_Lat": "" if loc.get("lat") is None else str(loc["lat"]),
        "ActionGeo_Long": "" if loc.get("lon") is None else str(loc["lon"]),
        "DATEADDED": (added or "").replace("-", "") + ("000000" if added else ""), "SOURCEURL": url or "",
    }
    return [row.get(f, "") for f in GDELT_FIELDS]


def plover_record(event: dict) -> dict:
    """A POLECAT-style PLOVER record of one event."""
    src, tgt = event.get("source") or {}, event.get("target") or {}
    plover = event.get("plover") or {}
    loc = event.get("location")
    return {
        "id": event["event_id"], "doc_id": event["doc_id"], "date": event.get("date"),
        "event_type": plover.get("type"), "event_mode": plover.get("mode"),
        "context": plover.get("context") or [],
        "actor": {"code": src.get("code"), "country": src.get("country"), "sector": src.get("role"),
                  "name": src.get("name"), "text": src.get("text")} if src else None,
        "recipient": {"code": tgt.get("code"), "country": tgt.get("country"), "sector": tgt.get("role"),
                      "name": tgt.get("name"), "text": tgt.get("text")} if tgt else None,
        "location": loc, "modality": event["modality"], "cameo": event["cameo"],
        "event_text": (event.get("evidence") or [{}])[0].get("text"), "confidence": event["confidence"],
    }


def write_events(events: Iterable[Event], out: IO[str], fmt: str, *, header: bool = True,
                 urls: dict[str, str | None] | None = None, start: int = 1) -> int:
    """Write events in `fmt` (jsonl, csv, gdelt or plover); returns how many."""
    return write_event_dicts((e.as_dict() for e in events), out, fmt, header=header, urls=urls, start=start)


def write_event_dicts(events: Iterable[dict], out: IO[str], fmt: str, *, header: bool = True,
                      urls: dict[str, str | None] | None = None, start: int = 1) -> int:
    """Write events given as their records (`Event.as_dict`) in `fmt`; returns how many."""
    n = 0
    writer = None
    for n, d in enumerate(events, start):
        if fmt == "jsonl":
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        elif fmt == "plover":
            out.write(json.dumps(plover_record(d), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
                if header:
                    writer.writeheader()
            writer.writerow(flat(d))
        elif fmt == "gdelt":
            url = (urls or {}).get(d["doc_id"])
            out.write("\t".join(gdelt_row(d, n, url=url)) + "\n")
        else:
            raise ValueError(f"unknown format {fmt!r}")
    return max(n - start + 1, 0)
