"""GetClientsProducts, GetProducts, UpdateClientProduct."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import ServiceRecord
from sandbox.whmcs.wire_input import encode_stored, php_unserialize_map
from sandbox.whmcs.wire_output import day, money

_PRICE_KEYS = [
    "msetupfee",
    "qsetupfee",
    "ssetupfee",
    "asetupfee",
    "bsetupfee",
    "tsetupfee",
    "monthly",
    "quarterly",
    "semiannually",
    "annually",
    "biennially",
    "triennially",
]


def get_clients_products(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)
    limit = p.number("limitnum") or 999_999  # unlimited by default, whatever the docs say
    rows = [
        s
        for s in sorted(state.services.values(), key=lambda s: s.id)
        if (not p.get("clientid") or s.client_id == p.number("clientid"))
        and (not p.get("serviceid") or s.id == p.number("serviceid"))
        and (not p.get("pid") or s.pid == p.number("pid"))
        and (not p.get("domain") or s.domain == p.get("domain"))
    ]
    page = rows[start : start + limit]
    body: dict[str, Any] = {
        "result": "success",
        "clientid": p.get("clientid") or None,
        "serviceid": p.get("serviceid") or None,
        "pid": p.get("pid") or None,
        "domain": p.get("domain") or None,
        "totalresults": str(len(rows)),  # a string next to an int numreturned, even in 8.x
        "startnumber": start,
        "numreturned": len(page),
    }
    if page:
        body["products"] = {"product": [_product_row(ctx, s) for s in page]}
    elif start < len(rows) or not rows:
        body["products"] = ""  # nothing at all: an empty string; past the last page: no key
    return body


def _product_row(ctx: ActionContext, service: ServiceRecord) -> dict[str, Any]:
    product = ctx.state.products[service.pid]
    order = ctx.state.orders.get(service.order_id)
    return {
        "id": str(service.id),
        "qty": 1,
        "clientid": str(service.client_id),
        "orderid": str(service.order_id),
        "ordernumber": order.ordernum if order else "",
        "pid": str(service.pid),
        "regdate": day(service.regdate),
        "name": product.name,
        "translated_name": product.name,
        "groupname": product.group_name,
        "translated_groupname": product.group_name,
        "domain": service.domain,
        "dedicatedip": "",
        "serverid": 0,
        "servername": "",
        "serverip": None,
        "serverhostname": None,
        "suspensionreason": "",
        "firstpaymentamount": money(service.firstpaymentamount),
        "recurringamount": money(service.recurringamount),
        "paymentmethod": service.paymentmethod,
        "paymentmethodname": ctx.state.gateways.get(service.paymentmethod, service.paymentmethod),
        "billingcycle": service.billingcycle,
        "nextduedate": day(service.nextduedate),
        "status": service.status,
        "username": "",
        "password": "",
        "subscriptionid": "",
        "promoid": 0,
        "overideautosuspend": 0,
        "overidesuspenduntil": "0000-00-00",
        "ns1": "",
        "ns2": "",
        "assignedips": "",
        "notes": service.notes,
        "diskusage": 0,
        "disklimit": 0,
        "bwusage": 0,
        "bwlimit": 0,
        "lastupdate": "0000-00-00 00:00:00",
        "customfields": {
            "customfield": [
                {"id": fid, "name": name, "translated_name": name, "value": service.custom_fields.get(fid, "")}
                for fid, name in sorted(product.custom_fields.items())
            ]
        },
        "configoptions": {"configoption": []},
    }


def get_products(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    wanted = {int(x) for x in p.get("pid").split(",") if x.strip().isdigit()}
    rows = [
        product
        for pid, product in sorted(state.products.items())
        if (not wanted or pid in wanted) and (not p.get("gid") or product.gid == p.number("gid"))
    ]
    body: dict[str, Any] = {"result": "success", "totalresults": ctx.num(len(rows))}
    if rows:  # hidden products included; none: the key is missing
        body["products"] = {
            "product": [
                {
                    "pid": ctx.num(product.pid),
                    "gid": ctx.num(product.gid),
                    "type": "other",
                    "name": product.name,
                    "slug": product.slug,
                    "product_url": f"{ctx.system_url}store/{product.slug}",
                    "description": product.description,
                    "module": "",
                    "paytype": product.paytype,
                    "allowqty": 0,
                    "stockcontrol": False,
                    "quantity_available": 0,
                    "pricing": {
                        "JPY": {
                            "prefix": "¥",
                            "suffix": " JPY",
                            **{key: money(product.pricing.get(key, Decimal("-1.00"))) for key in _PRICE_KEYS},
                        }
                    },
                    "customfields": {
                        "customfield": [
                            {"id": ctx.num(fid), "name": name, "description": "", "required": ""}
                            for fid, name in sorted(product.custom_fields.items())
                        ]
                    },
                    "configoptions": {"configoption": []},
                }
                for product in rows
            ]
        }
    return body


def _service_to_update(ctx: ActionContext) -> ServiceRecord:
    """Checked before anything is written: a refused call changes nothing."""
    p, state = ctx.params, ctx.state
    service = state.services.get(p.number("serviceid"))
    if service is None:
        raise ActionError("Service ID Not Found")
    if p.get("pid") and p.number("pid") not in state.products:
        raise ActionError("Product ID Not Found")
    return service


def update_client_product(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    service = _service_to_update(ctx)
    for key in ("paymentmethod", "domain", "notes", "billingcycle"):
        if p.get(key):  # empty values are ignored (blanking needs `unset[]`)
            setattr(service, key, p.get(key))
    for key in ("firstpaymentamount", "recurringamount"):
        try:
            amount = Decimal(p.get(key)) if p.get(key) else None
        except InvalidOperation:
            amount = None
        if amount:  # 0 is "empty" to PHP, so it cannot be set
            setattr(service, key, amount.quantize(Decimal("0.01")))
    if p.get("pid"):  # the product (plan) changes; its old product's custom field values are not carried over
        service.pid = p.number("pid")
    if p.get("status"):
        service.status = p.get("status")
        if service.status in ("Terminated", "Cancelled"):
            service.terminationdate = state.today()
    product = state.products[service.pid]
    for key, value in php_unserialize_map(p.get("customfields")).items():
        if key.isdigit() and int(key) in product.custom_fields:  # fields of other products are ignored
            service.custom_fields[int(key)] = encode_stored(value)
    for key in p.array("unset"):
        if key in ("domain", "notes"):
            setattr(service, key, "")
    # No ServiceEdit hook fires for this action in real WHMCS, so the hook module sends nothing.
    return {"result": "success", "serviceid": p.get("serviceid")}
