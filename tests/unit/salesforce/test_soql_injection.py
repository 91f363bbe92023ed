"""Hostile input never changes a query's meaning: every user-supplied value reaches the emulator's parser as
exactly one literal equal to the input, whatever quotes, backslashes, wildcards or keywords it holds."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simple_salesforce.format import format_soql

from adapters.salesforce.accounts import SalesforceCustomerAccounts
from adapters.salesforce.cases import SalesforceCaseDesk
from adapters.salesforce.catalog import SalesforceCatalogSource
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.orders import SalesforceOrderDesk
from application.errors import NotFoundError
from sandbox.salesforce.seed import seed_store
from sandbox.salesforce.soql.execute import QueryRunner
from sandbox.salesforce.soql.nodes import LikePattern, Literal, LiteralKind, literals_in
from sandbox.salesforce.soql.parser import parse_soql
from sandbox.salesforce.store import RecordStore

SOQL_NOISE = ["'", '"', "\\", "%", "_", "\\'", "' OR Name != '", "') OR (Id != '", "\n", "\t", "\\u0027", "--", ";"]
hostile = st.text() | st.lists(st.sampled_from(SOQL_NOISE) | st.text(max_size=3), max_size=8).map("".join)
id_like = st.from_regex(r"\A[A-Za-z0-9]{15}([A-Za-z0-9]{3})?\Z") | hostile


def strings(soql: str) -> list[Any]:
    return [lit.value for lit in literals_in(parse_soql(soql).where) if isinstance(lit, Literal)]


class RecordingSalesforce:
    """Stands in for simple-salesforce: keeps the SOQL it is given, finds nothing."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def query(self, soql: str, **_: Any) -> dict[str, Any]:
        self.queries.append(soql)
        return {"records": [], "totalSize": 0, "done": True}

    def query_all_iter(self, soql: str, **_: Any) -> list[dict[str, Any]]:
        self.queries.append(soql)
        return []


class RecordingClient:
    def __init__(self) -> None:
        self.config = SalesforceConfig()
        self.sf = RecordingSalesforce()
        self.write_headers: dict[str, str] = {}

    async def read(self, call: Callable[[Any], Any]) -> Any:
        return call(self.sf)

    async def user_id(self) -> str | None:
        return None


def sent(action: Callable[[Any], Any]) -> list[str]:
    client = RecordingClient()
    with contextlib.suppress(NotFoundError):  # an id that cannot be one is refused before any query
        asyncio.run(action(client))
    return client.sf.queries


@given(number=hostile)
def test_customer_numbers_stay_one_literal(number: str) -> None:
    [soql] = sent(lambda c: SalesforceCustomerAccounts(c).find_by_customer_number(number))

    assert strings(soql) == [number]


@given(skus=st.lists(hostile, min_size=1, max_size=5))
def test_skus_stay_one_literal_each(skus: list[str]) -> None:
    [soql] = sent(lambda c: SalesforceCatalogSource(c).find_entries(skus))

    assert strings(soql) == ["Portal", *dict.fromkeys(skus)]


@given(account_id=id_like, case_id=id_like)
def test_ids_are_refused_or_stay_one_literal(account_id: str, case_id: str) -> None:
    queries = sent(lambda c: SalesforceCaseDesk(c).get_case(account_id, case_id))

    assert queries == [] or strings(queries[0]) == [case_id, account_id]


@given(order_id=id_like, account_id=id_like)
def test_order_ids_are_refused_or_stay_one_literal(order_id: str, account_id: str) -> None:
    queries = sent(lambda c: SalesforceOrderDesk(c).list_orders(account_id))
    queries += sent(lambda c: SalesforceOrderDesk(c).get_order(order_id))

    assert all(strings(q) in ([account_id], [order_id]) for q in queries)


@given(fragment=hostile)
def test_like_input_matches_only_itself(fragment: str) -> None:
    soql = format_soql("SELECT Id FROM Account WHERE Name LIKE '%{:like}%'", fragment)

    [pattern] = literals_in(parse_soql(soql).where)

    assert isinstance(pattern, LikePattern)
    assert pattern.literal_text == fragment
    assert pattern.wildcards == frozenset({0, len(pattern.parts) - 1})


@given(values=st.lists(hostile, min_size=1, max_size=4), day=st.dates(), flag=st.booleans())
def test_mixed_values_keep_their_types_and_order(values: list[str], day: dt.date, flag: bool) -> None:
    soql = format_soql(
        "SELECT Id FROM Order WHERE Status IN {} AND EffectiveDate = {} AND Weekend_Install__c = {}", values, day, flag
    )

    parsed = literals_in(parse_soql(soql).where)

    assert [(lit.kind, lit.value) for lit in parsed if isinstance(lit, Literal)] == [
        *((LiteralKind.STRING, v) for v in values),
        (LiteralKind.DATE, day),
        (LiteralKind.BOOLEAN, flag),
    ]


@pytest.fixture(scope="module")
def runner() -> QueryRunner:
    store = RecordStore(lambda: dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    seed_store(store)
    return QueryRunner(store, "62.0")


@settings(max_examples=50)
@given(number=hostile)
def test_a_hostile_customer_number_finds_no_account(runner: QueryRunner, number: str) -> None:
    soql = format_soql("SELECT Id FROM Account WHERE SF_Account_No__c = {}", number)

    rows = runner.run(parse_soql(soql), include_deleted=False)

    assert rows == [] or {r["Id"] for r in rows} <= set(runner_ids_for(runner, number))


def runner_ids_for(runner: QueryRunner, number: str) -> list[str]:
    rows = runner.run(parse_soql("SELECT Id, SF_Account_No__c FROM Account"), include_deleted=False)
    return [r["Id"] for r in rows if r["SF_Account_No__c"].casefold() == number.casefold()]
