"""Reading Salesforce REST record JSON into plain Python values, and guarding the ids we put in SOQL."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from simple_salesforce.api import Salesforce, SFType

from application.errors import NotFoundError

_ID = re.compile(r"^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")


def require_id(value: str) -> str:
    """A record id as Salesforce writes them; anything else cannot name a record (so: not found)."""
    if not _ID.match(value) or (len(value) == 18 and id18(value[:15]) != value[:15] + value[15:].upper()):
        raise NotFoundError()
    return value


def id18(record_id: str) -> str:
    """The 18-character form Salesforce answers with (the 15-character form plus its case-safe suffix)."""
    if len(record_id) != 15:
        return record_id
    suffix = ""
    for start in range(0, 15, 5):
        bits = sum(1 << i for i, c in enumerate(record_id[start : start + 5]) if "A" <= c <= "Z")
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return record_id + suffix


def text(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return None if value is None else str(value)


def flag(record: dict[str, Any], name: str) -> bool:
    return bool(record.get(name))


def money(record: dict[str, Any], name: str) -> Decimal:
    value = record.get(name)
    return Decimal(str(value)) if value is not None else Decimal(0)


def whole(record: dict[str, Any], name: str) -> int | None:
    value = record.get(name)
    return None if value is None else int(value)


def instant(record: dict[str, Any], name: str) -> dt.datetime | None:
    value = record.get(name)
    return None if value is None else dt.datetime.fromisoformat(str(value))


def day(record: dict[str, Any], name: str) -> dt.date | None:
    value = record.get(name)
    return None if value is None else dt.date.fromisoformat(str(value))


def parent(record: dict[str, Any], relationship: str) -> dict[str, Any]:
    """A parent relationship's fields, or an empty mapping when the lookup is empty."""
    value = record.get(relationship)
    return value if isinstance(value, dict) else {}


def children(record: dict[str, Any], relationship: str) -> list[dict[str, Any]]:
    """A child subquery's records; Salesforce sends null rather than an empty list."""
    value = record.get(relationship)
    return list(value.get("records", [])) if isinstance(value, dict) else []


def sku_list(record: dict[str, Any], name: str) -> tuple[str, ...]:
    raw = record.get(name)
    if not raw:
        return ()
    try:
        parsed = json.loads(str(raw))
    except ValueError:
        return tuple(s.strip() for s in str(raw).split(";") if s.strip())
    return tuple(str(s) for s in parsed) if isinstance(parsed, list) else ()


def sobject(sf: Salesforce, name: str) -> SFType:
    """`sf.Order`, typed."""
    handle = sf.__getattr__(name)
    assert isinstance(handle, SFType)
    return handle
