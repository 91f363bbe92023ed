"""PA05-21 MVNO plan change (path unknown upstream: `FreebitEmulatorConfig.plan_change_path`).

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
