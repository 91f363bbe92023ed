from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, patch
from litestar.params import JSONBody

from application.billing.get_billing_profile import GetBillingProfile
from application.billing.update_billing_profile import AddressChange, ProfileChange, UpdateBillingProfile
from application.identity.linked_customer import LinkedCustomer
from application.ports.billing.clients import ClientProfile
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.billing.profile_schemas import AddressView, ProfilePatch, ProfileView


def profile_view(profile: ClientProfile) -> ProfileView:
    a = profile.address
    return ProfileView(
        first_name=profile.first_name,
        last_name=profile.last_name,
        company_name=profile.company_name,
        email=profile.email,
        phone=profile.phone,
        address=AddressView(
            postcode=a.postcode,
            prefecture=a.state,
            city=a.city,
            street=a.address1,
            street2=a.address2,
            country=a.country,
        ),
        customer_number=profile.customer_number,
        currency_code=profile.currency_code,
    )


class ProfileController(Controller):
    path = "/billing/profile"
    tags = ["billing"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="getBillingProfile",
        summary="The customer's billing profile (name, phone, address) as the billing system holds it.",
    )
    @inject
    async def get_profile(
        self, customer: FromDishka[LinkedCustomer], get_profile: FromDishka[GetBillingProfile]
    ) -> ProfileView:
        return profile_view(await get_profile.execute(customer))

    @patch(
        "/",
        operation_id="updateBillingProfile",
        request_max_body_size=body_limits.PROFILE,
        summary="Change name, phone or address in the billing system; values it refuses come back as field errors.",
    )
    @inject
    async def update_profile(
        self,
        data: JSONBody[ProfilePatch],
        customer: FromDishka[LinkedCustomer],
        update_profile: FromDishka[UpdateBillingProfile],
    ) -> ProfileView:
        change = ProfileChange(
            first_name=data.first_name,
            last_name=data.last_name,
            phone=data.phone,
            address=msgspec.convert(data.address, AddressChange, from_attributes=True) if data.address else None,
        )
        return profile_view(await update_profile.execute(customer, change))
