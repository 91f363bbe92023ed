"""Aggregate SOQL as Salesforce answers it: COUNT() is a bare total, other aggregates one AggregateResult row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.soql.parser import parse_soql
from tests.unit.salesforce.test_soql_execution import Org


@pytest.fixture
def org() -> Org:
    return Org()


def count(org: Org, soql: str) -> int:
    query = parse_soql(soql)
    assert query.is_count_only
    return org.runner.count(query, include_deleted=False)


def test_count_with_empty_parentheses_counts_the_records_the_filter_matches(org: Org) -> None:
    every_account = len(org.query("SELECT Id FROM Account"))
    active_products = len(org.query("SELECT Id FROM Product2 WHERE IsActive = true"))

    assert count(org, "SELECT COUNT() FROM Account") == every_account
    assert count(org, "select count() from Product2 where IsActive = true") == active_products
    assert count(org, "SELECT COUNT() FROM Account WHERE Name = 'nobody at all'") == 0


@settings(max_examples=25, deadline=None)
@given(limit=st.integers(min_value=0, max_value=60), offset=st.integers(min_value=0, max_value=60))
def test_count_honours_limit_and_offset_like_the_records_they_would_return(limit: int, offset: int) -> None:
    org = Org()
    rows = org.query(f"SELECT Id FROM Product2 LIMIT {limit} OFFSET {offset}")
    assert count(org, f"SELECT COUNT() FROM Product2 LIMIT {limit} OFFSET {offset}") == len(rows)


def test_unnamed_aggregates_are_expr0_expr1_in_order_and_aliases_keep_their_name(org: Org) -> None:
    prices = [r["UnitPrice"] for r in org.query("SELECT UnitPrice FROM PricebookEntry")]
    names = [r["Name"] for r in org.query("SELECT Name FROM Product2")]

    [row] = org.query("SELECT COUNT(Id), MAX(UnitPrice) top, SUM(UnitPrice), MIN(UnitPrice) FROM PricebookEntry")
    [names_row] = org.query("SELECT COUNT_DISTINCT(Name), MIN(Name) FROM Product2")

    assert row == {
        "attributes": {"type": "AggregateResult"},
        "expr0": len(prices),
        "top": max(prices),
        "expr1": sum(prices),
        "expr2": min(prices),
    }
    assert names_row["expr0"] == len({n.casefold() for n in names})
    assert names_row["expr1"] == min(names, key=str.casefold)


def test_count_of_a_field_skips_nulls_and_aggregates_of_nothing_are_null(org: Org) -> None:
    with_email = [r for r in org.query("SELECT Email FROM Contact") if r["Email"] is not None]

    [emails] = org.query("SELECT COUNT(Email) FROM Contact")
    [empty] = org.query("SELECT COUNT(Id), AVG(UnitPrice), MAX(Name) FROM PricebookEntry WHERE Name = 'none'")

    assert emails["expr0"] == len(with_email)
    assert (empty["expr0"], empty["expr1"], empty["expr2"]) == (0, None, None)


@pytest.mark.parametrize(
    ("soql", "message"),
    [
        ("SELECT Name, COUNT(Id) FROM Account", "Field must be grouped or aggregated: Name"),
        ("SELECT COUNT(), Name FROM Account", "COUNT() cannot be used with other fields"),
        ("SELECT SUM(Name) FROM Account", "does not support aggregate operator SUM"),
        ("SELECT COUNT(Nope__c) FROM Account", "No such column 'Nope__c'"),
    ],
)
def test_aggregates_soql_refuses_are_refused(org: Org, soql: str, message: str) -> None:
    query = parse_soql(soql)
    answer = org.runner.count if query.is_count_only else org.runner.run
    with pytest.raises(ApiError) as refused:
        answer(query, include_deleted=False)
    assert refused.value.status == 400
    assert message in refused.value.message
