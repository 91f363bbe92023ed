"""How WHMCS reads a request: PHP bracket arrays, its key filter, HTML-encoding on input, PHP truthiness."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from typing import Any

# Control parameters are read raw; `password2` and `accesskey` are restored to raw form after encoding.
RAW_KEYS = frozenset(
    {"action", "responsetype", "identifier", "secret", "username", "password", "accesskey", "password2"}
)
_KEY_OK = re.compile(r"^[A-Za-z0-9]*$")
_BRACKETS = re.compile(r"\[([^\]]*)\]")


class InvalidRequestInputError(Exception):
    """WHMCS answers a request carrying the key `sqltype` with "Invalid request input."."""


def _key_allowed(key: str) -> bool:
    return bool(_KEY_OK.match(re.sub(r"[_\-. ]", "", key)))


def encode_stored(value: str) -> str:
    """htmlspecialchars(ENT_QUOTES) with NULs stripped: how every non-numeric input string is stored."""
    value = value.replace("\x00", "")
    if _is_numeric(value):
        return value
    return html.escape(value, quote=True).replace("&#x27;", "&#039;")


def _is_numeric(value: str) -> bool:
    return bool(re.fullmatch(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", value))


class Params:
    """Request parameters after PHP's parsing: scalars and (nested) arrays keyed by strings."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.values: dict[str, Any] = {}
        for raw_key, raw_value in pairs:
            base, _, rest = raw_key.partition("[")
            parts = [base, *_BRACKETS.findall("[" + rest)] if rest else [base]
            if not all(_key_allowed(p) for p in parts if p):
                continue  # WHMCS drops such keys silently, at any depth
            if base == "sqltype":
                raise InvalidRequestInputError
            value = raw_value if base in RAW_KEYS else encode_stored(raw_value)
            self._put(parts, value)

    def _put(self, parts: list[str], value: str) -> None:
        target = self.values
        for index, given in enumerate(parts):
            part = str(len(target)) if given == "" and index > 0 else given  # `k[]`: append
            if index == len(parts) - 1:
                target[part] = value
                return
            child = target.get(part)
            if not isinstance(child, dict):
                child = {}
                target[part] = child
            target = child

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else default

    def has(self, key: str) -> bool:
        return key in self.values

    def number(self, key: str, default: int = 0) -> int:
        match = re.match(r"\s*(-?\d+)", self.get(key))
        return int(match.group(1)) if match else default

    def truthy(self, key: str) -> bool:
        """PHP truthiness: "", "0" and a missing key are false; "false" is true."""
        value = self.values.get(key)
        if isinstance(value, dict):
            return bool(value)
        return value not in (None, "", "0")

    def array(self, key: str) -> list[Any]:
        """`k[]=a&k[]=b`, `k[0]=a` or a plain `k=a` (WHMCS accepts a scalar where it expects one item)."""
        value = self.values.get(key)
        if isinstance(value, dict):
            return [value[k] for k in sorted(value, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))]
        return [] if value is None else [value]


def php_unserialize_map(blob: str) -> dict[str, str]:
    """base64(serialize(array)) as AddClient/AddOrder/UpdateClientProduct take `customfields`.

    Only the flat shape those fields use (int or string keys, scalar values) is understood; anything else is
    treated as no fields, as WHMCS does with a blob it cannot unserialize.
    """
    try:
        data = base64.b64decode(html.unescape(blob), validate=True)
    except ValueError:
        return {}
    try:
        return _Unserializer(data).array()
    except (ValueError, IndexError):
        return {}


class _Unserializer:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _until(self, stop: bytes) -> bytes:
        end = self.data.index(stop, self.pos)
        chunk = self.data[self.pos : end]
        self.pos = end + 1
        return chunk

    def _expect(self, token: bytes) -> None:
        if self.data[self.pos : self.pos + len(token)] != token:
            raise ValueError(f"expected {token!r} at {self.pos}")
        self.pos += len(token)

    def scalar(self) -> str:
        kind = self.data[self.pos : self.pos + 2]
        self.pos += 2
        if kind == b"s:":
            length = int(self._until(b":"))  # bytes, not characters: PHP strings are byte strings
            self._expect(b'"')
            text = self.data[self.pos : self.pos + length].decode("utf-8")
            self.pos += length
            self._expect(b'";')
            return text
        if kind in (b"i:", b"d:"):
            return self._until(b";").decode()
        if kind == b"b:":
            return "1" if self._until(b";") == b"1" else ""
        if kind == b"N;":
            return ""
        raise ValueError(f"unsupported PHP type {kind!r}")

    def array(self) -> dict[str, str]:
        self._expect(b"a:")
        count = int(self._until(b":"))
        self._expect(b"{")
        result: dict[str, str] = {}
        for _ in range(count):
            key = self.scalar()
            result[key] = self.scalar()
        self._expect(b"}")
        return result
