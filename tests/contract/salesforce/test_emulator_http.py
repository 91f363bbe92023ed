"""The emulator's REST answers at the byte level, as simple-salesforce and our adapters rely on them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.contract.salesforce.conftest import QUERY_BATCH_SIZE, Emulator

pytestmark = pytest.mark.integration
V = "/services/data/v62.0"


def order_body(emulator: Emulator) -> dict[str, Any]:
    ids = emulator.state.seed_ids
    return {"AccountId": ids.accounts["SH-100001"], "Status": "Pending Review", "EffectiveDate": "2026-11-01",
            "Pricebook2Id": ids.portal_pricebook}  # fmt: skip


def test_without_a_valid_token_every_resource_answers_invalid_session(http: httpx.Client) -> None:
    for headers in ({"Authorization": "Bearer nope"}, {"Authorization": ""}):
        reply = http.get(f"{V}/query", params={"q": "SELECT Id FROM Account"}, headers=headers)
        assert reply.status_code == 401
        assert reply.json() == [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]


def test_any_api_version_is_accepted_and_nonsense_is_not_found(http: httpx.Client) -> None:
    assert http.get("/services/data/v59.0/query/", params={"q": "SELECT Id FROM Account"}).status_code == 200
    assert http.get("/services/data/latest/query", params={"q": "SELECT Id FROM Account"}).status_code == 404


def test_pages_carry_next_records_urls_and_usage_headers(http: httpx.Client) -> None:
    first = http.get(f"{V}/query", params={"q": "SELECT Id FROM Product2"})
    page = first.json()

    assert (page["totalSize"], page["done"], len(page["records"])) == (44, False, QUERY_BATCH_SIZE)
    assert page["nextRecordsUrl"].startswith(f"{V}/query/01g")
    assert first.headers["Sforce-Limit-Info"].startswith("api-usage=")
    second = http.get(page["nextRecordsUrl"], headers={"Sforce-Query-Options": "batchSize=40"}).json()
    assert (second["done"], len(second["records"])) == (True, 44 - QUERY_BATCH_SIZE)
    assert "nextRecordsUrl" not in second


def test_records_can_be_read_by_id_with_chosen_fields(http: httpx.Client, fresh_emulator: Emulator) -> None:
    account_id = fresh_emulator.state.seed_ids.accounts["SH-100002"]

    record = http.get(f"{V}/sobjects/Account/{account_id[:15]}", params={"fields": "Name,sf_account_no__c"}).json()

    assert record == {
        "attributes": {"type": "Account", "url": f"{V}/sobjects/Account/{account_id}"},
        "Name": "Kenji Sato",
        "SF_Account_No__c": "SH-100002",
    }


def test_several_external_id_matches_answer_300_with_their_urls(http: httpx.Client, fresh_emulator: Emulator) -> None:
    for name in ("A", "B"):
        http.post(f"{V}/sobjects/Account", json={"Name": name, "SF_Account_No__c": "SH-DUP"}).raise_for_status()

    reply = http.get(f"{V}/sobjects/Account/SF_Account_No__c/SH-DUP")

    assert reply.status_code == 300
    assert len(reply.json()) == 2


def test_a_create_missing_required_fields_names_them(http: httpx.Client) -> None:
    reply = http.post(f"{V}/sobjects/Order", json={"Status": "Pending Review"})

    assert reply.status_code == 400
    assert reply.json() == [
        {
            "message": "Required fields are missing: [AccountId, EffectiveDate]",
            "errorCode": "REQUIRED_FIELD_MISSING",
            "fields": ["AccountId", "EffectiveDate"],
        }
    ]


def test_update_and_delete_answer_204_and_query_all_still_sees_the_deleted(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    created = http.post(f"{V}/sobjects/Order", json=order_body(fresh_emulator))
    assert created.status_code == 201
    order_id = created.json()["id"]

    assert http.patch(f"{V}/sobjects/Order/{order_id}", json={"Activation_Status__c": "Activating"}).status_code == 204
    assert http.delete(f"{V}/sobjects/Order/{order_id}").status_code == 204
    assert http.get(f"{V}/sobjects/Order/{order_id}").status_code == 404
    everything = http.get(f"{V}/queryAll/", params={"q": f"SELECT Id, IsDeleted FROM Order WHERE Id = '{order_id}'"})
    assert everything.json()["records"][0]["IsDeleted"] is True


def test_composite_without_all_or_none_skips_only_what_depends_on_a_failure(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    ids = fresh_emulator.state.seed_ids
    requests = [
        {"method": "POST", "url": f"{V}/sobjects/Order", "referenceId": "bad", "body": {"Status": "Pending Review"}},
        {"method": "POST", "url": f"{V}/sobjects/OrderItem", "referenceId": "orphan",
         "body": {"OrderId": "@{bad.id}", "PricebookEntryId": ids.portal_entries["VPN-USA-SF"], "Quantity": 1,
                  "UnitPrice": 1200}},
        {"method": "POST", "url": f"{V}/sobjects/Order", "referenceId": "good", "body": order_body(fresh_emulator)},
        {"method": "GET", "url": f"{V}/sobjects/Order/@{{good.id}}?fields=OrderNumber", "referenceId": "read"},
    ]  # fmt: skip

    reply = http.post(f"{V}/composite", json={"allOrNone": False, "compositeRequest": requests})

    assert reply.status_code == 200
    results = {r["referenceId"]: r for r in reply.json()["compositeResponse"]}
    assert results["bad"]["httpStatusCode"] == 400
    assert results["orphan"]["body"][0]["errorCode"] == "PROCESSING_HALTED"
    assert results["good"]["httpStatusCode"] == 201
    assert results["good"]["httpHeaders"]["Location"] == f"{V}/sobjects/Order/{results['good']['body']['id']}"
    assert results["read"]["body"]["OrderNumber"]


def test_collections_with_all_or_none_roll_every_record_back(http: httpx.Client, fresh_emulator: Emulator) -> None:
    account_id = fresh_emulator.state.seed_ids.accounts["SH-100003"]
    records = [
        {"attributes": {"type": "Case"}, "Subject": "fine", "AccountId": account_id},
        {"attributes": {"type": "Case"}, "Subject": "x" * 300, "AccountId": account_id},
    ]

    reply = http.post(f"{V}/composite/sobjects", json={"allOrNone": True, "records": records}).json()

    assert [r["success"] for r in reply] == [False, False]
    assert reply[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert reply[1]["errors"][0]["statusCode"] == "STRING_TOO_LONG"
    assert (
        http.get(f"{V}/query", params={"q": f"SELECT Id FROM Case WHERE AccountId = '{account_id}'"}).json()[
            "totalSize"
        ]
        == 0
    )


def test_limits_report_the_daily_quota(http: httpx.Client, fresh_emulator: Emulator) -> None:
    fresh_emulator.state.daily_api_limit = 10

    limits = http.get(f"{V}/limits/").json()

    assert limits["DailyApiRequests"] == {"Max": 10, "Remaining": 9}
