"""PA03-02 account detail: one MVNO account per request, emitted in the configured casing."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import Account, jst_date
from sandbox.freebit.operations.common import Call, Reply, existing_account

# Production answers with either spelling; the adapter must read both.
SPELLINGS = {
    "lower": {
        "state": "state",
        "line": "networkType",
        "voiceMail": "voicemail",
        "callWaiting": "callwaiting",
        "worldWing": "worldwing",
    },
    "camel": {
        "state": "status",
        "line": "contractLine",
        "voiceMail": "voiceMail",
        "callWaiting": "callWaiting",
        "worldWing": "worldWing",
    },
}


def account_detail(call: Call) -> Reply:
    item = fields.single_item(call.body)
    kind = fields.one_of(item, "kind", ("MVNO", "MASTER"))
    if kind == "MASTER":  # the sandbox OEM has no master accounts
        raise FreebitError(codes.ACCOUNT_NOT_FOUND, fields.text(item, "account"))
    return {"responseDatas": [render(call, existing_account(call, item))]}


def render(call: Call, account: Account) -> dict[str, object]:
    names = SPELLINGS[call.config.casing]
    now = call.now
    return {
        "kind": "MVNO",
        "account": account.msisdn,
        names["state"]: account.state,
        "planCode": account.plan_code,
        names["line"]: account.contract_line,
        names["voiceMail"]: account.voice["voiceMail"],
        names["callWaiting"]: account.voice["callWaiting"],
        names["worldWing"]: account.voice["worldWing"],
        "productNumber": account.product_number,
        "eid": account.eid,
        "simKind": account.sim_kind,
        "startDate": account.started_on.strftime("%Y%m%d") if account.started_on else "",
        "cancelDate": account.cancelled_on.strftime("%Y%m%d") if account.cancelled_on else "",
        "quota": str(account.remaining_mb),
        "pendingOrders": [
            {
                "orderKind": order.kind,
                "runDate": jst_date(order.starts_at).strftime("%Y%m%d"),
                "orderState": "processing" if order.processing(now) else "waiting",
            }
            for order in account.pending
        ],
    }
