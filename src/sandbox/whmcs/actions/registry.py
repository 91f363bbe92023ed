"""Every action the emulator answers, by WHMCS's normalised name (lowercase, alphanumerics only)."""

from __future__ import annotations

import re

from sandbox.whmcs.actions import cancel_requests, clients, credits, invoices, orders, payments, services, sso, users
from sandbox.whmcs.context import Handler

ACTIONS: dict[str, Handler] = {
    "addclient": clients.add_client,
    "getclients": clients.get_clients,
    "getclientsdetails": clients.get_clients_details,
    "updateclient": clients.update_client,
    "validatelogin": users.validate_login,
    "getusers": users.get_users,
    "getpaymethods": payments.get_pay_methods,
    "getpaymentmethods": payments.get_payment_methods,
    "createinvoice": payments.create_invoice,
    "capturepayment": payments.capture_payment,
    "updateinvoice": credits.update_invoice,
    "addcredit": credits.add_credit,
    "getcredits": credits.get_credits,
    "getinvoices": invoices.get_invoices,
    "getinvoice": invoices.get_invoice,
    "createssotoken": sso.create_sso_token,
    "getclientsproducts": services.get_clients_products,
    "getproducts": services.get_products,
    "updateclientproduct": services.update_client_product,
    "addorder": orders.add_order,
    "acceptorder": orders.accept_order,
    "getorders": orders.get_orders,
    "addcancelrequest": cancel_requests.add_cancel_request,
    "getcancelledpackages": cancel_requests.get_cancelled_packages,
}
ALIASES = {"getclientsdata": "getclientsdetails", "getclientsdatabyemail": "getclientsdetails"}
INTERNAL_ONLY = frozenset({"setconfigurationvalue"})
# Without `responsetype` these answer XML; every other action answers NVP.
STRUCTURED = frozenset(
    {
        "getclientsproducts", "getinvoice", "getinvoices", "getorders", "getpaymentmethods", "getproducts",
        "getclients", "getclientsdomains", "getusers", "getpaymethods", "getcredits", "getcancelledpackages",
    }
)  # fmt: skip


def normalise(action: str) -> str:
    name = re.sub(r"[^a-z0-9]", "", action.lower())
    return ALIASES.get(name, name)
