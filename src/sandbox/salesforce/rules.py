"""Object-specific behaviour of the org: derived fields, autonumbers, roll-ups and integrity rules."""

from __future__ import annotations

import base64
from typing import Protocol

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.ids import make_id
from sandbox.salesforce.objects_commerce import ACTIVATED_ORDER_STATUSES
from sandbox.salesforce.objects_crm import CLOSED_CASE_STATUSES
from sandbox.salesforce.values import Value

Record = dict[str, Value]


class OrgRecords(Protocol):
    """What the rules read and write of the record store (the store calls the rules, so they name only this)."""

    def rows(self, entity: str, *, include_deleted: bool = True) -> list[Record]: ...

    def peek(self, record_id: str) -> Record | None: ...

    def set_system_value(self, entity: str, record_id: str, name: str, value: Value) -> None: ...

    def next_autonumber(self, key: str, start: int) -> int: ...


_PRICEBOOK_MISMATCH = (
    "Order Products must have a Price Book Entry that belongs to the Price Book related to the parent Order."
)


def derive(store: OrgRecords, entity: str, record: Record, before: Record | None) -> None:
    """Fill in what the org computes on save; `before` is None on insert. Raises ApiError to refuse the save."""
    if entity == "Account" and before is None and not record.get("SF_Account_No__c"):
        # The org numbers every Account created without a Customer Number (a Flow in the real org; its exact
        # numbering is not known to us: "SH-" and six digits from 200001, apart from the contracts' numbers).
        record["SF_Account_No__c"] = f"SH-{store.next_autonumber('Account', 200_001):06d}"
    if entity == "ContentVersion" and before is None:
        record["ContentDocumentId"] = make_id("069", store.next_autonumber("ContentDocument", 1))
        record["FileExtension"] = str(record.get("PathOnClient") or "").rpartition(".")[2].lower() or None
        record["ContentSize"] = float(len(base64.b64decode(str(record.get("VersionData") or ""))))
    if entity == "Contact":
        record["Name"] = " ".join(str(p) for p in (record.get("FirstName"), record.get("LastName")) if p)
    elif entity == "Case":
        _case(store, record, before)
    elif entity == "Order":
        _order(store, record, before)
    elif entity == "OrderItem":
        _order_item(store, record, before)
    elif entity == "PricebookEntry" and before is None:
        _pricebook_entry(store, record)


def cascade_children(entity: str) -> tuple[tuple[str, str], ...]:
    """Master-detail children deleted with their parent: (child object, lookup field)."""
    if entity == "Order":
        return (("OrderItem", "OrderId"),)
    if entity == "Case":
        return (("CaseComment", "ParentId"),)
    return ()


def roll_up_order_total(store: OrgRecords, order_id: str) -> None:
    """Order.TotalAmount is a roll-up summary: recomputed without counting as a change to the order."""
    total = 0.0
    for item in store.rows("OrderItem", include_deleted=False):
        price = item.get("TotalPrice")
        if item.get("OrderId") == order_id and isinstance(price, float):
            total += price
    store.set_system_value("Order", order_id, "TotalAmount", total)


def _case(store: OrgRecords, record: Record, before: Record | None) -> None:
    if before is None:
        record["CaseNumber"] = f"{store.next_autonumber('Case', 1000):08d}"
        record.setdefault("Status", "New")
        record.setdefault("Priority", "Medium")
    closed = record.get("Status") in CLOSED_CASE_STATUSES
    record["IsClosed"] = closed
    if closed and not (before and before.get("IsClosed")):
        record["ClosedDate"] = record["LastModifiedDate"]
    elif not closed:
        record["ClosedDate"] = None


def _order(store: OrgRecords, record: Record, before: Record | None) -> None:
    activated = record.get("Status") in ACTIVATED_ORDER_STATUSES
    if before is None:
        record["OrderNumber"] = f"{store.next_autonumber('Order', 100):08d}"
        record["TotalAmount"] = 0.0
    elif before.get("StatusCode") == "Activated" and record.get("AccountId") != before.get("AccountId"):
        raise ApiError(
            400, "FIELD_INTEGRITY_EXCEPTION", "Account ID: cannot change on an activated order", ["AccountId"]
        )
    record["StatusCode"] = "Activated" if activated else "Draft"
    if activated and record.get("ActivatedDate") is None:
        record["ActivatedDate"] = record["LastModifiedDate"]


def _order_item(store: OrgRecords, record: Record, before: Record | None) -> None:
    if before is None:
        order = store.peek(str(record["OrderId"]))
        entry = store.peek(str(record["PricebookEntryId"]))
        # Both references were checked before the rules run.
        assert order is not None
        assert entry is not None
        if order.get("Pricebook2Id") != entry.get("Pricebook2Id"):
            raise ApiError(400, "FIELD_INTEGRITY_EXCEPTION", _PRICEBOOK_MISMATCH, ["PricebookEntryId"])
        if not entry.get("IsActive"):
            raise ApiError(
                400,
                "FIELD_INTEGRITY_EXCEPTION",
                "field integrity exception: PricebookEntryId (pricebook entry is inactive)",
                ["PricebookEntryId"],
            )
        if order.get("StatusCode") == "Activated":
            raise ApiError(400, "FIELD_INTEGRITY_EXCEPTION", "You can't add products to an activated order.", [])
        record["OrderItemNumber"] = f"{store.next_autonumber('OrderItem', 1):010d}"
        record["Product2Id"] = entry["Product2Id"]
        record["ListPrice"] = entry.get("UnitPrice")
    for required in ("Quantity", "UnitPrice"):
        if record.get(required) is None:
            raise ApiError(400, "REQUIRED_FIELD_MISSING", f"Required fields are missing: [{required}]", [required])
    record["TotalPrice"] = float(record["Quantity"] or 0) * float(record["UnitPrice"] or 0)  # type: ignore[arg-type]


def _pricebook_entry(store: OrgRecords, record: Record) -> None:
    product = store.peek(str(record["Product2Id"]))
    assert product is not None
    record["Name"] = product.get("Name")
    record["ProductCode"] = product.get("ProductCode")
    same_product = [e for e in store.rows("PricebookEntry") if e.get("Product2Id") == record["Product2Id"]]
    if any(e.get("Pricebook2Id") == record["Pricebook2Id"] for e in same_product):
        raise ApiError(400, "DUPLICATE_VALUE", "This price definition already exists in this price book", [])
    book = store.peek(str(record["Pricebook2Id"]))
    standard_books = {b["Id"] for b in store.rows("Pricebook2") if b.get("IsStandard")}
    if (
        book is not None
        and not book.get("IsStandard")
        and not any(e.get("Pricebook2Id") in standard_books for e in same_product)
    ):
        raise ApiError(
            400,
            "FIELD_INTEGRITY_EXCEPTION",
            "You must define a standard price for this product before defining a custom price.",
            ["Product2Id"],
        )
