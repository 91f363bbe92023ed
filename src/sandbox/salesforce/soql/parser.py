"""Text → `Query`, with Salesforce's MALFORMED_QUERY for anything the grammar does not accept."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.exceptions import VisitError

from sandbox.salesforce.errors import ApiError, malformed_query
from sandbox.salesforce.soql.grammar import SOQL_GRAMMAR
from sandbox.salesforce.soql.nodes import (
    Aggregate,
    Comparison,
    Condition,
    FieldPath,
    InList,
    Junction,
    Like,
    Literal,
    LiteralKind,
    Not,
    Ordering,
    Query,
    SubQuery,
)
from sandbox.salesforce.soql.strings import like_pattern, unquote
from sandbox.salesforce.values import parse_datetime

AGGREGATE_FUNCTIONS = frozenset({"COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX"})


class _ToNodes(Transformer[Token, Any]):
    def query(self, items: list[Any]) -> Query:
        select, sobject, *clauses = items
        found = _clauses(clauses)
        return Query(
            select=tuple(select),
            sobject=str(sobject),
            where=found.get("where"),
            order_by=found.get("order", ()),
            limit=found.get("limit"),
            offset=found.get("offset"),
        )

    def select_list(self, items: list[Any]) -> list[Any]:
        return items

    def subquery(self, items: list[Any]) -> SubQuery:
        fields = tuple(i for i in items if isinstance(i, FieldPath))
        rest = [i for i in items if not isinstance(i, FieldPath)]
        relationship, *clauses = rest
        found = _clauses(clauses)
        if "offset" in found:
            raise malformed_query("OFFSET is not supported in a relationship subquery")
        return SubQuery(str(relationship), fields, found.get("where"), found.get("order", ()), found.get("limit"))

    def aggregate(self, items: list[Any]) -> Aggregate:
        function, *rest = items
        field = next((i for i in rest if isinstance(i, FieldPath)), None)
        alias = next((str(i) for i in rest if isinstance(i, Token)), None)
        name = str(function).upper()
        if name not in AGGREGATE_FUNCTIONS:
            raise malformed_query(f"Unknown function: {function}. SOQL answers only aggregate functions here")
        if field is None and name != "COUNT":
            raise malformed_query(f"{name}() needs a field: {name}(<field>)")
        return Aggregate(name, field, alias)

    def field(self, items: list[Token]) -> FieldPath:
        return FieldPath(tuple(str(t) for t in items))

    def where_clause(self, items: list[Any]) -> tuple[str, Condition]:
        return ("where", items[0])

    def order_clause(self, items: list[Ordering]) -> tuple[str, tuple[Ordering, ...]]:
        return ("order", tuple(items))

    def limit_clause(self, items: list[Token]) -> tuple[str, int]:
        return ("limit", int(items[0]))

    def offset_clause(self, items: list[Token]) -> tuple[str, int]:
        return ("offset", int(items[0]))

    def ordering(self, items: list[Any]) -> Ordering:
        field, *modifiers = items
        descending = any(str(m).upper() == "DESC" for m in modifiers)
        positions = [str(m).upper() for m in modifiers if str(m).upper() in ("FIRST", "LAST")]
        nulls_last = positions[0] == "LAST" if positions else descending
        return Ordering(field, descending, nulls_last)

    def and_chain(self, items: list[Condition]) -> Junction:
        return Junction("AND", tuple(items))

    def or_chain(self, items: list[Condition]) -> Junction:
        return Junction("OR", tuple(items))

    def negation(self, items: list[Condition]) -> Not:
        return Not(items[0])

    def compare(self, items: list[Any]) -> Comparison:
        field, operator, value = items
        return Comparison(field, "!=" if str(operator) == "<>" else str(operator), value)

    def in_list(self, items: list[Any]) -> InList:
        return InList(items[0], tuple(items[1:]), negated=False)

    def not_in_list(self, items: list[Any]) -> InList:
        return InList(items[0], tuple(items[1:]), negated=True)

    def like(self, items: list[Any]) -> Like:
        return Like(items[0], like_pattern(str(items[1])))

    def string(self, items: list[Token]) -> Literal:
        return Literal(LiteralKind.STRING, unquote(str(items[0])))

    def number(self, items: list[Token]) -> Literal:
        return Literal(LiteralKind.NUMBER, float(items[0]))

    def null(self, _: list[Token]) -> Literal:
        return Literal(LiteralKind.NULL, None)

    def true(self, _: list[Token]) -> Literal:
        return Literal(LiteralKind.BOOLEAN, True)

    def false(self, _: list[Token]) -> Literal:
        return Literal(LiteralKind.BOOLEAN, False)

    def date(self, items: list[Token]) -> Literal:
        try:
            return Literal(LiteralKind.DATE, date.fromisoformat(str(items[0])))
        except ValueError as exc:
            raise malformed_query(f"line 1:{items[0].column} no viable alternative at character '{items[0]}'") from exc

    def datetime(self, items: list[Token]) -> Literal:
        try:
            return Literal(LiteralKind.DATETIME, parse_datetime(str(items[0])))
        except ValueError as exc:
            raise malformed_query(f"line 1:{items[0].column} no viable alternative at character '{items[0]}'") from exc

    def date_literal(self, items: list[Token]) -> Literal:
        name, _, n = str(items[0]).upper().partition(":")
        return Literal(LiteralKind.DATE_RANGE, None, range_name=name, range_n=int(n or 0))


def _clauses(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(items)


@functools.cache
def _parser() -> Lark:
    return Lark(SOQL_GRAMMAR, start="query", parser="lalr")


def parse_soql(text: str) -> Query:
    try:
        tree = _parser().parse(text)
        result = _ToNodes().transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, ApiError):
            raise exc.orig_exc from None
        raise
    except UnexpectedInput as exc:
        raise malformed_query(_describe(text, exc)) from None
    assert isinstance(result, Query)
    return result


def _describe(text: str, exc: UnexpectedInput) -> str:
    line, column = getattr(exc, "line", 1), getattr(exc, "column", 1)
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        found = "<EOF>"
    elif isinstance(exc, UnexpectedToken):
        found = f"'{exc.token}'"
    elif isinstance(exc, UnexpectedCharacters):
        found = f"'{text[exc.pos_in_stream or 0]}'"
    else:
        found = "?"
    return f"\n{text}\n^\nERROR at Row:{line}:Column:{column}\nunexpected token: {found}"
