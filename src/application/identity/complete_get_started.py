"""Get-started, step 3: the proven address becomes a customer. The CRM Account is found or created for it (with an
availability check filed first when they asked: "create an account and submit"), then the sign-up saga runs with
the Account's Customer Number exactly as a sign-up with a contract would. The proof is spent once it succeeded."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.eligibility.prospect_intake import ProspectIntake, crm_address, prospect_of
from application.errors import STORE_OUTAGE, Raises
from application.identity.contact_form import ContactForm
from application.identity.errors import AccountAlreadyExistsError, EmailProofInvalidError
from application.identity.get_started_policy import proof_digest
from application.identity.sessions import ActiveSession
from application.identity.sign_up import SignUp, SignUpCommand
from application.ports.email_codes import EmailCodes
from domain.identity.email import EmailAddress


class CompleteGetStartedCommand(msgspec.Struct, frozen=True, kw_only=True):
    proof: str
    password: str
    contact: ContactForm
    check_internet: bool  # also file an availability check for this address
    notes: str
    client_ip: str


class CompleteGetStarted:
    raises: ClassVar[Raises] = (
        EmailProofInvalidError, AccountAlreadyExistsError, *SignUp.raises, *ProspectIntake.raises, *STORE_OUTAGE,
    )  # fmt: skip

    def __init__(self, codes: EmailCodes, intake: ProspectIntake, sign_up: SignUp) -> None:
        self._codes = codes
        self._intake = intake
        self._sign_up = sign_up

    async def execute(self, command: CompleteGetStartedCommand) -> ActiveSession:
        digest = proof_digest(command.proof)
        proven = await self._codes.proven_email(digest)
        if proven is None:
            raise EmailProofInvalidError()
        email = EmailAddress.parse(proven)
        profile = command.contact.checked()
        address = profile.address
        receipt = await self._intake.submit(
            prospect_of(email, profile),
            check_at=crm_address(address) if command.check_internet else None,
            notes=command.notes,
        )
        if receipt.account.customer_number is None:
            # An Account the org has not numbered cannot be signed up for here: staff must look at it.
            raise AccountAlreadyExistsError()
        session = await self._sign_up.execute(
            SignUpCommand(
                email=email.value,
                password=command.password,
                contact=command.contact,
                customer_number=receipt.account.customer_number,
                client_ip=command.client_ip,
            )
        )
        await self._codes.revoke(digest)
        return session
