from __future__ import annotations

from decimal import Decimal

from sandbox.salesforce.seed import CATALOG
from tests.contract.salesforce.conftest import Crm


async def test_lists_every_portal_entry_with_its_product_fields(crm: Crm) -> None:
    entries = await crm.catalog.list_portal_entries()

    assert len(entries) == len(CATALOG)
    assert [e.sku for e in entries] == sorted((p.sku for p in CATALOG), key=str.casefold)
    assert {e.pricebook_id for e in entries} == {crm.ids.portal_pricebook}
    plan = next(e for e in entries if e.sku == "INTERNET-HOME-1G-PRO")
    assert (plan.unit_price, plan.whmcs_product_id, plan.billing_cycle) == (Decimal(6300), 112, "Monthly")
    assert (plan.category, plan.item_class) == ("Internet", "Service")
    assert (plan.internet_offering_type, plan.internet_plan_tier) == ("Home 1G", "Pro")
    assert plan.entry_id == crm.ids.portal_entries["INTERNET-HOME-1G-PRO"]
    assert plan.orderable


async def test_carries_sim_and_vpn_specifics(crm: Crm) -> None:
    entries = {e.sku: e for e in await crm.catalog.list_portal_entries()}

    family = entries["SIM-10GB-VOICE-FAMILY"]
    assert (family.unit_price, family.whmcs_product_id) == (Decimal(2180), 224)
    assert (family.sim_family_discount, family.freebit_plan_code, family.sim_plan_type) == (True, "PNEW_10G", "Voice")
    assert entries["SIM-ACTIVATION-FEE"].item_class == "Activation"
    assert entries["SIM-ADDON-VOICEMAIL"].eligibility_condition == "SIM_Plan_Type__c = Voice"
    assert entries["VPN-UK-LONDON"].vpn_region == "UK-London"
    assert entries["INTERNET-INSTALL-12M"].installment_months == 12
    assert entries["INTERNET-ADDON-HOME-PHONE"].required_skus == ("INTERNET-ADDON-PHONE-SETUP",)


async def test_hidden_and_inactive_entries_are_reported_but_not_orderable(crm: Crm) -> None:
    entries = {e.sku: e for e in await crm.catalog.list_portal_entries()}

    legacy, retired = entries["INTERNET-LEGACY-ADSL"], entries["SIM-1GB-DATA"]
    assert (legacy.portal_catalog, legacy.orderable) == (False, False)
    assert (retired.entry_active, retired.orderable) == (False, False)
    assert sum(e.orderable for e in entries.values()) == len(CATALOG) - 2


async def test_finds_entries_by_sku(crm: Crm) -> None:
    found = await crm.catalog.find_entries(["VPN-USA-SF", "NO-SUCH-SKU", "vpn-activation-fee", "VPN-USA-SF"])

    assert [e.sku for e in found] == ["VPN-ACTIVATION-FEE", "VPN-USA-SF"]


async def test_finding_no_skus_finds_nothing(crm: Crm) -> None:
    assert await crm.catalog.find_entries(["' OR Name != '", "%"]) == ()
