"""The WHMCS client a sign-up creates, from what the customer told us."""

from __future__ import annotations

import secrets

from application.ports.billing.clients import NewClient
from application.ports.billing.values import PostalAddress
from domain.identity.onboarding import Onboarding


def new_billing_client(onboarding: Onboarding) -> NewClient:
    profile = onboarding.profile
    assert profile is not None
    return NewClient(
        first_name=profile.name.first,
        last_name=profile.name.last,
        email=onboarding.email.value,
        # Customers reach WHMCS only through our single-use SSO links; their portal password never goes there.
        password=secrets.token_urlsafe(24) + "aA1!",
        phone=profile.phone.value,
        address=PostalAddress(
            address1=profile.address.street,
            city=profile.address.city,
            state=profile.address.prefecture,
            postcode=profile.address.postcode,
        ),
        customer_number=onboarding.customer_number.value,
    )
