"""What a person types about themselves on a sign-up or request form, before any of it is checked."""

from __future__ import annotations

import msgspec

from domain.identity.contact_details import JapaneseAddress, PersonName, PhoneNumber
from domain.identity.onboarding import CustomerProfile

CONTACT_FIELDS = ("first_name", "last_name", "phone", "postcode", "prefecture", "city", "street")


class ContactForm(msgspec.Struct, frozen=True, kw_only=True):
    first_name: str
    last_name: str
    phone: str
    postcode: str
    prefecture: str
    city: str
    street: str

    def checked(self) -> CustomerProfile:
        """Raises InvalidContactDetailsError naming the first field that is not a name, phone or address."""
        return CustomerProfile(
            name=PersonName.parse(self.first_name, self.last_name),
            phone=PhoneNumber.parse(self.phone),
            address=JapaneseAddress.parse(
                postcode=self.postcode, prefecture=self.prefecture, city=self.city, street=self.street
            ),
        )
