"""AddOrder (no provisioning), AcceptOrder (Pending orders only), GetOrders."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from sandbox.whmcs import operations
from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import OrderRecord, ProductRecord, ServiceRecord
from sandbox.whmcs.wire_input import encode_stored, php_unserialize_map
from sandbox.whmcs.wire_output import display_money, moment, money

CYCLE_NAMES = {
    "free": "Free Account",
    "onetime": "One Time",
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "semiannually": "Semi-Annually",
    "annually": "Annually",
    "biennially": "Biennially",
    "triennially": "Triennially",
}
_SETUP_KEY = {"monthly": "msetupfee", "quarterly": "qsetupfee", "semiannually": "ssetupfee", "annually": "asetupfee"}


def _price(product: ProductRecord, wanted_cycle: str) -> tuple[str, Decimal, Decimal]:
    """(cycle, recurring price, setup fee); an unavailable cycle falls back to the product's first one."""
    if product.paytype == "free":
        return "free", Decimal("0.00"), Decimal("0.00")
    if product.paytype == "onetime":  # WHMCS keeps a one-time price in the monthly column
        return "onetime", product.pricing["monthly"], product.pricing.get("msetupfee", Decimal("0.00"))
    enabled = [c for c in ("monthly", "quarterly", "semiannually", "annually") if product.pricing.get(c, -1) >= 0]
    cycle = wanted_cycle if wanted_cycle in enabled else enabled[0]
    return cycle, product.pricing[cycle], max(product.pricing.get(_SETUP_KEY[cycle], Decimal("0.00")), Decimal(0))


def add_order(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    client = state.clients.get(p.number("clientid"))
    if client is None:
        raise ActionError("Client ID Not Found")
    if client.status == "Closed":
        raise ActionError("Unable to add order when client status is Closed")
    if p.get("paymentmethod") not in state.gateways:
        raise ActionError(f"Invalid Payment Method. Valid options include {','.join(state.gateways)}")
    cycles, blobs = p.array("billingcycle"), p.array("customfields")
    wanted = [(i, state.products.get(int(pid))) for i, pid in enumerate(p.array("pid")) if str(pid).isdigit()]
    items = [(i, product) for i, product in wanted if product is not None]
    if not items:
        raise ActionError("No items added to cart so order cannot proceed")
    now = state.local_now()
    order = OrderRecord(
        id=state.next_id("order"),
        ordernum=str(random.randint(10**9, 10**10 - 1)),
        client_id=client.id,
        date=now,
        status="Pending",
        paymentmethod=p.get("paymentmethod"),
        amount=Decimal("0.00"),
        invoice_id=0,
        service_ids=[],
        promocode=p.get("promocode"),
        ipaddress=p.get("clientip"),
    )
    lines: list[tuple[str, int, str, Decimal, bool]] = []
    for index, product in items:
        cycle, price, setup = _price(product, str(cycles[index]).lower() if index < len(cycles) else "")
        blob = php_unserialize_map(str(blobs[index])) if index < len(blobs) else {}
        service = ServiceRecord(
            id=state.next_id("service"),
            client_id=client.id,
            order_id=order.id,
            pid=product.pid,
            regdate=now.date(),
            nextduedate=None if cycle in ("onetime", "free") else now.date(),
            billingcycle=CYCLE_NAMES[cycle],
            status="Pending",
            firstpaymentamount=price + setup,
            recurringamount=Decimal("0.00") if cycle in ("onetime", "free") else price,
            paymentmethod=order.paymentmethod,
            custom_fields={
                int(k): encode_stored(v) for k, v in blob.items() if k.isdigit() and int(k) in product.custom_fields
            },
        )
        state.services[service.id] = service
        order.service_ids.append(service.id)
        order.amount += service.firstpaymentamount
        lines.append(
            ("Hosting", service.id, f"{product.group_name} - {product.name}", service.firstpaymentamount, True)
        )
    state.orders[order.id] = order
    body: dict[str, Any] = {"result": "success", "orderid": ctx.num(order.id)}
    ids = ",".join(str(sid) for sid in order.service_ids)
    body.update(productids=ids, serviceids=ids, addonids="", domainids="")
    if not p.truthy("noinvoice"):  # "false" is truthy to PHP: noinvoice=false suppresses the invoice too
        invoice = operations.new_invoice(state, client_id=client.id, items=lines, paymentmethod=order.paymentmethod)
        order.invoice_id = invoice.id
        body["invoiceid"] = ctx.num(invoice.id)
    return body


def accept_order(ctx: ActionContext) -> dict[str, Any]:
    state = ctx.state
    order = state.orders.get(ctx.params.number("orderid"))
    if order is None or order.status != "Pending":
        raise ActionError("Order ID not found or Status not Pending")
    order.status = "Active"
    for service_id in order.service_ids:
        service = state.services[service_id]
        if service.status == "Pending":
            # The catalog's products have no provisioning module, so acceptance activates them directly.
            service.status = "Active"
            state.emit("service.created", service_id=service.id, client_id=order.client_id, order_id=order.id)
    return {"result": "success"}


def get_orders(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)
    limit = p.number("limitnum") or 25
    rows = [
        o
        for o in sorted(state.orders.values(), key=lambda o: o.id, reverse=True)
        if (not p.get("id") or o.id == p.number("id"))
        and (not p.get("userid") or o.client_id == p.number("userid"))
        and (not p.get("status") or o.status == p.get("status"))
    ]
    page = rows[start : start + limit]
    body: dict[str, Any] = {
        "result": "success",
        "totalresults": ctx.num(len(rows)),
        "startnumber": p.get("limitstart") if p.has("limitstart") else 0,  # echoed exactly as sent
        "numreturned": ctx.num(len(page)),
    }
    if page:  # none: the key is missing
        body["orders"] = {"order": [_order_row(ctx, o) for o in page]}
    return body


def _order_row(ctx: ActionContext, order: OrderRecord) -> dict[str, Any]:
    state = ctx.state
    client = state.clients.get(order.client_id)
    invoice = state.invoices.get(order.invoice_id)
    lines = []
    for service_id in order.service_ids:
        service = state.services.get(service_id)
        if service is None:
            continue
        lines.append(
            {
                "type": "product",
                "relid": ctx.num(service.id),
                "producttype": "Other",
                "product": state.products[service.pid].name,
                "domain": service.domain,
                "billingcycle": service.billingcycle,
                "amount": display_money(service.firstpaymentamount),  # formatted, unlike everything else
                "status": service.status,
            }
        )
    return {
        "id": ctx.num(order.id),
        "ordernum": order.ordernum,
        "userid": ctx.num(order.client_id),
        "contactid": ctx.num(0),
        "requestor_id": ctx.num(client.owner_user_id if client else 0),
        "date": moment(order.date),
        "amount": money(order.amount),
        "paymentmethod": order.paymentmethod,
        "paymentmethodname": state.gateways.get(order.paymentmethod, order.paymentmethod),
        "invoiceid": ctx.num(order.invoice_id),
        "paymentstatus": invoice.status if invoice else None,
        "status": order.status,
        "ipaddress": order.ipaddress,
        "promocode": order.promocode,
        "fraudmodule": "",
        "fraudoutput": "",
        "transfersecret": "",
        "notes": "",
        "name": f"{client.firstname} {client.lastname}" if client else "",
        "currencyprefix": "¥",
        "currencysuffix": " JPY",
        "renewalsByType": {"domains": [], "services": [], "addons": []},
        "lineitems": {"lineitem": lines} if lines else [],
    }
