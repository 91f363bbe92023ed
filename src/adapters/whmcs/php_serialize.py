"""`base64(serialize(array))`, the encoding WHMCS wants for `customfields` (lengths in UTF-8 bytes)."""

from __future__ import annotations

import base64
from collections.abc import Mapping


def _string(value: str) -> str:
    return f's:{len(value.encode("utf-8"))}:"{value}";'


def _key(key: int | str) -> str:
    return f"i:{key};" if isinstance(key, int) else _string(key)


def serialize_fields(fields: Mapping[int, str] | Mapping[str, str]) -> str:
    body = "".join(_key(key) + _string(value) for key, value in fields.items())
    return base64.b64encode(f"a:{len(fields)}:{{{body}}}".encode()).decode("ascii")
