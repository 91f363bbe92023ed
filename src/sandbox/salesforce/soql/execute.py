"""Run a parsed query against the record store and shape rows as the REST API does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.salesforce.errors import ApiError, malformed_query
from sandbox.salesforce.objects import object_named
from sandbox.salesforce.schema import ObjectDef
from sandbox.salesforce.soql.aggregates import aggregate_row, check_aggregate_query
from sandbox.salesforce.soql.comparisons import compare, like_regex, sort_key
from sandbox.salesforce.soql.nodes import (
    Aggregate,
    Comparison,
    Condition,
    FieldPath,
    InList,
    Like,
    Not,
    Ordering,
    Query,
    SubQuery,
)
from sandbox.salesforce.soql.resolve import ResolvedPath, check_condition, resolve_path
from sandbox.salesforce.store import Record, RecordStore
from sandbox.salesforce.values import Value, to_json

_MAX_OFFSET = 2000


class QueryRunner:
    def __init__(self, store: RecordStore, api_version: str) -> None:
        self._store = store
        self._version = api_version

    def run(self, query: Query, *, include_deleted: bool) -> list[dict[str, Any]]:
        """The records a query answers (one AggregateResult row for an aggregate query)."""
        obj = object_named(query.sobject)
        if query.aggregates:
            columns = check_aggregate_query(query)
            rows = self._matching(obj, query, include_deleted)
            return [aggregate_row(columns, rows, self._value)][: query.limit]
        selected = self._check(obj, query)
        return [self._shape(obj, row, selected) for row in self._matching(obj, query, include_deleted)]

    def count(self, query: Query, *, include_deleted: bool) -> int:
        """`SELECT COUNT() FROM ...`: how many records match (LIMIT and OFFSET apply, as in Salesforce)."""
        check_aggregate_query(query)
        return len(self._matching(object_named(query.sobject), query, include_deleted))

    def _matching(self, obj: ObjectDef, query: Query, include_deleted: bool) -> list[Record]:
        if query.offset is not None and query.offset > _MAX_OFFSET:
            raise ApiError(400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000")
        for ordering in query.order_by:
            resolve_path(obj, ordering.field)
        rows = [
            r for r in self._store.rows(obj.name, include_deleted=include_deleted) if self._matches(obj, r, query.where)
        ]
        rows = self._sorted(obj, rows, query.order_by)
        rows = rows[query.offset or 0 :]
        if query.limit is not None:
            rows = rows[: query.limit]
        return rows

    # -- validation ------------------------------------------------------------------------------

    def _check(self, obj: ObjectDef, query: Query) -> list[tuple[FieldPath | SubQuery, Any]]:
        seen: set[str] = set()
        selected: list[tuple[FieldPath | SubQuery, Any]] = []
        for item in query.select:
            if isinstance(item, Aggregate):  # `run` answers aggregate queries before they get here
                raise malformed_query(f"Field must be grouped or aggregated: {item.text}")
            key = (item.text if isinstance(item, FieldPath) else item.relationship).lower()
            if key in seen:
                raise malformed_query(f"duplicate field selected: {key}")
            seen.add(key)
            if isinstance(item, FieldPath):
                selected.append((item, resolve_path(obj, item)))
            else:
                selected.append((item, self._check_subquery(obj, item)))
        check_condition(obj, query.where)
        for ordering in query.order_by:
            resolve_path(obj, ordering.field)
        return selected

    def _check_subquery(self, obj: ObjectDef, sub: SubQuery) -> tuple[ObjectDef, str, list[ResolvedPath]]:
        relationship = obj.child(sub.relationship)
        if relationship is None:
            raise ApiError(
                400,
                "INVALID_TYPE",
                f"Didn't understand relationship '{sub.relationship}' in FROM part of query call. If you are "
                "attempting to use a custom relationship, be sure to append the '__r' after the custom "
                "relationship name. Please reference your WSDL or the describe call for the appropriate names.",
            )
        child = object_named(relationship.child)
        paths = [resolve_path(child, f) for f in sub.fields]
        check_condition(child, sub.where)
        for ordering in sub.order_by:
            resolve_path(child, ordering.field)
        return child, relationship.field, paths

    # -- evaluation ------------------------------------------------------------------------------

    def _value(self, record: Record, path: ResolvedPath) -> Value:
        current: Record | None = record
        for hop in path.hops:
            target = current.get(hop.name) if current is not None else None
            current = self._store.peek(str(target)) if target is not None else None
        return current.get(path.field.name) if current is not None else None

    def _matches(self, obj: ObjectDef, record: Record, condition: Condition | None) -> bool:
        if condition is None:
            return True
        if isinstance(condition, Not):
            return not self._matches(obj, record, condition.operand)
        if isinstance(condition, Comparison):
            path = resolve_path(obj, condition.field)
            return compare(
                path.field, self._value(record, path), condition.operator, condition.value, self._store.now()
            )
        if isinstance(condition, InList):
            path = resolve_path(obj, condition.field)
            value = self._value(record, path)
            found = any(compare(path.field, value, "=", v, self._store.now()) for v in condition.values)
            return found != condition.negated
        if isinstance(condition, Like):
            value = self._value(record, resolve_path(obj, condition.field))
            return value is not None and like_regex(condition.pattern).fullmatch(str(value)) is not None
        results = (self._matches(obj, record, c) for c in condition.operands)
        return all(results) if condition.operator == "AND" else any(results)

    def _sorted(self, obj: ObjectDef, rows: list[Record], order_by: tuple[Ordering, ...]) -> list[Record]:
        for ordering in reversed(order_by):
            path = resolve_path(obj, ordering.field)
            present = [r for r in rows if self._value(r, path) is not None]
            missing = [r for r in rows if self._value(r, path) is None]
            present.sort(key=self._sort_key_for(path), reverse=ordering.descending)
            rows = present + missing if ordering.nulls_last else missing + present
        return rows

    def _sort_key_for(self, path: ResolvedPath) -> Callable[[Record], Any]:
        return lambda record: sort_key(self._value(record, path))

    # -- shaping ---------------------------------------------------------------------------------

    def attributes(self, entity: str, record_id: str) -> dict[str, str]:
        return {"type": entity, "url": f"/services/data/v{self._version}/sobjects/{entity}/{record_id}"}

    def _shape(
        self, obj: ObjectDef, record: Record, selected: list[tuple[FieldPath | SubQuery, Any]]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"attributes": self.attributes(obj.name, str(record["Id"]))}
        for item, resolved in selected:
            if isinstance(item, SubQuery):
                out[str(obj.child(item.relationship).name)] = self._children(record, item, resolved)  # type: ignore[union-attr]
            else:
                self._place(out, record, resolved)
        return out

    def _place(self, out: dict[str, Any], record: Record, path: ResolvedPath) -> None:
        node, current = out, record
        for hop in path.hops:
            name = str(hop.relationship)
            target_id = current.get(hop.name)
            parent = self._store.peek(str(target_id)) if target_id is not None else None
            if parent is None:
                node.setdefault(name, None)
                return
            if node.get(name) is None:
                node[name] = {"attributes": self.attributes(str(hop.reference_to), str(parent["Id"]))}
            node, current = node[name], parent
        node[path.field.name] = to_json(current.get(path.field.name))

    def _children(self, record: Record, sub: SubQuery, resolved: tuple[ObjectDef, str, list[ResolvedPath]]) -> Any:
        child, lookup, paths = resolved
        rows = [
            r
            for r in self._store.rows(child.name, include_deleted=False)
            if r.get(lookup) == record["Id"] and self._matches(child, r, sub.where)
        ]
        rows = self._sorted(child, rows, sub.order_by)[: sub.limit]
        if not rows:
            return None  # Salesforce sends null, not an empty list, for a parent without children
        shaped = [
            self._shape(child, r, [(p_item, p) for p_item, p in zip(sub.fields, paths, strict=True)]) for r in rows
        ]
        return {"totalSize": len(shaped), "done": True, "records": shaped}
