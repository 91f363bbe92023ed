"""Freebit's checks as the twin applies them, failing with the errors the Freebit adapter raises."""

from __future__ import annotations

import re
from datetime import date

from adapters.freebit.errors import FreebitRejected, to_application_error
from adapters.memory.sim_provisioner import seed
from application.errors import ApplicationError
from application.ports.sim_models import MnpTransfer

ACCOUNT = re.compile(r"\d{11,14}")
PRODUCT_NUMBER = re.compile(r"[A-Z]{2}\d{13}")
EID = re.compile(r"\d{32}")
RESERVE_NUMBER = re.compile(r"\d{10}")
ZEN_KANA = re.compile(r"[ァ-ヶー　]+")
MAX_QUOTA_MB = 512_000

# (resultCode, statusCode, message), as the Freebit sandbox answers.
ACCOUNT_NOT_FOUND = ("300", "301", "account not found")
PRODUCT_NOT_FOUND = ("300", "302", "productNumber is not in the SIM inventory")
NO_ESIM_PROFILE = ("300", "303", "no eSIM profile is available for this account")
MISSING_PARAMETER = ("400", "401", "required parameter is missing")
BAD_FORMAT = ("400", "402", "parameter has an invalid format")
BAD_EID = ("400", "403", "eid must be 32 digits")
BAD_MNP = ("400", "404", "MNP reservation is invalid")
MNP_EXPIRED = ("400", "405", "MNP reservation has expired")
UNKNOWN_PLAN = ("400", "406", "planCode is not available")
QUOTA_OUT_OF_RANGE = ("400", "407", "quota must be between 1 and 512000 MB")
NOT_VOICE_SIM = ("400", "412", "voice options require a voice SIM")
EMPTY_TALK_OPTION = ("400", "409", "talkOption must not be empty")
UNSUPPORTED_PATTERN = ("400", "356", "unsupported pattern")
SIM_MISMATCH = ("400", "413", "productNumber is not bound to this account")
ALREADY_REGISTERED = ("500", "501", "already registered")
LOCKED = ("500", "502", "account is locked by an operation in progress")
NOT_IN_SERVICE = ("500", "503", "account is not in service")
ALREADY_REQUESTED = ("500", "504", "a cancellation is already requested")


def reject(code: tuple[str, str, str], detail: str = "") -> ApplicationError:
    result_code, status_code, message = code
    return to_application_error(
        FreebitRejected(result_code, status_code, f"{message}: {detail}" if detail else message)
    )


def check_present(value: str, name: str) -> None:
    if not value:  # Freebit reads an empty string as a missing parameter
        raise reject(MISSING_PARAMETER, name)


def check_format(value: str, pattern: re.Pattern[str], name: str) -> None:
    check_present(value, name)
    if not pattern.fullmatch(value):
        raise reject(BAD_FORMAT, name)


def check_plan(plan_code: str) -> None:
    check_present(plan_code, "planCode")
    if plan_code not in seed.PLAN_QUOTAS_MB:
        raise reject(UNKNOWN_PLAN, plan_code)


def check_quota(quota_mb: int, quota_code: str) -> None:
    if not re.fullmatch(r"\d{1,6}", str(quota_mb)):
        raise reject(BAD_FORMAT, "quota must be 1-6 digits")
    if not 1 <= quota_mb <= MAX_QUOTA_MB:
        raise reject(QUOTA_OUT_OF_RANGE, str(quota_mb))
    if len(quota_code) > 512:
        raise reject(BAD_FORMAT, "quotaCode is longer than 512 characters")


def check_mnp_block(mnp: MnpTransfer) -> None:
    """The checks on the `mnp` object itself, before any reservation is looked up."""
    if not RESERVE_NUMBER.fullmatch(mnp.reserve_number):
        raise reject(BAD_MNP, "reserveNumber must be 10 digits")
    for name in (mnp.last_name_kanji, mnp.first_name_kanji, mnp.last_name_kana, mnp.first_name_kana):
        if not name:
            raise reject(MISSING_PARAMETER, "mnp holder name")
    for kana in (mnp.last_name_kana, mnp.first_name_kana):
        if not ZEN_KANA.fullmatch(kana):
            raise reject(BAD_FORMAT, "name kana must be full-width katakana")


def holder_of(mnp: MnpTransfer) -> tuple[str, str, str, str, str, date]:
    return (
        mnp.last_name_kanji,
        mnp.first_name_kanji,
        mnp.last_name_kana,
        mnp.first_name_kana,
        mnp.gender,
        mnp.birthday,
    )
