"""The catalog documents built from the demo world's price book."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.crm_data import InMemoryCrmData
from application.catalog.snapshot import INDEX, CatalogSnapshot, build_snapshot, decode_snapshot, encode_snapshot
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.catalog.world import demo_crm, entry

BUILT = datetime(2026, 11, 1, tzinfo=UTC)


def snapshot() -> tuple[CatalogSnapshot, InMemoryCrmData]:
    data, _ = demo_crm()
    return build_snapshot(list(data.entries.values()), PublicCatalogJson(), built_at=BUILT, build_seconds=0.01), data


def skus(document: bytes) -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "sku" in node:
                found.add(str(node["sku"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(msgspec.json.decode(document))
    return found


def test_only_orderable_entries_appear_and_hidden_ones_never() -> None:
    built, _ = snapshot()
    everything = set().union(*(skus(built.documents[f]) for f in ("internet", "sim", "vpn")))
    assert "INTERNET-LEGACY-ADSL" not in everything  # Portal_Catalog__c false
    assert "SIM-1GB-DATA" not in everything  # inactive price-book entry
    assert {"INTERNET-HOME-1G-PRO", "SIM-10GB-VOICE", "VPN-USA-SF", "VPN-ACTIVATION-FEE"} <= everything


def test_internet_plans_are_grouped_by_offering_with_installations_and_addons() -> None:
    internet = msgspec.json.decode(snapshot()[0].documents["internet"])
    offerings = {o["offeringType"]: [p["sku"] for p in o["plans"]] for o in internet["offerings"]}
    assert offerings["Apartment 1G"] == ["INTERNET-APT-1G-STANDARD", "INTERNET-APT-1G-PRO"]
    assert offerings["Home 10G"] == ["INTERNET-HOME-10G-PLATINUM"]
    assert list(offerings) == ["Apartment 1G", "Home 1G", "Home 10G"]
    assert next(i["sku"] for i in internet["installations"]) == "INTERNET-INSTALL-ONCE"
    assert {a["sku"] for a in internet["addons"]} == {"INTERNET-ADDON-HOME-PHONE", "INTERNET-ADDON-PHONE-SETUP"}
    assert internet["pricesIncludeTax"] is False
    assert internet["taxRatePercent"] == "10"
    assert internet["offerings"][0]["plans"][0]["price"] == {"amount": "4800.00", "currency": "JPY"}


def test_the_public_sim_document_has_no_family_plans_but_the_catalog_keeps_them() -> None:
    built, _ = snapshot()
    sim = msgspec.json.decode(built.documents["sim"])
    assert sim["familyPlans"] == []
    assert len(sim["plans"]) == 12
    assert sim["activationFee"]["sku"] == "SIM-ACTIVATION-FEE"
    assert len(built.catalog.sim.family_plans) == 12
    assert all(p.sku.endswith("-FAMILY") and p.family_discount for p in built.catalog.sim.family_plans)


def test_the_index_lists_each_family_with_its_etag() -> None:
    built, _ = snapshot()
    index = msgspec.json.decode(built.documents[INDEX])
    assert [(s["family"], s["etag"]) for s in index["services"]] == [
        (f, built.etags[f]) for f in ("internet", "sim", "vpn")
    ]


@given(price=st.integers(min_value=1, max_value=1_000_000))
def test_the_etag_is_strong_and_changes_exactly_when_the_bytes_do(price: int) -> None:
    data, _ = demo_crm()
    before = build_snapshot(list(data.entries.values()), PublicCatalogJson(), built_at=BUILT, build_seconds=0.0)
    plan = entry(data, "VPN-USA-SF")
    data.entries[plan.entry_id] = msgspec.structs.replace(plan, unit_price=Decimal(price))
    after = build_snapshot(list(data.entries.values()), PublicCatalogJson(), built_at=BUILT, build_seconds=0.0)
    assert not before.etags["vpn"].startswith("W/")
    assert (before.etags["vpn"] == after.etags["vpn"]) is (price == 1200)
    assert before.etags["internet"] == after.etags["internet"]


def test_a_snapshot_survives_its_storage_encoding() -> None:
    built, _ = snapshot()
    assert decode_snapshot(encode_snapshot(built)) == built
