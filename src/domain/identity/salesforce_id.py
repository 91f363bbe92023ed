from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidSalesforceIdError

_ID = re.compile(r"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")
_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def _case_suffix(id15: str) -> str:
    """Salesforce's case-safe suffix: one character per 5-char chunk, encoding which letters are upper case."""
    suffix = ""
    for start in range(0, 15, 5):
        bits = sum(1 << i for i, char in enumerate(id15[start : start + 5]) if "A" <= char <= "Z")
        suffix += _SUFFIX_ALPHABET[bits]
    return suffix


@dataclass(frozen=True, slots=True)
class SalesforceId:
    """A record id, always held in its 18-character case-insensitive-safe form."""

    value: str

    @classmethod
    def parse(cls, raw: str) -> SalesforceId:
        if not _ID.match(raw):
            raise InvalidSalesforceIdError("A Salesforce id has 15 or 18 letters and digits.")
        id15 = raw[:15]
        expected = id15 + _case_suffix(id15)
        if len(raw) == 18 and raw[15:].upper() != expected[15:]:
            raise InvalidSalesforceIdError("The Salesforce id's checksum does not match.")
        return cls(expected)

    @property
    def key_prefix(self) -> str:
        """The object type prefix, e.g. `001` for Account."""
        return self.value[:3]

    def __str__(self) -> str:
        return self.value
