"""detente: political event data from news text."""
from __future__ import annotations

from .config import Config, load_config
from .errors import DetenteError
from .ingest import clean_text, read_articles
from .model import Actor, Article, Event, Mention, Rejection

__all__ = [
    "Actor",
    "Article",
    "Config",
    "DetenteError",
    "Event",
    "Mention",
    "Rejection",
    "clean_text",
    "load_config",
    "read_articles",
]
__version__ = "0.1.0"
