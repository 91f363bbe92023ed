"""Hostile input never changes a query's meaning: every user-supplied value reaches the emulator's parser as
exactly one literal equal to the input, whatever quotes, backslashes, wildcards or keywords it holds."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simple_salesforce.format import format_soql

from adapters.salesforce.accounts import SalesforceCustomerAccounts
from adapters.salesforce.cases import SalesforceCaseDesk
from adapters.salesforce.catalog import SalesforceCatalogSource
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.eligibility import SalesforceEligibilityRecords
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

    def query_all(self, soql: str, **_: Any) -> dict[str, Any]:
        return self.query(soql)


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


# -- every bound value, in every query the adapters build ----------------------------------------------------

ADAPTERS = sorted(Path(__file__).resolve().parents[3].joinpath("src/adapters/salesforce").rglob("*.py"))
# What may be spliced into SOQL unescaped (`{name:literal}`): our own field lists and a limit made an int.
SPLICED = {"fields", "f", "c", "key_field", "limit"}


def format_soql_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in ADAPTERS:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "format_soql":
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


def test_the_adapters_build_their_queries_with_format_soql() -> None:
    assert len(format_soql_calls()) >= 15


@pytest.mark.parametrize(("where", "call"), format_soql_calls(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_value_bound_into_a_query_is_escaped(where: str, call: ast.Call) -> None:
    """A query's text is a constant; values reach it only through placeholders that escape them — never an
    f-string, never `:literal` except for our own field lists and integer limits."""
    template = call.args[0]
    assert isinstance(template, ast.Constant), f"{where}: the SOQL template must be a string literal"
    assert isinstance(template.value, str)
    spliced = {m.group(1) for m in re.finditer(r"\{(\w*):literal\}", template.value)}
    assert spliced <= SPLICED, f"{where}: {spliced - SPLICED} would reach SOQL unescaped"
    assert not re.search(r"\{\w*:(?!literal\}|like\})", template.value), f"{where}: an unknown conversion"


@given(account_id=id_like)
def test_an_accounts_cases_orders_and_eligibility_are_looked_up_by_one_literal(account_id: str) -> None:
    queries = sent(lambda c: SalesforceCaseDesk(c).list_cases(account_id))
    queries += sent(lambda c: SalesforceCustomerAccounts(c).get(account_id))
    queries += sent(lambda c: SalesforceEligibilityRecords(c).get_eligibility(account_id))
    assert all(strings(q) == [account_id] for q in queries)


@given(record_id=id_like | st.from_regex(r"\A802[A-Za-z0-9]{12}\Z"))
def test_a_changed_records_id_is_refused_or_stays_one_literal(record_id: str) -> None:
    queries = sent(lambda c: SalesforceOrderDesk(c).locate(record_id))
    assert [strings(q) for q in queries] in ([], [[record_id]])


@given(statuses=st.lists(hostile, min_size=1, max_size=4))
def test_fulfilment_statuses_stay_one_literal_each(statuses: list[str]) -> None:
    [soql] = sent(lambda c: SalesforceOrderDesk(c).find_awaiting_fulfilment(statuses, limit=5))
    assert strings(soql) == ["Activating", *statuses, None]  # None: `WHMCS_Order_ID__c = null`
