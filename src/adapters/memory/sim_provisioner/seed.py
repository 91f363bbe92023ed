"""The twin's copy of the Freebit demo-world facts.

The emulator's `sandbox.freebit.seed` is the source; production code may not import the sandbox, so the
facts are repeated here and a contract test fails the moment the two disagree.
"""

from __future__ import annotations

from datetime import date

PLAN_QUOTAS_MB: dict[str, int] = {"PNEW_3G": 3072, "PNEW_10G": 10240, "PNEW_20G": 20480, "PNEW_50G": 51200}

PHYSICAL_SIMS: dict[str, str] = {  # product number → MSISDN
    "AX2025110000001": "07011110001",
    "AX2025110000002": "08022220002",
    "AX2025110000003": "09033330003",
    "AX2025110000004": "07011110004",
    "AX2025110000005": "08022220005",
    "DN2025110000006": "09033330006",
    "DN2025110000007": "07011110007",
    "DN2025110000008": "08022220008",
    "DN2025110000009": "09033330009",
    "DN2025110000010": "07011110010",
}

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

HANAKO_MSISDN = "08012345678"
HANAKO_PRODUCT_NUMBER = "DN2025040000001"
HANAKO_PLAN_CODE = "PNEW_10G"
HANAKO_STARTED_ON = date(2025, 4, 1)
HANAKO_USED_MB_RECENT_DAYS: tuple[int, ...] = (312, 845, 129)  # today, yesterday, the day before

MNP_RESERVE_NUMBER = "4012345678"
MNP_MSISDN = "09098765432"
MNP_VALID_DAYS = 15
MNP_HOLDER: tuple[str, str, str, str, str, date] = ("鈴木", "由紀", "スズキ", "ユキ", "W", date(1992, 8, 20))
