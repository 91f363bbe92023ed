"""Salesforce record ids: a 3-character key prefix per object, 15 case-sensitive characters, and an 18-character
form whose 3-character suffix makes it safe for case-insensitive systems."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")
_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# The two characters after the prefix name the pod in real orgs; any fixed pair looks right.
_POD = "RO"


def case_safe_suffix(id15: str) -> str:
    suffix = ""
    for chunk_start in range(0, 15, 5):
        mask = 0
        for position, char in enumerate(id15[chunk_start : chunk_start + 5]):
            if "A" <= char <= "Z":
                mask |= 1 << position
        suffix += _SUFFIX_ALPHABET[mask]
    return suffix


def to_18(record_id: str) -> str | None:
    """The 18-character form of a well-formed id (15 or 18 characters), or None if it is not an id."""
    if not ID_PATTERN.match(record_id):
        return None
    id15 = record_id[:15]
    full = id15 + case_safe_suffix(id15)
    if len(record_id) == 18 and record_id[15:].upper() != full[15:]:
        return None
    return full


def make_id(prefix: str, number: int) -> str:
    """The `number`-th id of an object: deterministic, so seeds and tests see the same ids every run."""
    digits = ""
    remaining = number
    for _ in range(8):
        remaining, digit = divmod(remaining, 62)
        digits = _BASE62[digit] + digits
    id15 = f"{prefix}{_POD}00{digits}"
    assert len(id15) == 15
    return id15 + case_safe_suffix(id15)
