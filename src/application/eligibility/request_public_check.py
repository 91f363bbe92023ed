"""The public availability check ("just submit a request"): no login, an email and a service address. The answer
is the same whatever exists for the email; the confirmation goes to the mailbox, once per request filed."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.eligibility.prospect_intake import ProspectIntake, crm_address, prospect_of
from application.errors import Raises
from application.identity.attempts import AttemptGuard
from application.identity.contact_form import ContactForm
from application.identity.get_started_policy import limited
from application.mail.mailer import Mailer
from application.ports.attempt_counter import AttemptCounter
from application.ports.mail import Mail, MailTemplate
from domain.errors import InvalidEmailError
from domain.identity.contact_details import InvalidContactDetailsError
from domain.identity.email import EmailAddress

# Each request may create CRM records and sends a mail: 5 an hour per IP and per email address.
REQUESTS_PER_WINDOW = 5
WINDOW_SECONDS = 60 * 60


class PublicCheckCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str
    contact: ContactForm
    notes: str
    client_ip: str


class RequestPublicAvailabilityCheck:
    raises: ClassVar[Raises] = (
        InvalidEmailError, InvalidContactDetailsError, *AttemptGuard.raises, *ProspectIntake.raises, *Mailer.raises,
    )  # fmt: skip

    def __init__(self, intake: ProspectIntake, mailer: Mailer, counter: AttemptCounter) -> None:
        self._intake = intake
        self._mailer = mailer
        self._attempts = limited(counter, per_window=REQUESTS_PER_WINDOW, window_seconds=WINDOW_SECONDS)

    async def execute(self, command: PublicCheckCommand) -> None:
        email = EmailAddress.parse(command.email)
        profile = command.contact.checked()
        address = profile.address
        async with self._attempts.attempt(
            "availability",
            client_ip=command.client_ip,
            email=email.value,
            success_counts=True,
        ):
            receipt = await self._intake.submit(
                prospect_of(email, profile), check_at=crm_address(address), notes=command.notes
            )
        if receipt.case_id is None:
            return
        where = f"{address.postcode} {address.prefecture} {address.city} {address.street}"
        await self._mailer.send(
            Mail(
                event_key=f"availability:{receipt.case_id}",  # one confirmation per request filed, however often asked
                to=email.value,
                template=MailTemplate.AVAILABILITY_REQUESTED,
                values={"name": profile.name.first, "address": where, "reference": receipt.case_id},
            )
        )
