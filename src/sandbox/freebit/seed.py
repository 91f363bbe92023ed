"""The Freebit side of the demo world (see DEMO-WORLD.md): one module of fixed facts, importable by tests.

The same SIM product numbers and MSISDNs appear in the WHMCS seed; keep them in step.
"""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

OEM_ID = "PSANDBOX"
OEM_KEY = "sandbox-oem-key"

# Plan code → monthly data quota in MB.
PLAN_QUOTAS_MB: dict[str, int] = {"PNEW_3G": 3072, "PNEW_10G": 10240, "PNEW_20G": 20480, "PNEW_50G": 51200}
PLAN_CODES: tuple[str, ...] = tuple(PLAN_QUOTAS_MB)


class PhysicalSim(msgspec.Struct, frozen=True, kw_only=True):
    product_number: str  # 2 uppercase letters + 13 digits, printed on the card
    msisdn: str  # the free number bound to the card


class MnpReservation(msgspec.Struct, frozen=True, kw_only=True):
    reserve_number: str  # 10 digits, issued by the donor carrier
    msisdn: str  # the number being ported in
    valid_days: int  # reservations are valid this many days from the seed date
    last_name_kanji: str
    first_name_kanji: str
    last_name_kana: str
    first_name_kana: str
    gender: str
    birthday: date

    def expires_on(self, seeded_on: date) -> date:
        return seeded_on + timedelta(days=self.valid_days)


PHYSICAL_SIMS: tuple[PhysicalSim, ...] = (
    PhysicalSim(product_number="AX2025110000001", msisdn="07011110001"),
    PhysicalSim(product_number="AX2025110000002", msisdn="08022220002"),
    PhysicalSim(product_number="AX2025110000003", msisdn="09033330003"),
    PhysicalSim(product_number="AX2025110000004", msisdn="07011110004"),
    PhysicalSim(product_number="AX2025110000005", msisdn="08022220005"),
    PhysicalSim(product_number="DN2025110000006", msisdn="09033330006"),
    PhysicalSim(product_number="DN2025110000007", msisdn="07011110007"),
    PhysicalSim(product_number="DN2025110000008", msisdn="08022220008"),
    PhysicalSim(product_number="DN2025110000009", msisdn="09033330009"),
    PhysicalSim(product_number="DN2025110000010", msisdn="07011110010"),
)

# Numbers held for eSIM profiles; each can be activated for any valid 32-digit EID.
ESIM_MSISDNS: tuple[str, ...] = (
    "07055550001",
    "08055550002",
    "09055550003",
    "07055550004",
    "08055550005",
    "09055550006",
    "07055550007",
    "08055550008",
    "09055550009",
    "07055550010",
)

# Hanako Tanaka (SH-100001): SIM-10GB-VOICE on a physical SIM, in service with voice options.
HANAKO_MSISDN = "08012345678"
HANAKO_PRODUCT_NUMBER = "DN2025040000001"
HANAKO_PLAN_CODE = "PNEW_10G"
HANAKO_STARTED_ON = date(2025, 4, 1)
HANAKO_VOICE_MAIL = True
HANAKO_CALL_WAITING = True
HANAKO_USED_MB_RECENT_DAYS: tuple[int, ...] = (312, 845, 129)  # today, yesterday, the day before

# A number a new customer ports in from another carrier.
MNP_RESERVATION = MnpReservation(
    reserve_number="4012345678",
    msisdn="09098765432",
    valid_days=15,
    last_name_kanji="鈴木",
    first_name_kanji="由紀",
    last_name_kana="スズキ",
    first_name_kana="ユキ",
    gender="W",
    birthday=date(1992, 8, 20),
)

# EIDs are 32 digits; any such EID gets a profile. These are handy valid examples for tests and the demo.
SAMPLE_EIDS: tuple[str, ...] = (
    "89049032000001000000012345678901",
    "89049032000001000000012345678902",
    "89049032000001000000012345678903",
)
