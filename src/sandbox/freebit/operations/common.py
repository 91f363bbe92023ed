from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.config import FreebitEmulatorConfig
from sandbox.freebit.model import Account, PendingOrder, start_of_day
from sandbox.freebit.seed import PLAN_QUOTAS_MB
from sandbox.freebit.state import FreebitState

Reply = dict[str, object]


@dataclass(frozen=True)
class Call:
    state: FreebitState
    config: FreebitEmulatorConfig
    body: fields.Body

    @property
    def now(self) -> datetime:
        return self.state.now()


def existing_account(call: Call, body: fields.Body | None = None) -> Account:
    msisdn = fields.matching(body if body is not None else call.body, "account", fields.ACCOUNT)
    account = call.state.accounts.get(msisdn)
    if account is None:
        raise FreebitError(codes.ACCOUNT_NOT_FOUND, msisdn)
    return account


def plan_code(body: fields.Body) -> str:
    value = fields.text(body, "planCode")
    if value not in PLAN_QUOTAS_MB:
        raise FreebitError(codes.UNKNOWN_PLAN, value)
    return value


def ensure_changeable(call: Call, account: Account) -> None:
    """An account accepts changes only in service and while no operation is running on it."""
    if account.processing(call.now):
        raise FreebitError(codes.LOCKED, account.msisdn)
    if account.state != "active":
        raise FreebitError(codes.NOT_IN_SERVICE, f"{account.msisdn} is {account.state}")


def schedule(call: Call, account: Account, kind: str, run_on: date | None, payload: dict[str, str]) -> None:
    """Queue an asynchronous order: it starts on `run_on` (JST midnight) or now, and takes the delay."""
    starts_at = max(call.now, start_of_day(run_on)) if run_on else call.now
    due_at = starts_at + timedelta(seconds=call.config.completion_delay_seconds)
    account.pending.append(PendingOrder(kind, starts_at, due_at, payload))
