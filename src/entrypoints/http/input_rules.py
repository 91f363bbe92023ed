"""What the edge refuses in any text or JSON input before it reaches a use case, an upstream or Postgres.

- Control characters (NUL, escape, DEL, C1 controls) in any string of a JSON body, and in path or query
  parameters: Postgres refuses NUL in text outright, and the others corrupt logs, CSV exports and upstream
  records. Line breaks and tabs stay allowed in bodies (case descriptions are multi-line), not in parameters.
- JSON nested deeper than `MAX_JSON_DEPTH` (decoding recurses per level) or holding more than `MAX_JSON_VALUES`
  values (each becomes a Python object: a body of `[[],[],...]` decodes into 24 times its size). Both are checked
  on the raw bytes before decoding, so a decoded body costs at most about twice its size.

Each refusal is a 400 problem (a contract violation, like a schema violation) naming the field (its JSON path as
the client wrote it) with a stable code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from application.errors import ContractViolationError

MAX_JSON_DEPTH = 32  # our deepest body (an order's SIM port-in holder) nests 4 levels
MAX_JSON_VALUES = 1000  # our fullest body (an order of 24 items) holds about 100
_BODY_TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_PARAMETER_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BRACKETS = re.compile(rb"[\[\]{}]")
_STRINGS = re.compile(rb'"(?:[^"\\]++|\\.)*+"')


class ControlCharactersError(ContractViolationError):
    code = "CONTROL_CHARACTERS"
    default_message = "Text may not contain control characters."


class JsonTooDeepError(ContractViolationError):
    code = "JSON_TOO_DEEP"
    default_message = f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels."


class JsonTooManyValuesError(ContractViolationError):
    code = "JSON_TOO_MANY_VALUES"
    default_message = f"The JSON body holds more than {MAX_JSON_VALUES} values."


def _refuse(field: str) -> ControlCharactersError:
    return ControlCharactersError(fields={field or "body": "contains a control character"})


def check_json_shape(body: bytes, *, max_depth: int = MAX_JSON_DEPTH, max_values: int = MAX_JSON_VALUES) -> None:
    """Raise when `body` nests more than `max_depth` arrays/objects or holds more than `max_values` values."""
    containers = body.count(b"[") + body.count(b"{")
    if containers <= max_depth and containers + body.count(b",") < max_values:
        return  # the common case: two C-speed counts bound both, whatever the strings hold
    skeleton = _STRINGS.sub(b'""', body)  # brackets and commas inside strings are text, not structure
    brackets = _BRACKETS.findall(skeleton)
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in b"[{" else -1
        if depth > max_depth:
            raise JsonTooDeepError(fields={"body": f"nests deeper than {max_depth} levels"})
    if len(brackets) // 2 + skeleton.count(b",") >= max_values:
        raise JsonTooManyValuesError(fields={"body": f"holds more than {max_values} values"})


def check_json_text(value: Any, path: str = "") -> None:
    """Raise ControlCharactersError naming the first string (value or key) of decoded JSON that holds one."""
    if isinstance(value, str):
        if _BODY_TEXT_FORBIDDEN.search(value):
            raise _refuse(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if _BODY_TEXT_FORBIDDEN.search(str(key)):
                raise _refuse(path)
            check_json_text(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json_text(item, f"{path}[{index}]")


def check_parameters(parameters: Mapping[str, Any]) -> None:
    """Path or query parameters: no control characters at all (they are single-line by nature)."""
    for name, value in parameters.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and _PARAMETER_FORBIDDEN.search(v) for v in values):
            raise _refuse(name)
