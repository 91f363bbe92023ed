"""One run of a cancellation's saga, from its last recovery point to where it has to wait (run by `portal worker`).

Registration (at once): the service's Opportunity (found by its WHMCS service id, created for a service sold before
the portal) gets the cancellation fields; staff get a Case (keyed by our reference, so never two); the customer gets a
notification and a mail (each once per event). At the cut-off the cancellation becomes final — saved as `confirmed`
*before* anything is sent, so a withdrawal racing the cut-off either wins (nothing sent) or is refused — and WHMCS gets
its "End of Billing Period" cancellation request, looked up first after a lost answer. A SIM line is cancelled at
Freebit (PA02-04, `runDate` its last day) on that day, looked up first likewise. A withdrawal clears the fields,
comments on and closes the Case, and tells the customer.

Outages propagate (the queue retries with backoff; the sweep re-queues a lost job). A definite refusal by WHMCS or
Freebit ends the saga as `needs_staff`: the Case gets a comment saying what is left to do by hand.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum
from typing import ClassVar

from application.billing.cached_reads import CachedReads
from application.cancellations.policy import CancellationPolicy
from application.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Raises,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.linked_customer import cache_scope_of
from application.mail.mailer import Mailer
from application.ports.billing.cancel_requests import BillingCancelRequests
from application.ports.cancellation_queue import CancellationQueue
from application.ports.cancellation_records import CancellationChangedError, CancellationRecords
from application.ports.case_desk import CaseDesk, NewCase
from application.ports.clock import Clock
from application.ports.crm_cancellations import CancellationCrmRecords, CancellationFields
from application.ports.mail import Mail, MailTemplate
from application.ports.notifications import NotificationDraft, NotificationKind, NotificationRecorder
from application.ports.sim_models import SimAccountState, SimOperation
from application.ports.sim_provisioner import SimProvisioner
from application.sims.cache_keys import SimKeys
from application.sims.errors import SimLineBusyError
from domain.cancellation.cancellation import Cancellation, CancellationKind, CancellationState, LineReturn
from domain.cancellation.schedule import TOKYO

log = logging.getLogger(__name__)

DEFINITE = (InvalidInputError, NotFoundError)  # answers that will not change on a retry
BILLING_REFUSED = "BILLING_REFUSED"
LINE_REFUSED = "LINE_REFUSED"
CRM_REFUSED = "CRM_REFUSED"
RETURN_WORDS = {
    LineReturn.SHIP_BACK: "We will send you a kit to post the rented ONU and router back after the service ends.",
    LineReturn.COLLECTION: "We will contact you to arrange the collection of the rented ONU and router.",
    LineReturn.NOTHING_RENTED: "You told us there is no rented equipment to return.",
}
LINE_RETURN_FIELD = {
    LineReturn.SHIP_BACK: "Return by post",
    LineReturn.COLLECTION: "Collection",
    LineReturn.NOTHING_RENTED: "Nothing to return",
}


class RunOutcome(StrEnum):
    SKIPPED = "skipped"  # unknown or already finished
    WAITING = "waiting"  # registered; waits for its cut-off or its last day (or a busy line)
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    NEEDS_STAFF = "needs_staff"


class RunCancellation:
    raises: ClassVar[Raises] = (UpstreamUnavailableError, UpstreamConfigurationError)

    def __init__(
        self,
        records: CancellationRecords,
        crm: CancellationCrmRecords,
        cases: CaseDesk,
        billing: BillingCancelRequests,
        sims: SimProvisioner,
        notifications: NotificationRecorder | None,
        mailer: Mailer,
        queue: CancellationQueue,
        reads: CachedReads,
        clock: Clock,
        policy: CancellationPolicy,
    ) -> None:
        self._records = records
        self._crm = crm
        self._cases = cases
        self._billing = billing
        self._sims = sims
        self._notifications = notifications
        self._mailer = mailer
        self._queue = queue
        self._reads = reads
        self._clock = clock
        self._policy = policy

    async def execute(self, cancellation_id: str) -> RunOutcome:
        for _ in range(5):
            cancellation = await self._records.get(cancellation_id)
            if cancellation is None:
                return RunOutcome.SKIPPED
            try:
                return await self._forward(cancellation)
            except CancellationChangedError:
                continue  # the customer withdrew meanwhile: every step so far is found again, then undone
            except SimLineBusyError:
                await self._queue.enqueue(cancellation_id, delay_seconds=self._policy.busy_retry_seconds)
                return RunOutcome.WAITING
        raise UpstreamUnavailableError("postgres", "The cancellation kept changing under the worker.")

    async def _forward(self, c: Cancellation) -> RunOutcome:
        if c.state is CancellationState.WITHDRAWING:
            await self._undo(c)
            return RunOutcome.WITHDRAWN
        if c.state.finished:
            return RunOutcome.SKIPPED
        try:
            await self._register(c)
        except DEFINITE as refused:
            # The CRM refused our own values (a bug, or the org's rules changed): retrying cannot help, and without
            # a case staff learn of it from this error in the log; the customer sees `needs_staff`.
            c.finish(CancellationState.NEEDS_STAFF, self._clock.now(), code=CRM_REFUSED, message=refused.message)
            await self._save(c)
            log.error("cancellation_crm_refused", extra={"cancellation_id": c.id, "reason": refused.message})
            return RunOutcome.NEEDS_STAFF
        if c.state is CancellationState.SCHEDULED:
            now = self._clock.now()
            if now < c.cutoff_at:
                await self._wait(c, c.cutoff_at)
                return RunOutcome.WAITING
            c.confirm(now)  # stored before billing hears of it: from here a withdrawal is refused
            await self._save(c)
        return await self._make_final(c)

    async def _make_final(self, c: Cancellation) -> RunOutcome:
        if not c.billing_done and not await self._tell_billing(c):
            return RunOutcome.NEEDS_STAFF
        if c.kind is CancellationKind.SIM and not c.line_done:
            if self._clock.now() < c.line_day_starts():
                await self._wait(c, c.line_day_starts())
                return RunOutcome.WAITING
            if not await self._cancel_line(c):
                return RunOutcome.NEEDS_STAFF
        c.finish(CancellationState.COMPLETED, self._clock.now())
        await self._save(c)
        log.info("cancellation_completed", extra={"cancellation_id": c.id, "kind": c.kind.value})
        return RunOutcome.COMPLETED

    # -- registration -----------------------------------------------------------------------------------------

    async def _register(self, c: Cancellation) -> None:
        if not c.crm_recorded:
            opportunity = c.opportunity_id or await self._opportunity(c)
            await self._crm.record_cancellation(
                opportunity,
                CancellationFields(kind=c.kind, end_date=c.end_date, moving=c.moving, line_return=c.line_return),
            )
            c.crm_recorded = True
            c.note(self._clock.now(), "crm_recorded")
            await self._save(c)
        if c.case_id is None:
            case = await self._cases.create_case(self._new_case(c))  # one per reference, however often this runs
            c.case_id = case.id
            c.note(self._clock.now(), "case_opened")
            await self._save(c)
        if not c.scheduled_told:
            await self._tell_scheduled(c)
            c.scheduled_told = True
            await self._save(c)

    async def _opportunity(self, c: Cancellation) -> str:
        found = await self._crm.find_service_opportunity(c.account_id, c.service_id)
        if found is None:
            # A service sold before the portal: its Opportunity is created now. A lost answer is found again by
            # the service id on the next run, before anything is created twice.
            found = await self._crm.create_service_opportunity(c.account_id, c.service_id, c.service_name, c.kind)
        c.opportunity_id = found
        await self._save(c)
        return found

    def _new_case(self, c: Cancellation) -> NewCase:
        what = "Internet" if c.kind is CancellationKind.INTERNET else f"SIM {c.msisdn}"
        lines = [
            f"The customer asked through the portal to cancel {c.service_name} ({what}, WHMCS service "
            f"#{c.service_id}) at the end of {c.end_date:%Y-%m-%d}.",
            f"Withdrawable in the portal until {c.cutoff_at.astimezone(TOKYO):%Y-%m-%d %H:%M} (Tokyo); after that "
            "the portal files the WHMCS cancellation request (end of billing period)"
            + (" and cancels the line at Freebit on its last day." if c.kind is CancellationKind.SIM else "."),
            f"Opportunity: {c.opportunity_id}. Moving house: {'yes' if c.moving else 'no'}.",
        ]
        if c.line_return is not None:
            lines.append(f"Equipment return: {LINE_RETURN_FIELD[c.line_return]}.")
        return NewCase(
            account_id=c.account_id,
            request_key=c.reference,
            subject=f"Cancellation: {c.service_name} ends {c.end_date:%Y-%m-%d}",
            description="\n".join(lines),
            type="Cancellation",
            priority="Medium",
        )

    async def _tell_scheduled(self, c: Cancellation) -> None:
        if self._notifications is not None:
            await self._notifications.record(
                NotificationDraft(
                    sf_account_id=c.account_id,
                    kind=NotificationKind.CANCELLATION_SCHEDULED,
                    source_id=c.id,
                    title=f"{c.service_name} ends on {c.end_date:%Y-%m-%d}",
                    body=f"Your cancellation is scheduled. You can withdraw it until {_deadline(c)}.",
                )
            )
        await self._mailer.send(
            Mail(
                event_key=f"cancellation-scheduled:{c.id}",
                to=c.email,
                template=MailTemplate.CANCELLATION_SCHEDULED,
                values={
                    "service_name": c.service_name,
                    "end_date": f"{c.end_date:%Y-%m-%d}",
                    "return_instructions": RETURN_WORDS[c.line_return] if c.line_return else "",
                    "withdraw_until": _deadline(c),
                },
            )
        )

    # -- past the cut-off -------------------------------------------------------------------------------------

    async def _tell_billing(self, c: Cancellation) -> bool:
        """True once WHMCS has the cancellation request; False when it refused it for good (staff told)."""
        if not (c.billing_attempted and await self._billing.cancellation_requested(c.service_id)):
            c.billing_attempted = True
            await self._save(c)  # the recovery point: a resume looks before filing again
            try:
                await self._billing.request_cancellation(
                    c.service_id, f"Portal cancellation at the end of {c.end_date:%Y-%m-%d} ({c.reference})"
                )
            except ConflictError:
                pass  # the service has a request already: ours whose answer was lost, or staff's — either way done
            except DEFINITE as refused:
                await self._hand_to_staff(c, BILLING_REFUSED, f"WHMCS refused the cancellation request: {refused}")
                return False
        c.billing_done = True
        c.note(self._clock.now(), "billing_told")
        await self._save(c)
        return True

    async def _cancel_line(self, c: Cancellation) -> bool:
        assert c.msisdn is not None
        if not (c.line_attempted and await self._line_cancelled(c.msisdn)):
            c.line_attempted = True
            await self._save(c)
            try:
                await self._sims.cancel(c.msisdn, run_on=c.end_date)
            except SimLineBusyError:
                raise
            except ConflictError as refused:
                if not await self._line_cancelled(c.msisdn):  # "already requested" is ours; anything else is not
                    await self._hand_to_staff(c, LINE_REFUSED, f"Freebit refused the line cancellation: {refused}")
                    return False
            except DEFINITE as refused:
                await self._hand_to_staff(c, LINE_REFUSED, f"Freebit refused the line cancellation: {refused}")
                return False
        c.line_done = True
        c.note(self._clock.now(), "line_cancelled")
        await self._save(c)
        keys = SimKeys(cache_scope_of(c.account_id))
        await self._reads.invalidate(keys.of(c.service_id), fence=keys.fence)
        return True

    async def _line_cancelled(self, msisdn: str) -> bool:
        account = await self._sims.get_account(msisdn)
        queued = any(p.operation is SimOperation.CANCEL for p in account.pending)
        return queued or account.state is SimAccountState.CANCELLED

    async def _hand_to_staff(self, c: Cancellation, code: str, message: str) -> None:
        assert c.case_id is not None
        await self._cases.add_comment(
            c.account_id, c.case_id, f"{message}. The portal stopped here: please finish this cancellation by hand."
        )
        c.finish(CancellationState.NEEDS_STAFF, self._clock.now(), code=code, message=message)
        await self._save(c)
        log.error("cancellation_needs_staff", extra={"cancellation_id": c.id, "code": code})

    # -- withdrawal -------------------------------------------------------------------------------------------

    async def _undo(self, c: Cancellation) -> None:
        if not c.crm_cleared:
            opportunity = c.opportunity_id or await self._crm.find_service_opportunity(c.account_id, c.service_id)
            if opportunity is not None:  # fields may have been written by a run that died before saying so
                await self._crm.clear_cancellation(opportunity, c.kind)
            c.crm_cleared = True
            await self._save(c)
        if not c.case_closed:
            case_id = c.case_id or await self._crm.find_case(c.account_id, c.reference)
            if case_id is not None:
                if not c.withdrawal_comment_attempted:
                    c.withdrawal_comment_attempted = True
                    await self._save(c)
                    await self._cases.add_comment(c.account_id, case_id, _withdrawal_comment(c))
                await self._crm.close_case(c.account_id, case_id)
            c.case_closed = True
            await self._save(c)
        if not c.withdrawn_told:
            await self._tell_withdrawn(c)
            c.withdrawn_told = True
        c.finish(CancellationState.WITHDRAWN, self._clock.now())
        await self._save(c)
        log.info("cancellation_withdrawn", extra={"cancellation_id": c.id})

    async def _tell_withdrawn(self, c: Cancellation) -> None:
        if self._notifications is not None:
            await self._notifications.record(
                NotificationDraft(
                    sf_account_id=c.account_id,
                    kind=NotificationKind.CANCELLATION_WITHDRAWN,
                    source_id=c.id,
                    title=f"{c.service_name} continues",
                    body=f"You withdrew the cancellation that would have ended it on {c.end_date:%Y-%m-%d}.",
                )
            )
        await self._mailer.send(
            Mail(
                event_key=f"cancellation-withdrawn:{c.id}",
                to=c.email,
                template=MailTemplate.CANCELLATION_WITHDRAWN,
                values={"service_name": c.service_name, "end_date": f"{c.end_date:%Y-%m-%d}"},
            )
        )

    # -- bookkeeping ------------------------------------------------------------------------------------------

    async def _wait(self, c: Cancellation, moment: datetime) -> None:
        c.wait_until(moment, self._clock.now())
        await self._save(c)

    async def _save(self, c: Cancellation) -> None:
        await self._records.save(c)


def _deadline(c: Cancellation) -> str:
    last_moment = c.cutoff_at.astimezone(TOKYO) - timedelta(seconds=1)
    return f"{last_moment:%Y-%m-%d %H:%M} (Tokyo time)"


def _withdrawal_comment(c: Cancellation) -> str:
    when = c.withdrawn_at.astimezone(TOKYO) if c.withdrawn_at else None
    return (
        "The customer withdrew this cancellation in the portal"
        + (f" on {when:%Y-%m-%d %H:%M} (Tokyo)" if when else "")
        + ". The Opportunity's cancellation fields were cleared. Nothing had been sent to WHMCS or Freebit (the "
        "portal files those only after the cut-off), so nothing is left to undo there. Closing this case."
    )
