"""The emulated org's Unique fields: Case.Portal_Request_Key__c, the portal's idempotency key on a case."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.rest.sobjects import get_by_external_id
from sandbox.salesforce.seed import seed_store
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.store import RecordStore

NOW = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store() -> RecordStore:
    store = RecordStore(lambda: NOW)
    seed_store(store)
    return store


def a_case(store: RecordStore, key: str | None) -> str:
    account = next(a for a in store.rows("Account") if a["SF_Account_No__c"] == "SH-100001")
    return store.create("Case", {"AccountId": account["Id"], "Subject": "s", "Portal_Request_Key__c": key})


def test_a_second_case_with_a_taken_key_is_refused_and_not_created(store: RecordStore) -> None:
    first = a_case(store, "pc-abc")
    before = len(store.rows("Case"))

    with pytest.raises(ApiError) as refused:
        a_case(store, "PC-ABC")  # unique without regard to case, as Salesforce's default

    assert (refused.value.status, refused.value.body()[0]["errorCode"]) == (400, "DUPLICATE_VALUE")
    assert refused.value.body()[0]["message"] == (
        f"duplicate value found: Portal_Request_Key__c duplicates value on record with id: {first}"
    )
    assert len(store.rows("Case")) == before


def test_an_update_may_not_take_another_cases_key_but_may_keep_its_own(store: RecordStore) -> None:
    first, second = a_case(store, "pc-1"), a_case(store, "pc-2")

    store.update("Case", first, {"Portal_Request_Key__c": "pc-1", "Subject": "kept"})
    with pytest.raises(ApiError, match="DUPLICATE_VALUE"):
        store.update("Case", second, {"Portal_Request_Key__c": "pc-1"})

    assert store.get("Case", second)["Portal_Request_Key__c"] == "pc-2"


def test_cases_without_a_key_never_collide(store: RecordStore) -> None:
    assert a_case(store, None) != a_case(store, None)


def test_a_deleted_cases_key_is_free_again(store: RecordStore) -> None:
    store.delete("Case", a_case(store, "pc-reused"))

    assert a_case(store, "pc-reused")


def test_a_case_is_found_by_its_key_as_an_external_id() -> None:
    state = SalesforceState()
    case_id = a_case(state.store, "pc-found")

    status, body = get_by_external_id(state, "v62.0", "Case", "Portal_Request_Key__c", "pc-found")

    assert (status, body["Id"]) == (200, case_id)
