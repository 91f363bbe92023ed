from __future__ import annotations

from datetime import date, datetime, timedelta

from adapters.memory.sim_provisioner.records import Line, jst_date
from application.ports.sim_models import ContractLine, DailyUsage, PendingOperation, SimAccount, TrafficInfo

RECENT_DAYS = 3


def account_view(line: Line, now: datetime) -> SimAccount:
    return SimAccount(
        msisdn=line.msisdn,
        state=line.state,
        plan_code=line.plan_code,
        contract_line=ContractLine(line.contract_line),
        voice_options=line.voice_options,
        pending=tuple(PendingOperation(operation=o.operation, run_on=jst_date(o.starts_at)) for o in line.orders),
        sim_kind=line.sim_kind,
        product_number=line.product_number,
        eid=line.eid,
        started_on=line.started_on,
        cancelled_on=line.cancelled_on,
    )


def traffic_view(line: Line, today: date) -> TrafficInfo:
    days = [today - timedelta(days=n) for n in range(RECENT_DAYS)]
    return TrafficInfo(
        msisdn=line.msisdn,
        remaining_mb=line.remaining_mb,
        used_today_mb=line.usage_mb.get(today, 0),
        recent_days=tuple(DailyUsage(day=d, used_mb=line.usage_mb.get(d, 0)) for d in days),
    )
