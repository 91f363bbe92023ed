"""Field values between JSON (what REST clients send and read) and the typed values the store keeps."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from typing import Any

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.ids import to_18
from sandbox.salesforce.schema import FieldDef, Kind

Value = str | bool | float | date | datetime | None


def _parser_error(field: FieldDef, raw: Any) -> ApiError:
    kind = type(raw).__name__
    return ApiError(
        400,
        "JSON_PARSER_ERROR",
        f"Cannot deserialize instance of {field.kind.value} from {kind} value {raw!r} "
        f"or request may be missing a required field at [line:1, column:1] ({field.name})",
    )


def parse_datetime(raw: str) -> datetime:
    text = raw.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Salesforce writes offsets without a colon (+0000); Python wants one to be optional.
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def from_json(field: FieldDef, raw: Any) -> Value:
    if raw is None:
        return None
    kind = field.kind
    if kind is Kind.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        raise _parser_error(field, raw)
    if kind in (Kind.NUMBER, Kind.CURRENCY):
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        raise _parser_error(field, raw)
    if not isinstance(raw, str):
        raise _parser_error(field, raw)
    return _from_text(field, raw)


def _from_text(field: FieldDef, raw: str) -> Value:
    kind = field.kind
    if kind is Kind.DATE:
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            raise _parser_error(field, raw) from exc
    if kind is Kind.DATETIME:
        try:
            return parse_datetime(raw)
        except ValueError as exc:
            raise _parser_error(field, raw) from exc
    if kind is Kind.BASE64:
        try:
            base64.b64decode(raw, validate=True)
        except ValueError as exc:
            raise _parser_error(field, raw[:40]) from exc
        return raw
    if kind in (Kind.ID, Kind.REFERENCE):
        full = to_18(raw)
        if full is None:
            raise ApiError(400, "MALFORMED_ID", f"{field.name}: id value of incorrect type: {raw}", [field.name])
        return full
    return raw


def format_datetime(value: datetime) -> str:
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}+0000"


def to_json(value: Value) -> Any:
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
