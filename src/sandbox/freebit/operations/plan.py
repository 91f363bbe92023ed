"""PA05-21 MVNO plan change and the physical card swap (paths unknown upstream: `FreebitEmulatorConfig`).

Without `runTime` (or with today or a past day) the plan is replaced at once; with a later `runTime` it waits as a
pending order until that day (JST midnight). `globalIp` "10" needs a fixed-IP contract, which no seeded line has.
Like every Freebit mutation it has no idempotency key: a replay changes the plan again (what tests count).
"""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import jst_date
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account, plan_code, schedule


def change_plan(call: Call) -> Reply:
    account = existing_account(call)
    wanted = plan_code(call.body)
    global_ip = fields.text(call.body, "globalIp", required=False)
    if global_ip not in ("", "20"):
        raise FreebitError(codes.BAD_FORMAT, "globalIp: no fixed-IP contract on this account")
    run_on = fields.day(call.body, "runTime")
    ensure_changeable(call, account)
    call.state.plan_changes.append((account.msisdn, wanted))
    if run_on is not None and run_on > jst_date(call.now):
        schedule(call, account, "planChange", run_on, {"planCode": wanted})
    else:
        account.plan_code = wanted
    return {"ipv4": ""}


def swap_card(call: Call) -> Reply:
    """Move a physical line to another card from the SIM stock (modelled on PA05-41's reissue block): asynchronous,
    the old card working until the order completes; the stock card is used up at once."""
    account = existing_account(call)
    new = fields.matching(call.body, "productNumber", fields.PRODUCT_NUMBER)
    reissue = fields.obj(call.body, "reissue") or {}
    old = fields.text(reissue, "oldProductNumber")
    if not account.product_number or account.eid:
        raise FreebitError(codes.UNSUPPORTED_PATTERN, "a card swap needs a physical line")
    if old != account.product_number:
        raise FreebitError(codes.SIM_MISMATCH, old)
    card = call.state.physical_sims.get(new)
    if card is None:
        raise FreebitError(codes.PRODUCT_NOT_FOUND, new)
    if card.used:
        raise FreebitError(codes.ALREADY_REGISTERED, new)
    ensure_changeable(call, account)
    card.used = True
    schedule(call, account, "simSwap", None, {"productNumber": new})
    return {}
