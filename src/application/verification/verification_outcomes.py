"""Staff decide a verification in Salesforce; the org announces it on `/event/Account_Eligibility_Update__e` (the
account's eligibility and verification changes share the event). This handler reads the decision and mails the
customer once per decision — the outbox key is the account, the outcome and the submission it decides, so a
redelivered or replayed event, or one about eligibility, never mails twice. Checkout's validator and the status
route read the verification live, so they see the decision as soon as Salesforce holds it."""

from __future__ import annotations

import logging

from application.cdc.channels import ELIGIBILITY
from application.eligibility.eligibility_changes import ACCOUNT_FIELD
from application.mail.mailer import Mailer
from application.ports.change_stream import PlatformEvent, StreamMessage
from application.ports.identity_documents import IdentityDocuments
from application.ports.mail import Mail, MailTemplate
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId

log = logging.getLogger(__name__)
DECIDED = {"Verified": "verified", "Rejected": "rejected"}


class VerificationOutcomeHandler:
    channels = (ELIGIBILITY,)

    def __init__(self, documents: IdentityDocuments, mailer: Mailer, portal_url: str) -> None:
        self._documents = documents
        self._mailer = mailer
        self._portal_url = portal_url.rstrip("/") + "/account/verification"

    async def handle(self, message: StreamMessage) -> None:
        if not isinstance(message, PlatformEvent):
            return  # a resync cannot tell which decisions were missed; the status route reads them live anyway
        try:
            account = SalesforceId.parse(str(message.fields.get(ACCOUNT_FIELD) or "")).value
        except DomainError:
            return
        state = await self._documents.state(account)
        outcome = DECIDED.get(state.status)
        if outcome is None or state.contact_email is None:
            return
        submitted = state.submitted_at.isoformat() if state.submitted_at else "unknown"
        new = await self._mailer.send(
            Mail(
                event_key=f"verification:{account}:{outcome}:{submitted}",
                to=state.contact_email,
                template=MailTemplate.VERIFICATION_RESULT,
                values={
                    "outcome": outcome,
                    "reason": state.rejection_reason or "the document could not be read",
                    "portal_url": self._portal_url,
                },
            )
        )
        if new:
            log.info("verification_outcome_mailed", extra={"account_id": account, "outcome": outcome})
