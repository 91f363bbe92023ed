"""`mvno/getTrafficInfo/` (PA05-01): remaining quota and recent daily usage of one line, in MB."""

from __future__ import annotations

from datetime import timedelta

from sandbox.freebit import codes
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import jst_date
from sandbox.freebit.operations.common import Call, Reply, existing_account

RECENT_DAYS = 3


def traffic_info(call: Call) -> Reply:
    account = existing_account(call)
    if account.state != "active":  # Freebit refuses accounts without a plan in service
        raise FreebitError(codes.NOT_IN_SERVICE, f"{account.msisdn} is {account.state}")
    today = jst_date(call.now)
    days = [today - timedelta(days=n) for n in range(RECENT_DAYS)]
    return {
        "traffic": {
            "account": account.msisdn,
            "remainingQuota": str(account.remaining_mb),
            "todayTraffic": str(account.usage_mb.get(today, 0)),
            "recentTraffic": [{"date": d.strftime("%Y%m%d"), "traffic": str(account.usage_mb.get(d, 0))} for d in days],
        }
    }
