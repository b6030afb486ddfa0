"""Errors raised by detente.

    DetenteError                  the base of every error detente raises
    ├── ConfigError               a configuration file or --set value is wrong
    ├── ModelError                the spaCy pipeline cannot be loaded
    ├── InputError                an input record cannot be read (file and record named)
    │   ├── EmptyInputError       nothing to read
    │   ├── BinaryInputError      not text
    │   ├── EncodingError         not UTF-8
    │   ├── RecordError           a JSON Lines record is broken or lacks its text
    │   ├── LanguageError         not English
    │   └── TooLargeError         larger than the configured limit
    └── StoreError                the event store cannot be opened or written
"""
from __future__ import annotations


class DetenteError(Exception):
    """The base of every error detente raises."""


class ConfigError(DetenteError):
    """A configuration value is wrong."""


class ModelError(DetenteError):
    """The spaCy pipeline cannot be loaded."""


class InputError(DetenteError):
    """An input record cannot be read; `source` and `line` say where."""

    reason = "unreadable"

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}" if where else message)
        self.detail = message


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "encoding"


class RecordError(InputError):
    reason = "bad-record"


class LanguageError(InputError):
    reason = "not-english"


class TooLargeError(InputError):
    reason = "too-large"


class StoreError(DetenteError):
    """The event store cannot be opened or written."""
