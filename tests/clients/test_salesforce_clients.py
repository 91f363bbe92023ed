"""jsforce 3 (npm `jsforce`, the canonical JavaScript Salesforce client; our adapters use simple-salesforce and
aiosfstream) holds the Salesforce emulator to what Salesforce answers: REST, describe, sObject Collections, identity,
errors, and the Streaming API with replay through jsforce's Faye CometD client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sandbox.salesforce.objects import ALL_OBJECTS
from tests.clients.conftest import run_scenario
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
PAGE_SIZE = 10  # the org pages queries by 10 here, so jsforce's autoFetch has to walk nextRecordsUrl


@pytest.fixture(scope="module")
def rest(node_clients: Path, sandbox: RunningSandbox) -> dict[str, Any]:
    sandbox.reset()
    with sandbox.salesforce() as control:
        control.put("/_sandbox/limits", json={"query_batch_size": PAGE_SIZE}).raise_for_status()
    return run_scenario(node_clients, sandbox, "salesforce_rest.js")


@pytest.fixture(scope="module")
def streaming(node_clients: Path, sandbox: RunningSandbox) -> dict[str, Any]:
    sandbox.reset()
    return run_scenario(node_clients, sandbox, "salesforce_streaming.js")


def test_jsforce_logs_in_with_client_credentials_and_reads_its_identity(rest: dict[str, Any]) -> None:
    assert rest["user"]["id"] == rest["identity"]["user_id"]
    assert rest["user"]["organizationId"] == rest["identity"]["organization_id"]
    assert rest["identity"]["username"] == "integration@sakura-hikari.example"
    assert "62.0" in rest["versions"]


def test_jsforce_discovers_objects_and_fields_through_describe(rest: dict[str, Any]) -> None:
    assert rest["globalDescribe"] == [o.name for o in ALL_OBJECTS]
    assert rest["orderDescribe"]["keyPrefix"] == "801"
    assert rest["orderDescribe"]["externalIds"] == ["WHMCS_Order_ID__c", "Portal_Order_Key__c"]
    assert "Pending Review" in rest["orderDescribe"]["statusPicklist"]
    assert rest["orderDescribe"]["children"] == ["OrderItems"]


def test_jsforce_counts_expands_star_and_walks_every_page(rest: dict[str, Any]) -> None:
    assert rest["allProducts"] == 44
    assert 0 < rest["activeProducts"] <= rest["allProducts"]
    assert rest["kenjiName"] == "Kenji Sato"
    assert rest["starFields"] == len(next(o for o in ALL_OBJECTS if o.name == "Account").fields)
    assert rest["paged"] == {"totalSize": 44, "fetched": 44, "done": True}


def test_jsforce_collections_create_retrieve_update_and_delete(rest: dict[str, Any], sandbox: RunningSandbox) -> None:
    assert rest["created"] == [True, True]
    assert rest["retrieved"] == ["jsforce one", None, "jsforce two"]
    assert rest["picked"] == [["Name", "Status"], ["Name", "Status"]]
    assert rest["updated"] == [True, True]
    assert rest["destroyed"] == [True, True]
    with sandbox.salesforce() as control:
        orders = control.get("/_sandbox/records/Order", params={"include_deleted": True}).json()
    mine = {o["Id"]: o for o in orders if o["Id"] in rest["orderIds"]}
    assert [mine[i]["IsDeleted"] for i in rest["orderIds"]] == [True, True]
    assert {mine[i]["Description"] for i in rest["orderIds"]} == {"changed by jsforce"}


def test_jsforce_sees_salesforce_error_codes(rest: dict[str, Any]) -> None:
    assert rest["readDeleted"]["errorCode"] == "ENTITY_IS_DELETED"
    assert rest["unknownRoute"]["errorCode"] == "NOT_FOUND"
    assert rest["badQuery"]["errorCode"] == "INVALID_TYPE"
    assert rest["limits"]["max"] > rest["limits"]["remaining"] > 0


def test_jsforce_streaming_delivers_a_rest_change_with_the_rest_origin(streaming: dict[str, Any]) -> None:
    live = streaming["live"]
    assert (live["changeType"], live["recordIds"], live["name"]) == ("CREATE", [live["orderId"]], "streamed live")
    assert live["changeOrigin"] == "com/salesforce/api/rest/62.0"  # no Sforce-Call-Options: no `;client=`


def test_jsforce_replay_from_the_last_id_delivers_exactly_what_was_missed(streaming: dict[str, Any]) -> None:
    [missed] = streaming["resumed"]
    assert missed["recordIds"] == [streaming["missedOrderId"]]
    assert missed["replayId"] > streaming["live"]["replayId"]


def test_jsforce_replay_of_minus_two_delivers_the_whole_retained_window_in_order(streaming: dict[str, Any]) -> None:
    retained = streaming["retained"]
    assert [e["name"] for e in retained] == ["streamed live", "missed while away"]
    assert [e["replayId"] for e in retained] == sorted(e["replayId"] for e in retained)


def test_jsforce_receives_a_platform_event_published_over_rest(streaming: dict[str, Any]) -> None:
    event = streaming["platformEvent"]
    assert event["published"] is True
    assert event["accountId"].startswith("001")
