"""The emulator's state as plain JSON for `/_sandbox/state`: what tests count and the demo shows."""

from __future__ import annotations

from typing import Any

import msgspec

from sandbox.whmcs import ledger
from sandbox.whmcs.state import WhmcsState


def snapshot(state: WhmcsState) -> dict[str, Any]:
    def rows(table: dict[int, Any], *, hide: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        out = []
        for record in table.values():
            row = msgspec.to_builtins(record)
            out.append({k: v for k, v in row.items() if k not in hide})
        return out

    invoices = []
    for invoice in state.invoices.values():
        row = msgspec.to_builtins(invoice)
        row.update(subtotal=str(ledger.subtotal(invoice)), tax=str(ledger.tax(invoice)), tax2=str(ledger.tax2(invoice)))
        row.update(total=str(ledger.total(invoice)), balance=str(ledger.balance(invoice)))
        invoices.append(row)
    return {
        "now": state.local_now().isoformat(),
        "timezone": str(state.timezone),
        "clients": rows(state.clients),
        "users": rows(state.users),  # demo passwords included: the in-memory twin validates logins with them
        "pay_methods": rows(state.pay_methods, hide=("remote_token",)),
        "products": rows(state.products),
        "services": rows(state.services),
        "orders": rows(state.orders),
        "invoices": invoices,
        "gateways": dict(state.gateways),
        "cancel_requests": [msgspec.to_builtins(request) for request in state.cancel_requests],
        "sso_tokens": [
            {"client_id": t.client_id, "used": t.used, "expires_at": t.expires_at.isoformat()}
            for t in state.sso_tokens.values()
        ],
        "banned_ips": {ip: until.isoformat() for ip, until in state.banned_until.items()},
        "faults": msgspec.to_builtins(state.faults.armed()),
    }
