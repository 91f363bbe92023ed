"""The emulator's state as JSON for `GET /_sandbox/state`: enough for tests to count activations."""

from __future__ import annotations

from collections import Counter

from sandbox.freebit.model import Account
from sandbox.freebit.state import FreebitState


def snapshot(state: FreebitState) -> dict[str, object]:
    registrations = [
        {
            "operation": r.operation,
            "account": r.account,
            "productNumber": r.product_number,
            "eid": r.eid,
            "addKind": r.add_kind,
            "acceptedAt": r.accepted_at.isoformat(),
        }
        for r in state.registrations
    ]
    return {
        "now": state.now().isoformat(),
        "accounts": {msisdn: _account(account) for msisdn, account in state.accounts.items()},
        "registrations": registrations,
        "activationsPerAccount": dict(Counter(r.account for r in state.registrations)),
        "activationsPerEid": dict(Counter(r.eid for r in state.registrations if r.eid)),
        "inventory": {
            "physicalSims": [
                {"productNumber": s.product_number, "msisdn": s.msisdn, "used": s.used}
                for s in state.physical_sims.values()
            ],
            "esimNumbers": [{"msisdn": n, "used": used} for n, used in state.esim_numbers.items()],
            "mnpReservations": [
                {
                    "reserveNumber": r.reserve_number,
                    "msisdn": r.msisdn,
                    "expiresOn": r.expires_on.isoformat(),
                    "used": r.used,
                }
                for r in state.mnp_reservations.values()
            ],
        },
        "authRequests": state.auth_requests,
        "liveAuthKeys": sum(1 for expiry in state.auth_keys.values() if expiry > state.now()),
        "esimCompletions": list(state.esim_completions),
        "planChanges": [{"account": account, "planCode": code} for account, code in state.plan_changes],
        "faults": [{"operation": f.operation, "kind": str(f.kind), "times": f.times} for f in state.faults.armed()],
    }


def _account(account: Account) -> dict[str, object]:
    return {
        "state": account.state,
        "planCode": account.plan_code,
        "contractLine": account.contract_line,
        "productNumber": account.product_number,
        "eid": account.eid,
        "simKind": account.sim_kind,
        "voice": dict(account.voice),
        "remainingMb": account.remaining_mb,
        "startedOn": account.started_on.isoformat() if account.started_on else None,
        "cancelledOn": account.cancelled_on.isoformat() if account.cancelled_on else None,
        "pending": [
            {"kind": o.kind, "startsAt": o.starts_at.isoformat(), "dueAt": o.due_at.isoformat(), **o.payload}
            for o in account.pending
        ],
        "quotaHistory": [{"quotaCode": q.quota_code, "quotaMb": q.quota_mb} for q in account.quota_history],
    }
