"""PA05-06 voice option change (`mvno/talkoption/changeOrder/`) and PA05-38 network type change
(`mvno/contractline/change/`): both asynchronous; the line change locks the account for about 30 minutes."""

from __future__ import annotations

from datetime import timedelta

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import VOICE_OPTION_NAMES, PendingOrder
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account, schedule

CONTRACT_LINES = ("4G", "5G")


def change_order(call: Call) -> Reply:
    account = existing_account(call)
    talk_option = fields.obj(call.body, "talkOption", required=False)
    if not talk_option:  # required, and `{}` is an error (omitted options mean "no change")
        raise FreebitError(codes.EMPTY_TALK_OPTION)
    unknown = set(talk_option) - set(VOICE_OPTION_NAMES)
    if unknown:
        raise FreebitError(codes.BAD_FORMAT, f"talkOption.{sorted(unknown)[0]}")
    changes = {name: fields.flag(talk_option, name) for name in talk_option}
    ensure_changeable(call, account)
    if account.sim_kind and account.sim_kind != "E0":
        raise FreebitError(codes.NOT_VOICE_SIM, account.msisdn)
    schedule(call, account, "talkOption", None, changes)
    return {}


def change_contract_line(call: Call) -> Reply:
    account = existing_account(call)
    line = fields.one_of(call.body, "contractLine", CONTRACT_LINES)
    product_number = fields.text(call.body, "productNumber", required=False)
    if product_number and product_number != account.product_number:
        raise FreebitError(codes.SIM_MISMATCH, product_number)
    ensure_changeable(call, account)
    # Locked from now until it is done, which takes far longer than other orders.
    starts_at = call.now
    due_at = starts_at + timedelta(seconds=call.config.line_change_delay_seconds)
    account.pending.append(PendingOrder("contractLine", starts_at, due_at, {"contractLine": line}))
    return {}
