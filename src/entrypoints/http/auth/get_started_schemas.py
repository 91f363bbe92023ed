from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from entrypoints.http.auth.schemas import Camel, Email, Name, Password, PostalAddressInput

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=16, description="The six digits from the mail.")]
Proof = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
Phone = Annotated[str, msgspec.Meta(min_length=1, max_length=32, examples=["090-1234-5678"])]
Notes = Annotated[str, msgspec.Meta(max_length=1000)]


class EmailCodeRequest(Camel):
    email: Email


class EmailCodeSent(Camel):
    """The same answer for every address."""

    message: str
    expires_in_seconds: int


class EmailCodeVerification(Camel):
    email: Email
    code: Code


class EmailVerified(Camel, omit_defaults=True):
    """`signUp`: complete with `proof`; `linkBilling`: link the billing login (`POST /api/auth/link`);
    `logIn`: this address has a portal login: log in with its password."""

    next_step: Literal["signUp", "linkBilling", "logIn"]
    proof: str | None = None
    proof_expires_in_seconds: int | None = None


class GetStartedCompletion(Camel):
    proof: Proof
    password: Password
    first_name: Name
    last_name: Name
    phone: Phone
    address: PostalAddressInput
    check_internet_availability: bool = False  # "create an account and submit": file a check for this address
    notes: Notes = ""


class AvailabilityCheckRequest(Camel):
    email: Email
    first_name: Name
    last_name: Name
    phone: Phone
    address: PostalAddressInput
    notes: Notes = ""
