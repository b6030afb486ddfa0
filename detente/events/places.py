"""Event locations from an offline gazetteer (GeoNames cities and capitals)."""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..actors.dictionary import phrase_key


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    population: int
    capital: bool

    def as_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], list[Place]]:
    """Places by name key, most populous first."""
    data = gzip.decompress(resources.files("detente.data").joinpath("gazetteer.tsv.gz").read_bytes())
    places: dict[tuple[str, ...], list[Place]] = {}
    for line in data.decode("utf-8").splitlines()[1:]:
        name, country, lat, lon, pop, capital = line.split("\t")
        places.setdefault(phrase_key(name), []).append(
            Place(name, country, float(lat), float(lon), int(pop), capital == "1"))
    return places


@lru_cache(maxsize=1)
def _countries() -> dict[tuple[str, ...], str]:
    text = resources.files("detente.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    return {phrase_key(row.split("\t")[1]): row.split("\t")[0] for row in text.splitlines()[1:]}


def find_place(name: str, prefer: Iterable[str] = ()) -> Place | None:
    """The gazetteer entry for `name`, preferring the given countries, then capitals, then size."""
    candidates = gazetteer().get(phrase_key(name))
    if not candidates:
        return None
    preferred = set(prefer)
    return max(candidates, key=lambda p: (p.country in preferred, p.capital, p.population))


def country_place(name: str) -> str | None:
    """The ISO code when `name` is a country's name."""
    return _countries().get(phrase_key(name))
