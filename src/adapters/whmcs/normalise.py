"""The one place WHMCS's loose wire types become plain values.

WHMCS sends ids as ints or numeric strings (mixed within one response), money as decimal strings, booleans
in half a dozen spellings, empty collections as `[]`, `""`, `{}` or a missing key, dates as naive local
times with `0000-00-00` for "none", and display text HTML-encoded.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

_TRUE = frozenset({"1", "true", "on", "yes"})


def to_int(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return int(str(value).strip())


def to_optional_int(value: Any) -> int | None:
    """None for the ways WHMCS says "no id": null, "", 0 and "0"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = to_int(value)
    return number or None


def to_decimal(value: Any) -> Decimal:
    if value is None or value == "":
        return Decimal("0.00")
    try:
        return Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal: {value!r}") from exc


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def text(value: Any) -> str:
    """A display string, HTML entities decoded (WHMCS encodes every stored string on input)."""
    if value is None:
        return ""
    return html.unescape(str(value))


def to_date(value: Any) -> dt.date | None:
    raw = str(value or "").strip()[:10]
    if not raw or raw.startswith("0000-00-00"):
        return None
    return dt.date.fromisoformat(raw)


def to_datetime(value: Any, zone: ZoneInfo) -> dt.datetime | None:
    """A server-local `Y-m-d H:i:s` (or a bare date, read as midnight) made timezone-aware."""
    raw = str(value or "").strip()
    if not raw or raw.startswith("0000-00-00"):
        return None
    parsed = dt.datetime.fromisoformat(raw)
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed


def items(value: Any, key: str) -> list[dict[str, Any]]:
    """A WHMCS collection as a list: `{"key": [...]}`, `{"key": {...}}`, `[...]`, or any empty shape."""
    if value is None or value in ("", [], {}):
        return []
    if isinstance(value, dict):
        if key not in value:
            return [value]  # a single object where a list was expected (XML-to-JSON proxies do this)
        inner = value[key]
        if inner is None or inner in ("", []):
            return []
        return [inner] if isinstance(inner, dict) else [row for row in inner if isinstance(row, dict)]
    if isinstance(value, list):
        return [row for row in value if isinstance(row, dict)]
    return []


def csv_ids(value: Any) -> tuple[int, ...]:
    """AddOrder's "11,12" id lists (also tolerates a JSON list or a single number)."""
    if isinstance(value, list):
        return tuple(to_int(v) for v in value)
    return tuple(to_int(part) for part in str(value or "").split(",") if part.strip())
