"""The demo world's WHMCS products (pids and JPY prices from shared/DEMO-WORLD.md), and their service fields."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from sandbox.whmcs.records import ProductRecord

GROUPS = {1: "Internet", 2: "SIM", 3: "VPN"}
# Service custom fields: id = pid * 10 + offset, so every product has its own (WHMCS ties a field to one product).
SERVICE_FIELD_OFFSETS = {"OpportunityId": 0, "SIM Number": 1, "Serial Number": 2, "EID": 3}


class CatalogEntry(msgspec.Struct, frozen=True):
    pid: int
    sku: str
    name: str
    gid: int
    paytype: str  # recurring (monthly) or onetime
    price: int  # JPY, excluding consumption tax


def _sim_plans() -> list[CatalogEntry]:
    sizes = [("3GB", (1480, 1100, 980)), ("10GB", (2480, 2100, 1980)), ("20GB", (3280, 2900, 2780))]
    sizes.append(("50GB", (4980, 4600, 4480)))
    kinds = (("VOICE", "Voice"), ("DATA-SMS", "Data + SMS"), ("DATA", "Data only"))
    entries = []
    for family, first_pid, discount in ((False, 201, 0), (True, 221, 300)):
        pid = first_pid
        for size, prices in sizes:
            for (suffix, label), price in zip(kinds, prices, strict=True):
                sku = f"SIM-{size}-{suffix}" + ("-FAMILY" if family else "")
                name = f"SIM {size} {label}" + (" (Family)" if family else "")
                entries.append(CatalogEntry(pid, sku, name, 2, "recurring", price - discount))
                pid += 1
    return entries


CATALOG: tuple[CatalogEntry, ...] = (
    CatalogEntry(101, "INTERNET-APT-1G-STANDARD", "Apartment 1G Standard", 1, "recurring", 4800),
    CatalogEntry(102, "INTERNET-APT-1G-PRO", "Apartment 1G Pro", 1, "recurring", 5300),
    CatalogEntry(111, "INTERNET-HOME-1G-STANDARD", "Home 1G Standard", 1, "recurring", 5800),
    CatalogEntry(112, "INTERNET-HOME-1G-PRO", "Home 1G Pro", 1, "recurring", 6300),
    CatalogEntry(113, "INTERNET-HOME-1G-PLATINUM", "Home 1G Platinum", 1, "recurring", 7300),
    CatalogEntry(121, "INTERNET-HOME-10G-PLATINUM", "Home 10G Platinum", 1, "recurring", 8800),
    CatalogEntry(131, "INTERNET-INSTALL-ONCE", "Installation (one payment)", 1, "onetime", 22000),
    CatalogEntry(132, "INTERNET-INSTALL-12M", "Installation (12 monthly payments)", 1, "recurring", 1834),
    CatalogEntry(133, "INTERNET-INSTALL-24M", "Installation (24 monthly payments)", 1, "recurring", 917),
    CatalogEntry(134, "INTERNET-INSTALL-WEEKEND", "Weekend installation", 1, "onetime", 3000),
    CatalogEntry(141, "INTERNET-ADDON-HOME-PHONE", "Home Phone", 1, "recurring", 450),
    CatalogEntry(142, "INTERNET-ADDON-PHONE-SETUP", "Home Phone setup", 1, "onetime", 1100),
    *_sim_plans(),
    CatalogEntry(240, "SIM-ACTIVATION-FEE", "SIM activation fee", 2, "onetime", 3300),
    CatalogEntry(241, "SIM-ADDON-VOICEMAIL", "Voicemail", 2, "recurring", 300),
    CatalogEntry(242, "SIM-ADDON-CALL-WAITING", "Call waiting", 2, "recurring", 200),
    CatalogEntry(301, "VPN-USA-SF", "VPN USA (San Francisco)", 3, "recurring", 1200),
    CatalogEntry(302, "VPN-UK-LONDON", "VPN UK (London)", 3, "recurring", 1200),
    CatalogEntry(310, "VPN-ACTIVATION-FEE", "VPN activation fee", 3, "onetime", 3000),
)
SKU_BY_PID = {entry.pid: entry.sku for entry in CATALOG}
PID_BY_SKU = {entry.sku: entry.pid for entry in CATALOG}
SIM_PLAN_PIDS = frozenset(range(201, 213)) | frozenset(range(221, 233))


def service_field_id(pid: int, name: str) -> int:
    """The id of a product's service custom field ("SIM Number", "Serial Number", "EID", "OpportunityId")."""
    return pid * 10 + SERVICE_FIELD_OFFSETS[name]


def product_record(entry: CatalogEntry) -> ProductRecord:
    names = ["OpportunityId"] + (["SIM Number", "Serial Number", "EID"] if entry.pid in SIM_PLAN_PIDS else [])
    return ProductRecord(
        pid=entry.pid,
        gid=entry.gid,
        group_name=GROUPS[entry.gid],
        name=entry.name,
        slug=entry.sku.lower(),
        paytype=entry.paytype,
        pricing={"monthly": Decimal(entry.price).quantize(Decimal("0.01")), "msetupfee": Decimal("0.00")},
        description=f"<p>{entry.name}</p><p>SKU: {entry.sku}</p>",  # real HTML, as admins write it
        custom_fields={service_field_id(entry.pid, n): n for n in names},
    )
