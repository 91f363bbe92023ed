"""`master/cnclAcnt/` (PA02-04): cancel an MVNO line now or on `runDate`; asynchronous."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account, schedule


def cancel_account(call: Call) -> Reply:
    kind = fields.text(call.body, "kind")
    if kind == "MASTER":
        raise FreebitError(codes.MASTER_NOT_ALLOWED)
    if kind != "MVNO":
        raise FreebitError(codes.BAD_FORMAT, "kind must be MVNO")
    account = existing_account(call)
    run_on = fields.day(call.body, "runDate", formats=fields.DATE_FORMATS)
    ensure_changeable(call, account)
    if any(order.kind == "cnclAcnt" for order in account.pending):
        raise FreebitError(codes.ALREADY_REQUESTED, account.msisdn)
    schedule(call, account, "cnclAcnt", run_on, {})
    return {}
