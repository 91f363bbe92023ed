"""`/_sandbox/*`: reset, seed, read state, arm faults, and change things as a WHMCS admin would.

Admin changes go through the same operations as the API, so they fire the hook module's webhooks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import msgspec
from litestar import Router, delete, get, patch, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.types import ControllerRouterHandler

from sandbox.faults import Fault
from sandbox.whmcs import operations
from sandbox.whmcs.actions.registry import normalise
from sandbox.whmcs.records import PayMethodRecord
from sandbox.whmcs.seed import seed_state
from sandbox.whmcs.snapshot import snapshot
from sandbox.whmcs.state import WhmcsState
from sandbox.whmcs.webhooks import WebhookDispatcher
from sandbox.whmcs.wire_input import encode_stored

_EDITABLE = {"firstname", "lastname", "companyname", "email", "address1", "address2", "city", "state", "postcode"}
_EDITABLE |= {"phonenumber", "status", "notes"}


class NewCard(msgspec.Struct, frozen=True, kw_only=True):
    card_type: str = "Visa"
    last_four: str = "4242"
    expiry: str = "12/29"


class AdminInvoice(msgspec.Struct, frozen=True, kw_only=True):
    description: str
    amount: Decimal
    due_date: date | None = None


def _found(table: dict[int, Any], key: int) -> Any:
    if key not in table:
        raise NotFoundException(f"no such record: {key}")
    return table[key]


def control_router(state: WhmcsState, dispatcher: WebhookDispatcher) -> Router:
    @post("/reset", status_code=200)
    async def reset() -> dict[str, str]:
        """Back to the demo world with faults, bans and the webhook log cleared, as the other emulators' reset does."""
        state.reset()
        seed_state(state)
        dispatcher.deliveries.clear()
        return {"status": "seeded"}

    @post("/seed", status_code=200)
    async def seed() -> dict[str, str]:
        """Back to the demo world (faults and bans stay as they are)."""
        seed_state(state)
        dispatcher.deliveries.clear()
        return {"status": "seeded"}

    @get("/state")
    async def read_state() -> dict[str, Any]:
        """Every table as JSON: clients, users, services, orders, invoices, pay methods, products."""
        return snapshot(state)

    @get("/faults")
    async def list_faults() -> list[Fault]:
        """The faults still armed."""
        return state.faults.armed()

    @post("/faults", status_code=200)
    async def arm_fault(data: JSONBody[Fault]) -> Fault:
        """Arm a fault for one API action (e.g. AddOrder) or `*`."""
        fault = msgspec.structs.replace(data, operation=normalise(data.operation) if data.operation != "*" else "*")
        state.faults.arm(fault)
        return fault

    @delete("/faults", status_code=204)
    async def clear_faults() -> None:
        """Disarm every fault."""
        state.faults.clear()

    @delete("/bans", status_code=204)
    async def clear_bans() -> None:
        """Lift IP bans and forget failed logins."""
        state.banned_until.clear()
        state.auth_failures.clear()

    @get("/webhooks")
    async def webhooks() -> dict[str, Any]:
        """The hook events fired and their deliveries to the webhook URL."""
        return {"events": msgspec.to_builtins(state.events), "deliveries": msgspec.to_builtins(dispatcher.deliveries)}

    @get("/api-log")
    async def api_log() -> list[dict[str, Any]]:
        """Every API call: time, action, caller IP and result."""
        return list(msgspec.to_builtins(state.api_log))

    return Router(
        path="/_sandbox",
        tags=["WHMCS emulator"],
        route_handlers=[
            reset, seed, read_state, list_faults, arm_fault, clear_faults, clear_bans, webhooks, api_log,
            *_admin_routes(state),
        ],
    )  # fmt: skip


def _admin_routes(state: WhmcsState) -> list[ControllerRouterHandler]:
    """What a WHMCS admin does in the admin area; each fires the hook module's webhook."""

    @post("/invoices/{invoice_id:int}/paid", status_code=200)
    async def mark_paid(invoice_id: FromPath[int]) -> dict[str, str]:
        """Mark an invoice paid as an admin would (fires invoice.paid)."""
        operations.mark_invoice_paid(state, _found(state.invoices, invoice_id))
        return {"status": "Paid"}

    @post("/invoices/{invoice_id:int}/cancel", status_code=200)
    async def cancel(invoice_id: FromPath[int]) -> dict[str, str]:
        """Cancel an invoice as an admin would (fires invoice.cancelled)."""
        operations.cancel_invoice(state, _found(state.invoices, invoice_id))
        return {"status": "Cancelled"}

    @post("/clients/{client_id:int}/invoices", status_code=201)
    async def create_invoice(client_id: FromPath[int], data: JSONBody[AdminInvoice]) -> dict[str, int]:
        """Raise a manual invoice for a client (fires invoice.created)."""
        client = _found(state.clients, client_id)
        line = ("", 0, encode_stored(data.description), data.amount.quantize(Decimal("0.01")), True)
        invoice = operations.new_invoice(
            state, client_id=client.id, items=[line], paymentmethod=client.defaultgateway, duedate=data.due_date
        )
        return {"invoice_id": invoice.id}

    @patch("/clients/{client_id:int}", status_code=200)
    async def edit_client(client_id: FromPath[int], data: JSONBody[dict[str, str]]) -> dict[str, Any]:
        """Edit a client's profile fields as an admin would (fires client.updated)."""
        client = _found(state.clients, client_id)
        changed = [k for k, v in data.items() if k in _EDITABLE and getattr(client, k) != encode_stored(v)]
        for key in changed:
            setattr(client, key, encode_stored(data[key]))
        state.emit("client.updated", client_id=client.id, changed_fields=changed)
        return {"changed": changed}

    @post("/clients/{client_id:int}/paymethods", status_code=201)
    async def add_card(client_id: FromPath[int], data: JSONBody[NewCard]) -> dict[str, int]:
        """Add a card pay method to a client (fires paymethod.updated)."""
        _found(state.clients, client_id)
        method = PayMethodRecord(
            id=state.next_id("paymethod"),
            client_id=client_id,
            type="RemoteCreditCard",
            gateway_name="stripe",
            last_updated=state.local_now(),
            card_type=data.card_type,
            card_last_four=data.last_four,
            expiry_date=data.expiry,
        )
        operations.add_pay_method(state, method)
        return {"paymethod_id": method.id}

    @delete("/paymethods/{paymethod_id:int}", status_code=204)
    async def remove_pay_method(paymethod_id: FromPath[int]) -> None:
        """Remove a pay method (fires paymethod.updated)."""
        operations.remove_pay_method(state, _found(state.pay_methods, paymethod_id))

    @post("/services/{service_id:int}/status", status_code=200)
    async def service_status(service_id: FromPath[int], data: JSONBody[dict[str, str]]) -> dict[str, str]:
        """Set a service's status, e.g. Suspended (fires service.updated)."""
        _found(state.services, service_id)
        operations.set_service_status(state, service_id, data["status"])
        return {"status": data["status"]}

    return [mark_paid, cancel, create_invoice, edit_client, add_card, remove_pay_method, service_status]
