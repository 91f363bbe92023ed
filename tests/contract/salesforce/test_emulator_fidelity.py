"""What third-party Salesforce clients rely on beyond our adapters: describe, COUNT(), collections by id, identity,
the versions list, Salesforce-shaped 404s, changeOrigin, deleted records and query batch bounds."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sandbox.salesforce.changes import CommittedTransaction
from sandbox.salesforce.config import ORG_ID
from sandbox.salesforce.objects import ALL_OBJECTS, object_named
from sandbox.salesforce.store import INTEGRATION_USER_ID
from sandbox.salesforce.streaming.cdc import change_origin
from tests.contract.salesforce.conftest import Emulator
from tests.contract.salesforce.test_emulator_http import order_body

pytestmark = pytest.mark.integration
V = "/services/data/v62.0"


@pytest.fixture
def commits(fresh_emulator: Emulator) -> Iterator[list[CommittedTransaction]]:
    seen: list[CommittedTransaction] = []
    fresh_emulator.state.store.add_listener(seen.append)
    yield seen
    fresh_emulator.state.store._listeners.remove(seen.append)


def anonymous(emulator: Emulator) -> httpx.Client:
    trust = ssl.create_default_context(cafile=str(emulator.credentials.ca_bundle))
    return httpx.Client(base_url=emulator.url, verify=trust, trust_env=False)


def fields_by_name(describe: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in describe["fields"]}


def test_global_describe_lists_every_object_the_emulator_answers(http: httpx.Client) -> None:
    described = http.get(f"{V}/sobjects").json()

    assert described["encoding"] == "UTF-8"
    assert described["maxBatchSize"] == 200
    assert {(o["name"], o["keyPrefix"]) for o in described["sobjects"]} == {(o.name, o.prefix) for o in ALL_OBJECTS}
    order = next(o for o in described["sobjects"] if o["name"] == "Order")
    assert order["urls"]["describe"] == f"{V}/sobjects/Order/describe"
    assert http.get(f"{V}/sobjects/OrderItem").json()["objectDescribe"]["label"] == "Order Product"


@pytest.mark.parametrize("entity", [o.name for o in ALL_OBJECTS])
def test_describe_is_generated_from_the_object_definitions_the_emulator_enforces(
    http: httpx.Client, entity: str
) -> None:
    obj = object_named(entity)
    described = http.get(f"{V}/sobjects/{entity}/describe").json()
    fields = fields_by_name(described)

    assert [f["name"] for f in described["fields"]] == [f.name for f in obj.fields]
    for definition in obj.fields:
        field = fields[definition.name]
        assert field["type"] == definition.kind.value
        assert field["externalId"] == definition.external_id
        assert field["unique"] == definition.unique
        assert field["referenceTo"] == ([definition.reference_to] if definition.reference_to else field["referenceTo"])
        assert field["label"]
        if definition.required:
            assert field["nillable"] is False
        if definition.picklist:
            assert [v["value"] for v in field["picklistValues"]] == list(definition.picklist)
    assert {r["relationshipName"] for r in described["childRelationships"]} == {c.name for c in obj.children}


def test_describe_tells_what_can_be_written_and_how_long_it_may_be(http: httpx.Client) -> None:
    order = fields_by_name(http.get(f"{V}/sobjects/Order/describe").json())
    item = fields_by_name(http.get(f"{V}/sobjects/orderitem/describe").json())

    assert (order["Portal_Order_Key__c"]["length"], order["Portal_Order_Key__c"]["label"]) == (64, "Portal Order Key")
    assert order["Portal_Order_Key__c"]["externalId"]
    assert order["Portal_Order_Key__c"]["unique"]
    assert (order["AccountId"]["relationshipName"], order["AccountId"]["referenceTo"]) == ("Account", ["Account"])
    assert (order["TotalAmount"]["createable"], order["TotalAmount"]["updateable"]) == (False, False)
    assert (item["PricebookEntryId"]["createable"], item["PricebookEntryId"]["updateable"]) == (True, False)
    assert order["OrderNumber"]["autoNumber"] is True
    assert order["Id"]["label"] == "Order ID"


def test_describe_of_an_unknown_object_is_not_found(http: httpx.Client) -> None:
    reply = http.get(f"{V}/sobjects/Spaceship__c/describe")
    assert reply.status_code == 404
    assert reply.json() == [{"message": "The requested resource does not exist", "errorCode": "NOT_FOUND"}]


def test_count_answers_a_total_without_records_and_count_id_an_expr0_row(http: httpx.Client) -> None:
    products = http.get(f"{V}/query", params={"q": "SELECT COUNT() FROM Product2"}).json()
    grouped = http.get(f"{V}/query", params={"q": "SELECT COUNT(Id) FROM Product2 WHERE IsActive = true"}).json()

    assert products == {"totalSize": 44, "done": True, "records": []}
    assert grouped["totalSize"] == 1
    assert grouped["records"] == [{"attributes": {"type": "AggregateResult"}, "expr0": grouped["records"][0]["expr0"]}]
    assert 0 < grouped["records"][0]["expr0"] <= 44


def test_collections_retrieve_answers_each_id_in_order_with_null_for_missing(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    accounts = fresh_emulator.state.seed_ids.accounts
    hanako, kenji = accounts["SH-100001"], accounts["SH-100002"]
    missing = hanako[:9] + "ZZZZZZ"

    by_get = http.get(
        f"{V}/composite/sobjects/Account", params={"ids": f"{hanako},{missing},{kenji}", "fields": "Name"}
    )
    by_post = http.post(f"{V}/composite/sobjects/Account", json={"ids": [kenji[:15]], "fields": ["SF_Account_No__c"]})

    assert [r and r["Name"] for r in by_get.json()] == ["Hanako Tanaka", None, "Kenji Sato"]
    assert by_post.json() == [
        {"attributes": {"type": "Account", "url": f"{V}/sobjects/Account/{kenji}"}, "SF_Account_No__c": "SH-100002"}
    ]


def test_collections_delete_reports_each_id_and_all_or_none_keeps_everything(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    first = http.post(f"{V}/sobjects/Order", json=order_body(fresh_emulator)).json()["id"]
    second = http.post(f"{V}/sobjects/Order", json=order_body(fresh_emulator)).json()["id"]
    never = first[:9] + "ZZZZZZ"

    refused = http.delete(f"{V}/composite/sobjects", params={"ids": f"{first},{never}", "allOrNone": "true"}).json()
    partial = http.delete(f"{V}/composite/sobjects", params={"ids": f"{first},{never},{second}"}).json()

    assert [r["success"] for r in refused] == [False, False]
    assert refused[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert [(r["id"], r["success"]) for r in partial] == [(first, True), (never, False), (second, True)]
    assert partial[1]["errors"][0]["statusCode"] == "INVALID_CROSS_REFERENCE_KEY"
    again = http.delete(f"{V}/composite/sobjects", params={"ids": first}).json()
    assert again[0]["errors"][0]["statusCode"] == "ENTITY_IS_DELETED"


def test_a_deleted_record_reads_as_entity_is_deleted_and_a_never_existing_one_as_not_found(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    order_id = http.post(f"{V}/sobjects/Order", json=order_body(fresh_emulator)).json()["id"]
    assert http.delete(f"{V}/sobjects/Order/{order_id}").status_code == 204

    deleted = http.get(f"{V}/sobjects/Order/{order_id}")
    never = http.get(f"{V}/sobjects/Order/{order_id[:9]}ZZZZZZ")

    assert (deleted.status_code, deleted.json()) == (
        404,
        [{"message": "entity is deleted", "errorCode": "ENTITY_IS_DELETED", "fields": []}],
    )
    assert never.json()[0]["errorCode"] == "NOT_FOUND"
    assert http.patch(f"{V}/sobjects/Order/{order_id}", json={"Name": "x"}).json()[0]["errorCode"] == (
        "ENTITY_IS_DELETED"
    )


def test_the_token_names_an_identity_url_that_answers_who_the_user_is(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    resources = http.get(V).json()
    identity = http.get(resources["identity"], params={"version": "62.0"}).json()
    userinfo = http.get("/services/oauth2/userinfo").json()

    assert resources["identity"] == f"{fresh_emulator.url}/id/{ORG_ID}/{INTEGRATION_USER_ID}"
    assert (identity["user_id"], identity["organization_id"]) == (INTEGRATION_USER_ID, ORG_ID)
    assert identity["urls"]["rest"] == f"{fresh_emulator.url}/services/data/v62.0/"
    assert (userinfo["sub"], userinfo["user_id"]) == (resources["identity"], INTEGRATION_USER_ID)
    assert http.get("/services/oauth2/userinfo", headers={"Authorization": "Bearer nope"}).status_code == 403
    token = http.headers["Authorization"].removeprefix("Bearer ")
    with anonymous(fresh_emulator) as plain:
        assert plain.get(resources["identity"], params={"oauth_token": token}).status_code == 200
        assert plain.get(resources["identity"]).text == "Missing_OAuth_Token"
        other_org = resources["identity"].replace(ORG_ID, "00DRO0000000009AAA")
        other_user = resources["identity"].replace(INTEGRATION_USER_ID, "005RO0000000009AAA")
        assert plain.get(other_org, params={"oauth_token": token}).text == "Wrong_Org"
        assert plain.get(other_user, params={"oauth_token": token}).status_code == 404
        assert plain.get(resources["identity"], params={"oauth_token": token, "version": "x"}).status_code == 406


def test_the_versions_list_is_public_and_every_listed_version_answers(
    http: httpx.Client, fresh_emulator: Emulator
) -> None:
    with anonymous(fresh_emulator) as plain:
        versions = plain.get("/services/data").json()

    assert {"label": "Winter '25", "url": "/services/data/v62.0", "version": "62.0"} in versions
    assert versions[0]["version"] == "31.0"
    for listed in versions[::9]:
        assert http.get(listed["url"]).status_code == 200
    assert http.get("/services/data/v99.0/sobjects").status_code == 404


def test_unknown_routes_and_methods_answer_in_salesforce_shape(http: httpx.Client) -> None:
    unknown = http.get("/services/data/v62.0/spaceships")
    wrong_method = http.put(f"{V}/sobjects/Account/describe")

    assert (unknown.status_code, unknown.json()) == (
        404,
        [{"message": "The requested resource does not exist", "errorCode": "NOT_FOUND"}],
    )
    assert wrong_method.status_code == 405
    assert wrong_method.json()[0]["errorCode"] == "METHOD_NOT_ALLOWED"


def test_rest_writes_carry_the_rest_origin_with_or_without_a_client_name(
    http: httpx.Client, fresh_emulator: Emulator, commits: list[CommittedTransaction]
) -> None:
    http.post(f"{V}/sobjects/Order", json=order_body(fresh_emulator))
    http.post("/services/data/v59.0/sobjects/Order", json=order_body(fresh_emulator),
              headers={"Sforce-Call-Options": "client=qa-tool, defaultNamespace=x"})  # fmt: skip

    assert [change_origin(tx, "62.0") for tx in commits] == [
        "com/salesforce/api/rest/62.0",
        "com/salesforce/api/rest/59.0;client=qa-tool",
    ]


@pytest.mark.parametrize(("asked", "served"), [("50", 200), ("200", 200), ("500", 500), ("5000", 2000)])
def test_query_batch_size_is_held_to_salesforce_bounds(
    http: httpx.Client, fresh_emulator: Emulator, asked: str, served: int
) -> None:
    records = [{"type": "Case", "fields": {"Subject": f"bulk {n}"}} for n in range(2100)]
    assert http.post("/_sandbox/seed", json={"records": records}).status_code == 201

    page = http.get(
        f"{V}/query", params={"q": "SELECT Id FROM Case"}, headers={"Sforce-Query-Options": f"batchSize={asked}"}
    ).json()

    assert len(page["records"]) == served
    assert page["done"] is False
