"""The demo world's catalog (DEMO-WORLD.md): every portal SKU with its price, WHMCS pid and catalog fields.

Business identifiers here (SKUs, WHMCS pids, Freebit plan codes, prices) are fixed facts other emulators and
tests rely on; record ids are not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

PORTAL_PRICEBOOK_NAME = "Portal"
STANDARD_PRICEBOOK_NAME = "Standard Price Book"


@dataclass(frozen=True)
class SeedProduct:
    sku: str
    name: str
    category: str  # Internet / SIM / VPN
    item_class: str  # Service / Installation / Add-on / Activation
    billing_cycle: str  # Monthly / Onetime
    price: Decimal
    whmcs_pid: int | None
    portal_catalog: bool = True
    entry_active: bool = True
    fields: dict[str, Any] = field(default_factory=dict)  # the family-specific custom fields

    def product2_body(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "ProductCode": self.sku,
            "StockKeepingUnit": self.sku,
            "IsActive": True,
            "Family": self.category,
            "Product2Categories1__c": self.category,
            "Portal_Catalog__c": self.portal_catalog,
            "Portal_Accessible__c": self.portal_catalog,
            "Item_Class__c": self.item_class,
            "Billing_Cycle__c": self.billing_cycle,
            "WH_Product_ID__c": self.whmcs_pid,
            "WH_Product_Name__c": self.name if self.whmcs_pid is not None else None,
            **self.fields,
        }


def _internet() -> list[SeedProduct]:
    plans = [
        ("INTERNET-APT-1G-STANDARD", "Apartment 1G", "Standard", 4800, 101),
        ("INTERNET-APT-1G-PRO", "Apartment 1G", "Pro", 5300, 102),
        ("INTERNET-HOME-1G-STANDARD", "Home 1G", "Standard", 5800, 111),
        ("INTERNET-HOME-1G-PRO", "Home 1G", "Pro", 6300, 112),
        ("INTERNET-HOME-1G-PLATINUM", "Home 1G", "Platinum", 7300, 113),
        ("INTERNET-HOME-10G-PLATINUM", "Home 10G", "Platinum", 8800, 121),
    ]
    products = [
        SeedProduct(
            sku, f"Hikari Fibre {offering} {tier}", "Internet", "Service", "Monthly", Decimal(price), pid,
            fields={"Internet_Offering_Type__c": offering, "Internet_Plan_Tier__c": tier,
                    "Internet_Monthly_Price__c": price, "Internet_Display_Order__c": order},
        )
        for order, (sku, offering, tier, price, pid) in enumerate(plans, start=1)
    ]  # fmt: skip
    installs = [
        # (sku, name, billing cycle, price per payment, WHMCS pid, instalments, default choice)
        ("INTERNET-INSTALL-ONCE", "Installation (one payment)", "Onetime", 22000, 131, 0, True),
        ("INTERNET-INSTALL-12M", "Installation (12 monthly payments)", "Monthly", 1834, 132, 12, False),
        ("INTERNET-INSTALL-24M", "Installation (24 monthly payments)", "Monthly", 917, 133, 24, False),
        ("INTERNET-INSTALL-WEEKEND", "Weekend installation", "Onetime", 3000, 134, 0, False),
    ]
    products += [
        SeedProduct(
            sku, name, "Internet", "Installation", cycle, Decimal(price), pid,
            fields={"Installment_Months__c": months, "Is_Default__c": default, "Display_Order__c": order},
        )
        for order, (sku, name, cycle, price, pid, months, default) in enumerate(installs, start=1)
    ]  # fmt: skip
    products += [
        SeedProduct(
            "INTERNET-ADDON-HOME-PHONE", "Hikari Denwa home phone", "Internet", "Add-on", "Monthly", Decimal(450), 141,
            fields={"Required_Products__c": json.dumps(["INTERNET-ADDON-PHONE-SETUP"]), "Display_Order__c": 1},
        ),
        SeedProduct(
            "INTERNET-ADDON-PHONE-SETUP", "Hikari Denwa setup", "Internet", "Add-on", "Onetime", Decimal(1100), 142,
            fields={"Dependent_Products__c": json.dumps(["INTERNET-ADDON-HOME-PHONE"]), "Display_Order__c": 2},
        ),
        SeedProduct(
            "INTERNET-LEGACY-ADSL", "ADSL 12M (legacy)", "Internet", "Service", "Monthly", Decimal(2980), None,
            portal_catalog=False, fields={"Internet_Offering_Type__c": "ADSL", "Internet_Plan_Tier__c": "Legacy"},
        ),
    ]  # fmt: skip
    return products


# (SKU stem, data size, prices voice / data+SMS / data-only, Freebit plan code)
_SIM_SIZES = [
    ("3GB", "3 GB", (1480, 1100, 980), "PNEW_3G"),
    ("10GB", "10 GB", (2480, 2100, 1980), "PNEW_10G"),
    ("20GB", "20 GB", (3280, 2900, 2780), "PNEW_20G"),
    ("50GB", "50 GB", (4980, 4600, 4480), "PNEW_50G"),
]
_SIM_TYPES = [("VOICE", "Voice", "voice"), ("DATA-SMS", "Data+SMS", "data + SMS"), ("DATA", "Data", "data only")]


def _sim() -> list[SeedProduct]:
    products: list[SeedProduct] = []
    for family, pid_base, discount in ((False, 201, 0), (True, 221, 300)):
        pid = pid_base
        for order, (stem, size, prices, plan_code) in enumerate(_SIM_SIZES, start=1):
            for (suffix, plan_type, label), price in zip(_SIM_TYPES, prices, strict=True):
                sku = f"SIM-{stem}-{suffix}" + ("-FAMILY" if family else "")
                name = f"SIM {size} {label}" + (" (family discount)" if family else "")
                products.append(
                    SeedProduct(
                        sku, name, "SIM", "Service", "Monthly", Decimal(price - discount), pid,
                        fields={"SIM_Data_Size__c": size, "SIM_Plan_Type__c": plan_type,
                                "SIM_Has_Family_Discount__c": family, "Freebit_Plan_Code__c": plan_code,
                                "Display_Order__c": order},
                    )
                )  # fmt: skip
                pid += 1
    voice_only = "SIM_Plan_Type__c = Voice"
    products += [
        SeedProduct("SIM-ACTIVATION-FEE", "SIM activation fee", "SIM", "Activation", "Onetime", Decimal(3300), 240,
                    fields={"Auto_Add__c": True}),
        SeedProduct("SIM-ADDON-VOICEMAIL", "Voicemail", "SIM", "Add-on", "Monthly", Decimal(300), 241,
                    fields={"Eligibility_Condition__c": voice_only}),
        SeedProduct("SIM-ADDON-CALL-WAITING", "Call waiting", "SIM", "Add-on", "Monthly", Decimal(200), 242,
                    fields={"Eligibility_Condition__c": voice_only}),
        SeedProduct("SIM-1GB-DATA", "SIM 1 GB data only (retired)", "SIM", "Service", "Monthly", Decimal(880), 200,
                    entry_active=False,
                    fields={"SIM_Data_Size__c": "1 GB", "SIM_Plan_Type__c": "Data", "Freebit_Plan_Code__c": "PNEW_1G"}),
    ]  # fmt: skip
    return products


def _vpn() -> list[SeedProduct]:
    return [
        SeedProduct("VPN-USA-SF", "VPN USA (San Francisco)", "VPN", "Service", "Monthly", Decimal(1200), 301,
                    fields={"VPN_Region__c": "USA-SF", "VPN_Display_Order__c": 1}),
        SeedProduct("VPN-UK-LONDON", "VPN UK (London)", "VPN", "Service", "Monthly", Decimal(1200), 302,
                    fields={"VPN_Region__c": "UK-London", "VPN_Display_Order__c": 2}),
        SeedProduct("VPN-ACTIVATION-FEE", "VPN activation fee", "VPN", "Activation", "Onetime", Decimal(3000), 310,
                    fields={"Auto_Add__c": True}),
    ]  # fmt: skip


CATALOG: tuple[SeedProduct, ...] = (*_internet(), *_sim(), *_vpn())
HIDDEN_SKUS = frozenset({"INTERNET-LEGACY-ADSL", "SIM-1GB-DATA"})
