"""How SOQL compares a stored value with a literal: dates as day ranges, text case-insensitively, ids in 18 chars."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sandbox.salesforce.ids import to_18
from sandbox.salesforce.schema import FieldDef
from sandbox.salesforce.soql.nodes import LikePattern, Literal, LiteralKind
from sandbox.salesforce.values import Value

_ONE_MICROSECOND = timedelta(microseconds=1)


def sort_key(value: Value) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return value.toordinal()
    return value


def like_regex(pattern: LikePattern) -> re.Pattern[str]:
    regex = "".join(
        (".*" if part == "%" else ".") if i in pattern.wildcards else re.escape(part)
        for i, part in enumerate(pattern.parts)
    )
    return re.compile(regex, re.IGNORECASE | re.DOTALL)


def _day_range(literal: Literal, now: datetime) -> tuple[datetime, datetime]:
    today = datetime(now.year, now.month, now.day, tzinfo=UTC)
    day = timedelta(days=1)
    ranges: dict[str, Callable[[], tuple[datetime, datetime]]] = {
        "TODAY": lambda: (today, today + day),
        "YESTERDAY": lambda: (today - day, today),
        "TOMORROW": lambda: (today + day, today + 2 * day),
        "LAST_N_DAYS": lambda: (today - literal.range_n * day, today + day),
        "NEXT_N_DAYS": lambda: (today + day, today + (literal.range_n + 1) * day),
    }
    return ranges[literal.range_name]()


def _as_instant(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def compare(field: FieldDef, value: Value, operator: str, literal: Literal, now: datetime) -> bool:
    if literal.kind is LiteralKind.NULL:
        return (value is None) == (operator == "=")
    if value is None:
        return operator == "!="
    if isinstance(value, date):
        if literal.kind is LiteralKind.DATE_RANGE:
            start, end = _day_range(literal, now)
        else:
            assert isinstance(literal.value, date)
            start = _as_instant(literal.value)
            end = start + (timedelta(days=1) if literal.kind is LiteralKind.DATE else _ONE_MICROSECOND)
        instant = _as_instant(value)
        return {
            "=": start <= instant < end,
            "!=": not start <= instant < end,
            "<": instant < start,
            "<=": instant < end,
            ">": instant >= end,
            ">=": instant >= start,
        }[operator]
    left: Any = value
    right: Any = literal.value
    if field.is_id_like:
        right = to_18(str(right))
    elif isinstance(left, str):
        left, right = left.casefold(), str(right).casefold()
    outcomes: dict[str, bool] = {
        "=": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }
    return outcomes[operator]
