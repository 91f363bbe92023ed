"""`/api/account/services/*` and `/api/account/eligibility`: the signed-in customer's catalog (never shared)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody

from application.catalog.account_catalog import AccountInternetCatalog, AccountSimCatalog, GetAccountCatalog
from application.eligibility.get_eligibility import GetEligibility
from application.eligibility.request_internet_check import InternetCheckReceipt, RequestInternetCheck
from application.eligibility.views import EligibilityView
from application.identity.linked_customer import LinkedCustomer
from application.ports.crm_models import CrmAddress
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.catalog.wire import (
    AccountInternetCatalogView,
    AccountSimCatalogView,
    VpnCatalogView,
    account_internet_view,
    account_sim_view,
    vpn_catalog_view,
)

PRIVATE = {"Cache-Control": "private, no-store"}
JSON = "application/json"


class ServiceAddressIn(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    postcode: Annotated[str, msgspec.Meta(pattern=r"^\d{3}-\d{4}$", max_length=8, description="NNN-NNNN")]
    prefecture: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    city: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    street: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class InternetCheckIn(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    address: ServiceAddressIn
    notes: Annotated[str, msgspec.Meta(max_length=1000)] = ""


def _ok(schema: type[Any], what: str) -> dict[int, ResponseSpec]:
    return {200: ResponseSpec(data_container=schema, description=what)}


class AccountCatalogController(Controller):
    path = "/account"
    opt = SESSION_REQUIRED
    tags = ["catalog"]

    async def _family(self, customer: LinkedCustomer, catalog: GetAccountCatalog, family: str) -> Response[bytes]:
        found = await catalog.execute(customer, family)
        if isinstance(found, AccountInternetCatalog):
            view: object = account_internet_view(found)
        else:
            view = account_sim_view(found) if isinstance(found, AccountSimCatalog) else vpn_catalog_view(found)
        return Response(msgspec.json.encode(view), media_type=JSON, headers=PRIVATE)

    @get("/services/internet", operation_id="getAccountInternetCatalog",
         summary="Internet plans this account is eligible for, with its eligibility.",
         responses=_ok(AccountInternetCatalogView, "The account's Internet catalog"))  # fmt: skip
    @inject
    async def internet(
        self, customer: FromDishka[LinkedCustomer], catalog: FromDishka[GetAccountCatalog]
    ) -> Response[bytes]:
        return await self._family(customer, catalog, "internet")

    @get("/services/sim", operation_id="getAccountSimCatalog",
         summary="SIM plans; family-discount plans only with an active SIM service.",
         responses=_ok(AccountSimCatalogView, "The account's SIM catalog"))  # fmt: skip
    @inject
    async def sim(
        self, customer: FromDishka[LinkedCustomer], catalog: FromDishka[GetAccountCatalog]
    ) -> Response[bytes]:
        return await self._family(customer, catalog, "sim")

    @get("/services/vpn", operation_id="getAccountVpnCatalog", summary="VPN plans and the activation fee.",
         responses=_ok(VpnCatalogView, "The account's VPN catalog"))  # fmt: skip
    @inject
    async def vpn(
        self, customer: FromDishka[LinkedCustomer], catalog: FromDishka[GetAccountCatalog]
    ) -> Response[bytes]:
        return await self._family(customer, catalog, "vpn")

    @get("/eligibility", operation_id="getAccountEligibility", summary="The account's Internet eligibility.")
    @inject
    async def eligibility(
        self, customer: FromDishka[LinkedCustomer], get_eligibility: FromDishka[GetEligibility]
    ) -> Response[EligibilityView]:
        return Response(await get_eligibility.execute(customer), headers=PRIVATE)

    @post(
        "/eligibility/internet",
        operation_id="requestInternetEligibilityCheck",
        request_max_body_size=body_limits.ELIGIBILITY_CHECK,
        summary="Ask for an NTT availability check; a repeat for the same address returns the open request.",
        responses={200: ResponseSpec(data_container=InternetCheckReceipt, description="Already requested")},
    )
    @inject
    async def request_check(
        self,
        data: JSONBody[InternetCheckIn],
        customer: FromDishka[LinkedCustomer],
        request_check: FromDishka[RequestInternetCheck],
    ) -> Response[InternetCheckReceipt]:
        address = CrmAddress(
            postcode=data.address.postcode,
            prefecture=data.address.prefecture,
            city=data.address.city,
            street=data.address.street,
        )
        receipt = await request_check.execute(customer, address, data.notes)
        return Response(receipt, status_code=200 if receipt.already_requested else 201, headers=PRIVATE)
