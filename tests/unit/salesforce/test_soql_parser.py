from __future__ import annotations

import datetime as dt

import pytest

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.soql.nodes import Comparison, FieldPath, InList, Junction, Like, LiteralKind, Not, SubQuery
from sandbox.salesforce.soql.parser import parse_soql


def test_parses_fields_parent_paths_and_child_subqueries() -> None:
    query = parse_soql(
        "SELECT Id, Account.Name, (SELECT Id, Product2.Name FROM OrderItems WHERE Quantity > 1 "
        "ORDER BY Id LIMIT 5) FROM Order"
    )

    assert query.sobject == "Order"
    assert query.select[:2] == (FieldPath(("Id",)), FieldPath(("Account", "Name")))
    sub = query.select[2]
    assert isinstance(sub, SubQuery)
    assert (sub.relationship, sub.fields[1], sub.limit) == ("OrderItems", FieldPath(("Product2", "Name")), 5)


def test_parses_where_with_every_supported_operator() -> None:
    query = parse_soql(
        "select id from account where (name = 'a' or name != 'b') and not phone <> null "
        "and whmcs_client_id__c >= 2 and id in ('001RO0000000001YAA') and name not in ('x', 'y') "
        "and name like 'Ha%' and createddate = LAST_N_DAYS:30 and createddate < 2026-01-01T00:00:00Z "
        "and lastmodifieddate > 2026-01-01T00:00:00.000+0900"
    )

    where = query.where
    assert isinstance(where, Junction)
    assert where.operator == "AND"
    kinds = [type(c) for c in where.operands]
    assert kinds == [Junction, Not, Comparison, InList, InList, Like, Comparison, Comparison, Comparison]
    assert where.operands[4] == InList(FieldPath(("name",)), where.operands[4].values, negated=True)  # type: ignore[union-attr]
    date_literal = where.operands[6].value  # type: ignore[union-attr]
    assert (date_literal.kind, date_literal.range_name, date_literal.range_n) == (
        LiteralKind.DATE_RANGE,
        "LAST_N_DAYS",
        30,
    )
    tokyo = where.operands[8].value.value  # type: ignore[union-attr]
    assert tokyo == dt.datetime(2025, 12, 31, 15, 0, tzinfo=dt.UTC)


def test_parses_order_by_limit_and_offset() -> None:
    query = parse_soql("SELECT Id FROM Case ORDER BY CreatedDate DESC, Subject NULLS LAST, Id ASC LIMIT 10 OFFSET 20")

    assert [(o.field.text, o.descending, o.nulls_last) for o in query.order_by] == [
        ("CreatedDate", True, True),
        ("Subject", False, True),
        ("Id", False, False),
    ]
    assert (query.limit, query.offset) == (10, 20)


def test_unescapes_string_literals() -> None:
    query = parse_soql(r"SELECT Id FROM Account WHERE Name = 'it\'s \"x\" \\ \n \u3042'")

    assert query.where.value.value == 'it\'s "x" \\ \n あ'  # type: ignore[union-attr]


def test_like_keeps_escaped_wildcards_literal() -> None:
    query = parse_soql(r"SELECT Id FROM Account WHERE Name LIKE '100\%_off%'")

    pattern = query.where.pattern  # type: ignore[union-attr]
    assert pattern.parts == ("100%", "_", "off", "%")
    assert pattern.wildcards == frozenset({1, 3})
    assert pattern.literal_text == "100%off"


@pytest.mark.parametrize(
    "soql",
    [
        "SELECT Id FROM",
        "SELECT FROM Account",
        "SELECT * FROM Account",
        "SELECT COUNT(Id) FROM Account GROUP BY Name",
        "SELECT MEDIAN(Name) FROM Account",
        "SELECT MAX() FROM Account",
        "SELECT Id FROM Account WHERE a = 1 AND b = 2 OR c = 3",
        "SELECT Id FROM Account WHERE Name = 'unterminated",
        r"SELECT Id FROM Account WHERE Name = 'bad \q escape'",
        r"SELECT Id FROM Account WHERE Name = 'no \% outside like'",
        "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)",
        "SELECT Id FROM Account WHERE CreatedDate = THIS_FISCAL_QUARTER",
        "SELECT Id FROM Account LIMIT x",
        "SELECT Id FROM Account GROUP BY Name",
        "SELECT Id FROM Account WHERE Name = 'a'; DELETE FROM Account",
        "SELECT Id FROM Account WHERE CreatedDate > 2026-13-45",
        "SELECT Id, (SELECT Id FROM Contacts OFFSET 1) FROM Account",
    ],
)
def test_anything_outside_the_grammar_is_malformed(soql: str) -> None:
    with pytest.raises(ApiError) as refused:
        parse_soql(soql)

    assert (refused.value.status, refused.value.error_code) == (400, "MALFORMED_QUERY")
