"""Names in a query checked against the org's schema: INVALID_FIELD / INVALID_TYPE as Salesforce reports them."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.salesforce.errors import ApiError, malformed_query, no_such_column
from sandbox.salesforce.ids import to_18
from sandbox.salesforce.objects import object_named
from sandbox.salesforce.schema import FieldDef, Kind, ObjectDef
from sandbox.salesforce.soql.nodes import Comparison, Condition, FieldPath, InList, Like, Literal, LiteralKind, Not

_MAX_RELATIONSHIP_DEPTH = 5


@dataclass(frozen=True)
class ResolvedPath:
    hops: tuple[FieldDef, ...]  # the lookup fields followed, in order (empty for a plain field)
    field: FieldDef  # the field read at the end

    @property
    def relationship_names(self) -> tuple[str, ...]:
        return tuple(str(h.relationship) for h in self.hops)


def resolve_path(obj: ObjectDef, path: FieldPath) -> ResolvedPath:
    parts = list(path.parts)
    # `SELECT Account.Name FROM Account` may name the queried object itself first.
    if len(parts) > 1 and parts[0].lower() == obj.name.lower() and obj.parent(parts[0]) is None:
        parts = parts[1:]
    if len(parts) - 1 > _MAX_RELATIONSHIP_DEPTH:
        raise malformed_query("SOQL statements cannot query a relationship more than 5 levels away")
    current = obj
    hops: list[FieldDef] = []
    for name in parts[:-1]:
        lookup = current.parent(name)
        if lookup is None or lookup.reference_to is None:
            raise ApiError(
                400,
                "INVALID_FIELD",
                f"Didn't understand relationship '{name}' in field path. If you are attempting to use a custom "
                "relationship, be sure to append the '__r' after the custom relationship name. Please reference "
                "your WSDL or the describe call for the appropriate names.",
            )
        hops.append(lookup)
        current = object_named(lookup.reference_to)
    field = current.field(parts[-1])
    if field is None:
        raise no_such_column(parts[-1], current.name)
    return ResolvedPath(tuple(hops), field)


def check_condition(obj: ObjectDef, condition: Condition | None) -> None:
    if condition is None:
        return
    if isinstance(condition, Not):
        check_condition(obj, condition.operand)
    elif isinstance(condition, Comparison):
        field = _filterable(resolve_path(obj, condition.field).field)
        _check_operator(field, condition.operator)
        _check_literal(field, condition.value)
    elif isinstance(condition, InList):
        field = _filterable(resolve_path(obj, condition.field).field)
        for value in condition.values:
            _check_literal(field, value)
    elif isinstance(condition, Like):
        field = _filterable(resolve_path(obj, condition.field).field)
        if not field.is_textual:
            raise _bad_operator(field, "LIKE")
    else:
        for operand in condition.operands:
            check_condition(obj, operand)


def _filterable(field: FieldDef) -> FieldDef:
    limit = field.length_limit
    if field.kind is Kind.TEXTAREA and limit is not None and limit > 255:
        raise ApiError(400, "INVALID_FIELD", f"field '{field.name}' can not be filtered in a query call")
    return field


def _bad_operator(field: FieldDef, operator: str) -> ApiError:
    return ApiError(400, "INVALID_QUERY_FILTER_OPERATOR", f"invalid operator on field '{field.name}': {operator}")


def _check_operator(field: FieldDef, operator: str) -> None:
    if operator not in ("=", "!=") and field.kind in (Kind.BOOLEAN, Kind.ID, Kind.REFERENCE):
        raise _bad_operator(field, operator)


def _check_literal(field: FieldDef, literal: Literal) -> None:
    kind = literal.kind
    if kind is LiteralKind.NULL:
        return
    if field.is_id_like:
        if kind is not LiteralKind.STRING:
            raise _type_mismatch(field, "id", quoted=True)
        if to_18(str(literal.value)) is None:
            raise ApiError(400, "INVALID_QUERY_FILTER_OPERATOR", f"invalid ID field: {literal.value}")
        return
    expected = {
        Kind.STRING: (LiteralKind.STRING,),
        Kind.TEXTAREA: (LiteralKind.STRING,),
        Kind.PICKLIST: (LiteralKind.STRING,),
        Kind.BOOLEAN: (LiteralKind.BOOLEAN,),
        Kind.NUMBER: (LiteralKind.NUMBER,),
        Kind.CURRENCY: (LiteralKind.NUMBER,),
        Kind.DATE: (LiteralKind.DATE, LiteralKind.DATE_RANGE),
        Kind.DATETIME: (LiteralKind.DATETIME, LiteralKind.DATE_RANGE),
    }[field.kind]
    if kind not in expected:
        raise _type_mismatch(field, field.kind.value, quoted=field.is_textual)


def _type_mismatch(field: FieldDef, type_name: str, *, quoted: bool) -> ApiError:
    quoting = "should be enclosed in quotes" if quoted else "should not be enclosed in quotes"
    return malformed_query(
        f"value of filter criterion for field '{field.name}' must be of type {type_name} and {quoting}"
    )
