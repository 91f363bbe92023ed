from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, post

from application.billing.create_payment_methods_link import CreatePaymentMethodsLink
from application.billing.list_payment_gateways import ListPaymentGateways
from application.billing.list_payment_methods import ListPaymentMethods
from application.identity.linked_customer import LinkedCustomer
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.invoice_schemas import SsoLinkView
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.billing.payment_schemas import PaymentGatewaysView, PaymentMethodsView


class PaymentsController(Controller):
    path = "/billing"
    tags = ["billing"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/payment-methods",
        operation_id="listPaymentMethods",
        summary="The customer's saved cards and bank accounts, masked.",
    )
    @inject
    async def list_payment_methods(
        self, customer: FromDishka[LinkedCustomer], list_methods: FromDishka[ListPaymentMethods]
    ) -> PaymentMethodsView:
        methods = await list_methods.execute(customer)
        return msgspec.convert({"items": methods}, PaymentMethodsView, from_attributes=True)

    @post(
        "/payment-methods/manage-link",
        operation_id="createPaymentMethodsLink",
        status_code=200,
        summary="A single-use WHMCS sign-in link to the page where cards are added or removed (never cached).",
    )
    @inject
    async def create_manage_link(
        self, customer: FromDishka[LinkedCustomer], create_link: FromDishka[CreatePaymentMethodsLink]
    ) -> SsoLinkView:
        link = await create_link.execute(customer)
        return SsoLinkView(url=link.url, expires_at=link.expires_at)

    @get(
        "/gateways",
        operation_id="listPaymentGateways",
        summary="The ways of paying the billing system offers.",
    )
    @inject
    async def list_gateways(
        self, customer: FromDishka[LinkedCustomer], list_gateways: FromDishka[ListPaymentGateways]
    ) -> PaymentGatewaysView:
        del customer  # not personal, but only linked customers pay through them
        gateways = await list_gateways.execute()
        return msgspec.convert({"items": gateways}, PaymentGatewaysView, from_attributes=True)
