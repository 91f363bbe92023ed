"""SOQL quoted-string escapes: `\\' \\" \\\\ \\n \\r \\t \\b \\f \\uXXXX`, plus `\\%` and `\\_` inside LIKE only."""

from __future__ import annotations

from sandbox.salesforce.errors import malformed_query
from sandbox.salesforce.soql.nodes import LikePattern

_SIMPLE = {"'": "'", '"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _tokens(quoted: str, *, like: bool) -> list[tuple[str, bool]]:
    """(text, is_wildcard) pieces of a quoted literal, escapes resolved."""
    body = quoted[1:-1]
    pieces: list[tuple[str, bool]] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            pieces.append((char, like and char in "%_"))
            i += 1
            continue
        code = body[i + 1]  # the grammar guarantees a character after every backslash
        if code in _SIMPLE:
            pieces.append((_SIMPLE[code], False))
            i += 2
        elif code == "u" and _is_hex4(body[i + 2 : i + 6]):
            pieces.append((chr(int(body[i + 2 : i + 6], 16)), False))
            i += 6
        elif like and code in "%_":
            pieces.append((code, False))
            i += 2
        else:
            raise malformed_query(
                f"Invalid string literal {quoted}. Illegal character sequence '\\{code}' in string literal."
            )
    return pieces


def _is_hex4(text: str) -> bool:
    return len(text) == 4 and all(c in "0123456789abcdefABCDEF" for c in text)


def unquote(quoted: str) -> str:
    return "".join(text for text, _ in _tokens(quoted, like=False))


def like_pattern(quoted: str) -> LikePattern:
    parts: list[str] = []
    wildcards: set[int] = set()
    for text, is_wildcard in _tokens(quoted, like=True):
        if is_wildcard:
            wildcards.add(len(parts))
            parts.append(text)
        elif parts and len(parts) - 1 not in wildcards:
            parts[-1] += text
        else:
            parts.append(text)
    return LikePattern(tuple(parts), frozenset(wildcards))
