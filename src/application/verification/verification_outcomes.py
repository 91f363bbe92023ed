"""Staff decide a verification in Salesforce; the org announces it on `/event/Account_Eligibility_Update__e` (the
account's eligibility and verification changes share the event). This handler makes the account's verification read
model stale (once per event) and refills it from the CRM, then tells the customer once per decision: an in-portal
notification (unique per account, outcome and the submission it decides) and a mail (the outbox key is the same
triple). A redelivered or replayed event, or one about eligibility alone, therefore never tells anyone twice.

A resync (events were lost) makes every account's verification stale: the next read asks the CRM. Decisions made
while events were lost are not notified (the status route and checkout see them; the mail and notification do not
follow) — the same trade-off as eligibility.
"""

from __future__ import annotations

import logging

from application.cdc.channels import ELIGIBILITY
from application.eligibility.eligibility_changes import ACCOUNT_FIELD, event_identity
from application.mail.mailer import Mailer
from application.ports.change_stream import PlatformEvent, ResyncRequired, StreamMessage
from application.ports.identity_documents import VerificationState
from application.ports.mail import Mail, MailTemplate
from application.ports.notifications import NotificationDraft, NotificationKind, NotificationRecorder
from application.verification.verification_read_model import VerificationReadModel
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId

log = logging.getLogger(__name__)
DECIDED = {"Verified": "verified", "Rejected": "rejected"}
DEFAULT_REASON = "the document could not be read"


def decision_of(state: VerificationState) -> str:
    """Names the submission a decision is about: a second event about the same decision names the same one."""
    return state.submitted_at.isoformat() if state.submitted_at else "unknown"


def verification_notice(account_id: str, state: VerificationState) -> NotificationDraft | None:
    if state.status == "Verified":
        kind, title = NotificationKind.VERIFICATION_VERIFIED, "Your identity is verified"
        body = "Thank you. You can now order a SIM."
    elif state.status == "Rejected":
        kind, title = NotificationKind.VERIFICATION_REJECTED, "Please upload your ID document again"
        body = f"We could not accept it: {(state.rejection_reason or DEFAULT_REASON).rstrip('.')}."
    else:
        return None
    return NotificationDraft(sf_account_id=account_id, kind=kind, source_id=decision_of(state), title=title, body=body)


class VerificationOutcomeHandler:
    channels = (ELIGIBILITY,)

    def __init__(
        self,
        verification: VerificationReadModel,
        notifications: NotificationRecorder,
        mailer: Mailer,
        portal_url: str,
    ) -> None:
        self._verification = verification
        self._notifications = notifications
        self._mailer = mailer
        self._portal_url = portal_url.rstrip("/") + "/account/verification"
        self.invalidations = 0

    async def handle(self, message: StreamMessage) -> None:
        if isinstance(message, ResyncRequired):
            await self._verification.invalidate_all()  # we cannot know whose verification changed meanwhile
            self.invalidations += 1
            return
        if not isinstance(message, PlatformEvent):
            return
        try:
            account = SalesforceId.parse(str(message.fields.get(ACCOUNT_FIELD) or "")).value
        except DomainError:
            log.error("verification event without a usable %s: every account's status is stale", ACCOUNT_FIELD)
            await self._verification.invalidate_all()
            return
        if await self._verification.invalidate(account, once_for=event_identity(message)):
            self.invalidations += 1
        # Through the read model: the refill is the event's news, and every later read (checkout, the dashboard,
        # the status route) is served from it. On every delivery, so a crash before telling loses nothing.
        state = await self._verification.get(account)
        notice = verification_notice(account, state)
        if notice is None:
            return
        if await self._notifications.record(notice):
            log.info("verification_outcome_notified", extra={"account_id": account, "outcome": state.status})
        await self._mail(account, state)

    async def _mail(self, account: str, state: VerificationState) -> None:
        outcome = DECIDED[state.status]
        if state.contact_email is None:
            return
        new = await self._mailer.send(
            Mail(
                event_key=f"verification:{account}:{outcome}:{decision_of(state)}",
                to=state.contact_email,
                template=MailTemplate.VERIFICATION_RESULT,
                values={
                    "outcome": outcome,
                    "reason": state.rejection_reason or DEFAULT_REASON,
                    "portal_url": self._portal_url,
                },
            )
        )
        if new:
            log.info("verification_outcome_mailed", extra={"account_id": account, "outcome": outcome})
