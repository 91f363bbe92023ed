"""`mvno/talkoption/addOrder/` (PA05-05): voice options (and subscriber confirmation); asynchronous."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import OFF, VOICE_OPTION_NAMES
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account, schedule


def add_order(call: Call) -> Reply:
    account = existing_account(call)
    if fields.text(call.body, "userConfirmed") != "10":
        raise FreebitError(codes.NOT_CONFIRMED)
    fields.flag(call.body, "aladinOperated")
    talk_option = fields.obj(call.body, "talkOption", required=False) or {}
    unknown = set(talk_option) - set(VOICE_OPTION_NAMES)
    if unknown:
        raise FreebitError(codes.BAD_FORMAT, f"talkOption.{sorted(unknown)[0]}")
    options = {name: fields.flag(talk_option, name, default=OFF) for name in VOICE_OPTION_NAMES}
    ensure_changeable(call, account)
    if account.sim_kind and account.sim_kind != "E0":
        raise FreebitError(codes.NOT_VOICE_SIM, account.msisdn)
    schedule(call, account, "talkOption", None, options)
    return {}
