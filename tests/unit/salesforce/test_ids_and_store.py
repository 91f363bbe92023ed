from __future__ import annotations

import datetime as dt

import pytest

from sandbox.salesforce.changes import CommittedTransaction, WriteOrigin
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.ids import case_safe_suffix, make_id, to_18
from sandbox.salesforce.seed import seed_store
from sandbox.salesforce.store import RecordStore


def test_the_case_safe_suffix_matches_salesforces_published_example() -> None:
    assert case_safe_suffix("001D000000IqhSL") == "IAZ"
    assert to_18("001D000000IqhSL") == "001D000000IqhSLIAZ"
    assert to_18("001D000000IqhSLIAZ") == "001D000000IqhSLIAZ"


@pytest.mark.parametrize("bad", ["001D000000IqhSLAAA", "001D000000IqhS", "001D000000IqhSL-AZ", ""])
def test_malformed_or_miscased_ids_are_not_ids(bad: str) -> None:
    assert to_18(bad) is None


def test_generated_ids_carry_prefix_and_a_valid_suffix() -> None:
    record_id = make_id("801", 12345)

    assert (record_id[:3], len(record_id), to_18(record_id[:15])) == ("801", 18, record_id)


class Org:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
        self.store = RecordStore(lambda: self.now)
        self.ids = seed_store(self.store)
        self.commits: list[CommittedTransaction] = []
        self.store.add_listener(self.commits.append)


@pytest.fixture
def org() -> Org:
    return Org()


def test_every_write_moves_last_modified_and_announces_one_commit(org: Org) -> None:
    account_id = org.ids.accounts["SH-100003"]
    org.now += dt.timedelta(minutes=5)

    ours = WriteOrigin(api_version="62.0", client="portal-bff")
    org.store.update("Account", account_id, {"Portal_Status__c": "Active"}, origin=ours)

    record = org.store.get("Account", account_id)
    assert record["LastModifiedDate"] == record["SystemModstamp"] == org.now
    [commit] = org.commits
    assert (commit.origin_client, commit.commit_timestamp) == ("portal-bff", org.now)
    assert set(commit.changes[0].changed_fields) == {"LastModifiedDate", "Portal_Status__c"}
    assert commit.changes[0].values["Portal_Status__c"] == "Active"


def _order_with_an_inactive_item(org: Org) -> None:
    with org.store.transaction(WriteOrigin(api_version="62.0", client="portal-bff")):
        order_id = org.store.create(
            "Order",
            {"AccountId": org.ids.accounts["SH-100001"], "Status": "Pending Review", "EffectiveDate": "2026-11-01",
             "Pricebook2Id": org.ids.portal_pricebook},
        )  # fmt: skip
        entry = org.ids.portal_entries["SIM-1GB-DATA"]
        org.store.create("OrderItem", {"OrderId": order_id, "PricebookEntryId": entry, "Quantity": 1, "UnitPrice": 880})


def test_a_failed_transaction_leaves_nothing_and_announces_nothing(org: Org) -> None:
    before = len(org.store.rows("Order"))

    with pytest.raises(ApiError):
        _order_with_an_inactive_item(org)

    assert len(org.store.rows("Order")) == before
    assert org.commits == []


@pytest.mark.parametrize(
    ("entity", "body", "code"),
    [
        ("Order", {"Status": "Pending Review"}, "REQUIRED_FIELD_MISSING"),
        ("Order", {"Nope__c": 1}, "INVALID_FIELD"),
        ("Order", {"TotalAmount": 5}, "INVALID_FIELD_FOR_INSERT_UPDATE"),
        ("Case", {"Subject": "x" * 256}, "STRING_TOO_LONG"),
        ("Case", {"Status": "Whatever"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
        ("Case", {"AccountId": "003RO0000000001YAA"}, "FIELD_INTEGRITY_EXCEPTION"),
        ("Case", {"AccountId": "001RO0000000999YAA"}, "INVALID_CROSS_REFERENCE_KEY"),
        ("Case", {"AccountId": "garbage"}, "MALFORMED_ID"),
        ("Product2", {"Name": "x", "IsActive": "yes"}, "JSON_PARSER_ERROR"),
    ],
)
def test_writes_are_refused_as_salesforce_refuses_them(
    org: Org, entity: str, body: dict[str, object], code: str
) -> None:
    with pytest.raises(ApiError) as refused:
        org.store.create(entity, body)

    assert (refused.value.status, refused.value.error_code) == (400, code)


def test_order_items_derive_prices_and_roll_up_the_order_total(org: Org) -> None:
    order_id = org.store.create(
        "Order",
        {"AccountId": org.ids.accounts["SH-100001"], "Status": "Pending Review", "EffectiveDate": "2026-11-01",
         "Pricebook2Id": org.ids.portal_pricebook},
    )  # fmt: skip
    item_id = org.store.create(
        "OrderItem",
        {
            "OrderId": order_id,
            "PricebookEntryId": org.ids.portal_entries["VPN-USA-SF"],
            "Quantity": 2,
            "UnitPrice": 1200,
        },
    )

    item = org.store.get("OrderItem", item_id)
    assert (item["ListPrice"], item["TotalPrice"], item["Product2Id"]) == (
        1200.0,
        2400.0,
        org.ids.products["VPN-USA-SF"],
    )
    assert org.store.get("Order", order_id)["TotalAmount"] == 2400.0
    org.store.delete("Order", order_id)
    assert org.store.peek(item_id) is None
