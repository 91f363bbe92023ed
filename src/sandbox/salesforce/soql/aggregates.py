"""Aggregate queries without GROUP BY, as the REST API answers them.

`SELECT COUNT() FROM Account WHERE ...` answers a totalSize and no records; `SELECT COUNT(Id), MAX(Name) n FROM
Account` answers one `AggregateResult` row whose unnamed columns are `expr0`, `expr1`, ... in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sandbox.salesforce.errors import malformed_query
from sandbox.salesforce.objects import object_named
from sandbox.salesforce.schema import ObjectDef
from sandbox.salesforce.soql.nodes import Aggregate, FieldPath, Query
from sandbox.salesforce.soql.resolve import ResolvedPath, check_condition, resolve_path
from sandbox.salesforce.values import Value, to_json

Column = tuple[str, Aggregate, ResolvedPath | None]
ValueOf = Callable[[dict[str, Value], ResolvedPath], Value]


def check_aggregate_query(query: Query) -> list[Column]:
    """The result columns (name, function, field read), or MALFORMED_QUERY for what SOQL refuses."""
    obj = object_named(query.sobject)
    if query.is_count_only and len(query.select) > 1:
        raise malformed_query("COUNT() cannot be used with other fields or functions in the SELECT list")
    plain = [item for item in query.select if not isinstance(item, Aggregate)]
    if plain:
        name = plain[0].text if isinstance(plain[0], FieldPath) else plain[0].relationship
        raise malformed_query(f"Field must be grouped or aggregated: {name}")
    columns: list[Column] = []
    unnamed = 0
    for aggregate in query.aggregates:
        path = resolve_path(obj, aggregate.field) if aggregate.field is not None else None
        _check_operand(obj, aggregate, path)
        if aggregate.alias is None:
            name, unnamed = f"expr{unnamed}", unnamed + 1
        else:
            name = aggregate.alias
        if name.lower() in {c[0].lower() for c in columns}:
            raise malformed_query(f"duplicate alias: {name}")
        columns.append((name, aggregate, path))
    check_condition(obj, query.where)
    return columns


def _check_operand(obj: ObjectDef, aggregate: Aggregate, path: ResolvedPath | None) -> None:
    if path is None:
        return
    if aggregate.function in ("SUM", "AVG") and not path.field.is_numeric:
        raise malformed_query(f"field {path.field.name} does not support aggregate operator {aggregate.function}")
    limit = path.field.length_limit
    if path.field.kind.value == "textarea" and limit is not None and limit > 255:
        raise malformed_query(f"field {path.field.name} does not support aggregate operator {aggregate.function}")


def aggregate_row(columns: list[Column], rows: Iterable[dict[str, Value]], value_of: ValueOf) -> dict[str, Any]:
    matched = list(rows)
    row: dict[str, Any] = {"attributes": {"type": "AggregateResult"}}
    for name, aggregate, path in columns:
        values = [value_of(r, path) for r in matched] if path is not None else []
        row[name] = _apply(aggregate.function, [v for v in values if v is not None], path is None, len(matched))
    return row


def _apply(function: str, present: list[Value], counting_rows: bool, row_count: int) -> Any:
    if function == "COUNT":
        return row_count if counting_rows else len(present)
    if function == "COUNT_DISTINCT":
        return len({_key(v) for v in present})
    if not present:
        return None
    if function == "SUM":
        return sum(float(v) for v in present if isinstance(v, int | float))
    if function == "AVG":
        numbers = [float(v) for v in present if isinstance(v, int | float)]
        return sum(numbers) / len(numbers)
    chosen = min(present, key=_key) if function == "MIN" else max(present, key=_key)
    return to_json(chosen)


def _key(value: Value) -> Any:
    return value.casefold() if isinstance(value, str) else value
