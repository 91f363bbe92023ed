"""The catalog's CRM field list has one home (`application.ports.catalog_source`): every `CatalogEntry` field is
read from exactly one named CRM field, and the adapter's query selects exactly those."""

from __future__ import annotations

import msgspec

from adapters.salesforce.catalog import to_entry
from application.ports.catalog_source import CRM_ENTRY_FIELDS, CRM_PRODUCT_FIELDS, CatalogEntry


def test_every_catalog_entry_field_has_exactly_one_crm_source() -> None:
    named = [*CRM_ENTRY_FIELDS, *CRM_PRODUCT_FIELDS]
    assert sorted(named) == sorted(f.name for f in msgspec.structs.fields(CatalogEntry))


def test_the_adapter_reads_each_field_from_its_named_crm_field() -> None:
    record = {
        "Id": "01uRO0000000001YAA", "Product2Id": "01tRO0000000001YAA", "Pricebook2Id": "01sRO0000000001YAA",
        "UnitPrice": 4980.0, "IsActive": True,
        "Product2": {
            "StockKeepingUnit": "SIM-VOICE-5GB", "Name": "SIM Voice 5 GB", "IsActive": True, "Portal_Catalog__c": True,
            "Portal_Accessible__c": True, "Product2Categories1__c": "SIM", "Item_Class__c": "Service",
            "WH_Product_ID__c": 12.0, "SIM_Plan_Type__c": "Voice", "Required_Products__c": '["SIM-ACTIVATION-FEE"]',
            "Eligibility_Condition__c": None,
        },
    }  # fmt: skip
    entry = to_entry(record)
    assert (entry.entry_id, entry.product_id, entry.pricebook_id) == (
        "01uRO0000000001YAA", "01tRO0000000001YAA", "01sRO0000000001YAA",
    )  # fmt: skip
    assert (entry.sku, entry.name, entry.unit_price, entry.whmcs_product_id) == (
        "SIM-VOICE-5GB",
        "SIM Voice 5 GB",
        4980,
        12,
    )
    assert entry.orderable
    assert entry.category == "SIM"
    assert entry.sim_plan_type == "Voice"
    assert entry.required_skus == ("SIM-ACTIVATION-FEE",)
    assert entry.eligibility_condition is None
    assert entry.product_field("SIM_Plan_Type__c") == "Voice"
    assert entry.product_field("Colour__c") is None
