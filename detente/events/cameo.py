"""CAMEO event codes with their names, Goldstein scores, quad classes and PLOVER equivalents."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str
    plover_context: tuple[str, ...]

    def plover(self) -> dict:
        return {"type": self.plover_type or None, "mode": self.plover_mode or None,
                "context": list(self.plover_context)}


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code detente knows (detente/data/cameo.tsv)."""
    text = resources.files("detente.data").joinpath("cameo.tsv").read_text(encoding="utf-8")
    table: dict[str, CameoCode] = {}
    for line in text.splitlines()[1:]:
        code, name, goldstein, quad, ptype, mode, context = line.split("\t")
        table[code] = CameoCode(code, name, float(goldstein), int(quad), ptype, mode,
                                tuple(c for c in context.split() if c))
    return table


def describe(code: str) -> CameoCode:
    """The code's entry, falling back to its three- and two-digit parents."""
    table = cameo_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            found = table[key]
            return found if key == code else CameoCode(code, found.name, found.goldstein, found.quad_class,
                                                       found.plover_type, found.plover_mode, found.plover_context)
    root = int(code[:2]) if code[:2].isdigit() else 1
    quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return CameoCode(code, "", 0.0, quad, "", "", ())
