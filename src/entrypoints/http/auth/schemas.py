from __future__ import annotations

from typing import Annotated, Protocol
from uuid import UUID

import msgspec

from application.identity.contact_form import ContactForm
from domain.identity.email import EMAIL_SHAPE

Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=320,
        pattern=EMAIL_SHAPE,
        description="An email address (the server trims, NFKC-normalises and lower-cases it).",
        examples=["hanako.tanaka@example.jp"],
    ),
]


class Camel(msgspec.Struct, kw_only=True, rename="camel"):
    pass


class LogInRequest(Camel):
    email: Email
    password: Password


class SessionView(Camel):
    authenticated: bool
    user_id: UUID | None = None
    csrf_token: str | None = None  # send it back as the X-CSRF-Token header on every unsafe request


class ChangePasswordRequest(Camel):
    current_password: Password
    new_password: Password


class PasswordResetRequest(Camel):
    email: Email


class PasswordResetConfirmation(Camel):
    token: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
    new_password: Password


class Accepted(Camel):
    message: str


Short = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]


class PostalAddressInput(Camel):
    postcode: Annotated[str, msgspec.Meta(min_length=1, max_length=16, examples=["160-0022"])]
    prefecture: Annotated[str, msgspec.Meta(min_length=1, max_length=16, examples=["Tokyo"])]
    city: Short
    street: Short


class SignUpRequest(Camel):
    email: Email
    password: Password
    first_name: Name
    last_name: Name
    phone: Annotated[str, msgspec.Meta(min_length=1, max_length=32, examples=["090-1234-5678"])]
    address: PostalAddressInput
    customer_number: Annotated[str, msgspec.Meta(min_length=1, max_length=32, examples=["SH-100003"])]


class LinkRequest(Camel):
    """The customer's existing WHMCS (billing) login, and the password they want for the portal."""

    email: Email
    password: Password
    new_password: Password


class _FilledInContact(Protocol):
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def address(self) -> PostalAddressInput: ...


def contact_form(data: _FilledInContact) -> ContactForm:
    """The name, phone and address fields every sign-up and request form shares, as the use cases take them."""
    a = data.address
    return ContactForm(
        first_name=data.first_name,
        last_name=data.last_name,
        phone=data.phone,
        postcode=a.postcode,
        prefecture=a.prefecture,
        city=a.city,
        street=a.street,
    )
