"""How WHMCS writes a response: PHP's json_encode flags, XML and NVP, local dates, decimal strings."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

# JSON_HEX_TAG|JSON_HEX_APOS|JSON_HEX_AMP|JSON_HEX_QUOT|JSON_UNESCAPED_SLASHES, ASCII only.
_HEX = {"<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "'": "\\u0027", '\\"': "\\u0022"}
_HEXABLE = re.compile(r'\\\\|\\"|[<>&\']')  # an escaped backslash is consumed whole, so `\\"` stays intact


def json_body(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
    return _HEXABLE.sub(lambda m: _HEX.get(m.group(0), m.group(0)), text).encode("ascii")


def nvp_body(document: dict[str, Any]) -> bytes:
    """The deprecated name=value;... format: scalars only (WHMCS refuses it for structured actions)."""
    return ";".join(f"{k}={v}" for k, v in document.items() if not isinstance(v, dict | list)).encode()


def xml_body(action: str, document: dict[str, Any]) -> bytes:
    def element(name: str, value: Any) -> str:
        if isinstance(value, dict):
            return f"<{name}>{''.join(element(k, v) for k, v in value.items())}</{name}>"
        if isinstance(value, list):
            return "".join(element(name, item) for item in value)
        text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        return f"<{name}>{escape(text)}</{name}>"

    inner = "".join(element(k, v) for k, v in {"action": action, **document}.items())
    return f'<?xml version="1.0" encoding="utf-8"?>\n<whmcsapi version="8.12.0">{inner}</whmcsapi>'.encode()


def money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def rate(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.001'))}"


def day(value: date | None) -> str:
    return value.isoformat() if value else "0000-00-00"


def moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "0000-00-00 00:00:00"


def display_money(value: Decimal, *, prefix: str = "¥", suffix: str = " JPY") -> str:
    """Currency format 4 (`1,234`), as GetClientsDetails stats and GetOrders lines print amounts."""
    return f"{prefix}{value.quantize(Decimal('1')):,}{suffix}"
