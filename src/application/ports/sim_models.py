"""What the SIM provisioner (Freebit) tells us and what we ask of it, in plain types.

MSISDNs are digits only (no hyphens); dates are calendar dates in Japan; quotas are whole megabytes.
A mutation returning means Freebit *accepted* it: activations, voice options and cancellations finish
asynchronously, so callers read `SimAccount` to see whether they are still pending or complete.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

import msgspec


class SimKind(StrEnum):
    VOICE = "voice"  # Freebit simKind E0
    DATA_SMS = "data_sms"  # E3
    DATA = "data"  # E2


class ContractLine(StrEnum):
    LTE = "4G"
    FIVE_G = "5G"


class SimAccountState(StrEnum):
    ACTIVATING = "activating"  # registration accepted, not yet in service
    ACTIVE = "active"
    CANCELLED = "cancelled"


class SimOperation(StrEnum):
    ACTIVATE_PHYSICAL = "activate_physical"
    ACTIVATE_ESIM = "activate_esim"
    VOICE_OPTIONS = "voice_options"
    CANCEL = "cancel"
    ADD_QUOTA = "add_quota"
    GET_ACCOUNT = "get_account"
    GET_TRAFFIC = "get_traffic"
    GET_QUOTA_HISTORY = "get_quota_history"
    NETWORK_TYPE = "network_type"
    REISSUE_ESIM = "reissue_esim"
    PLAN_CHANGE = "plan_change"
    SWAP_CARD = "swap_card"  # a physical card replaced by another
    OTHER = "other"  # a pending Freebit order we do not issue ourselves (e.g. a 4G/5G line change)


Gender = Literal["M", "W", "C"]  # Freebit's codes: male, female, corporate


class MnpTransfer(msgspec.Struct, frozen=True, kw_only=True):
    """A number ported in from another carrier (MNP), as the reservation was issued."""

    reserve_number: str  # 10 digits
    reserve_expires_on: date
    last_name_kanji: str
    first_name_kanji: str
    last_name_kana: str  # full-width katakana
    first_name_kana: str
    gender: Gender
    birthday: date


class VoiceOptions(msgspec.Struct, frozen=True, kw_only=True):
    voice_mail: bool = False
    call_waiting: bool = False
    international_roaming: bool = False  # Freebit "WorldWing"


class VoiceOptionChange(msgspec.Struct, frozen=True, kw_only=True):
    """Options to switch; None leaves an option as it is (Freebit PA05-06 "omitted means no change")."""

    voice_mail: bool | None = None
    call_waiting: bool | None = None
    international_roaming: bool | None = None

    @property
    def empty(self) -> bool:
        return self.voice_mail is None and self.call_waiting is None and self.international_roaming is None

    def applied_to(self, options: VoiceOptions) -> VoiceOptions:
        return VoiceOptions(
            voice_mail=options.voice_mail if self.voice_mail is None else self.voice_mail,
            call_waiting=options.call_waiting if self.call_waiting is None else self.call_waiting,
            international_roaming=(
                options.international_roaming if self.international_roaming is None else self.international_roaming
            ),
        )


class PhysicalSimActivation(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str  # the number bound to the SIM card in inventory
    product_number: str  # 15 characters printed on the card, e.g. AX1234567890123
    plan_code: str  # e.g. PNEW_10G
    contract_line: ContractLine = ContractLine.LTE
    start_on: date | None = None  # None: activate now


class EsimActivation(msgspec.Struct, frozen=True, kw_only=True):
    """New eSIM (the number comes from our SIM inventory) or, with `mnp`, a number ported in."""

    msisdn: str
    eid: str  # 32 digits, read from the customer's device
    plan_code: str
    sim_kind: SimKind = SimKind.VOICE
    contract_line: ContractLine = ContractLine.LTE
    mnp: MnpTransfer | None = None


class AcceptedOperation(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    operation: SimOperation
    # True when the answer was lost and we learned from the account that Freebit had applied it anyway.
    reconciled: bool = False


class PendingOperation(msgspec.Struct, frozen=True, kw_only=True):
    operation: SimOperation
    run_on: date  # when Freebit starts it (it then takes up to ~10 minutes)


class SimAccount(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    state: SimAccountState
    plan_code: str
    contract_line: ContractLine
    voice_options: VoiceOptions
    pending: tuple[PendingOperation, ...] = ()
    sim_kind: SimKind | None = None  # reported for eSIM only
    product_number: str | None = None  # physical SIM
    eid: str | None = None  # eSIM
    started_on: date | None = None
    cancelled_on: date | None = None

    @property
    def activation_pending(self) -> bool:
        return self.state is SimAccountState.ACTIVATING

    @property
    def activation_complete(self) -> bool:
        return self.state is SimAccountState.ACTIVE

    @property
    def busy(self) -> bool:
        """Freebit refuses further changes while an operation is running or waiting on this account."""
        return bool(self.pending)


class QuotaTopUp(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    quota_mb: int  # Freebit accepts 1-512000
    # Our own operation id: Freebit keeps it in the quota history, which is how a lost answer is reconciled.
    quota_code: str
    expires_on: date | None = None


class QuotaTopUpReceipt(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    quota_mb: int
    quota_code: str
    reconciled: bool = False


class DailyUsage(msgspec.Struct, frozen=True, kw_only=True):
    day: date
    used_mb: int


class TrafficInfo(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    remaining_mb: int
    used_today_mb: int
    recent_days: tuple[DailyUsage, ...] = ()  # newest first
