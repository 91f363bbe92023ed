"""One run of a top-up's saga, from its last recovery point to the end (run by `portal worker`).

Steps: WHMCS CreateInvoice (JPY, due in 7 days, our reference in its notes) → CapturePayment → Freebit quota add
(our quota code, an expiry) → the usage cache cleared and the customer notified. Each write is marked *attempted*
and saved before it is sent; a run that finds the mark looks the effect up first (the invoice by its reference and
status, the quota by its code in Freebit's history), so no step is ever done twice: one invoice, one capture, one
quota add per top-up, whatever crashed or timed out where.

Outages propagate (the queue retries with backoff; the sweep re-queues a lost job). Definite answers end the saga:
a refused card cancels the invoice (nothing charged); a quota add Freebit refuses after the money was taken is made
good — the amount is credited back in WHMCS and staff get a Salesforce case. A line locked by a running change is
neither: the job comes back after a minute.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from enum import StrEnum
from typing import ClassVar

from application.billing.cached_reads import CachedReads
from application.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Raises,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.linked_customer import cache_scope_of
from application.ports.billing.charges import InvoiceCharges, NewInvoice, NewInvoiceLine
from application.ports.billing.credits import AccountCredits
from application.ports.case_desk import CaseDesk, NewCase
from application.ports.clock import Clock
from application.ports.notifications import NotificationDraft, NotificationKind, NotificationRecorder
from application.ports.sim_models import QuotaTopUp
from application.ports.sim_provisioner import SimProvisioner
from application.ports.top_up_queue import TopUpQueue
from application.ports.top_up_records import TopUpRecords
from application.sims.cache_keys import SimKeys
from application.sims.errors import SimLineBusyError
from application.sims.top_up_policy import TopUpPolicy
from domain.sims.top_up import TopUp, TopUpState, TopUpStep

log = logging.getLogger(__name__)

PAYMENT_FAILED = "PAYMENT_FAILED"
QUOTA_REFUSED = "QUOTA_REFUSED"
DEFINITE = (InvalidInputError, ConflictError, NotFoundError)  # answers that will not change on a retry


class RunOutcome(StrEnum):
    SKIPPED = "skipped"  # unknown or already finished
    COMPLETED = "completed"
    WAITING = "waiting"  # the line is busy: queued again for later
    STOPPED = "stopped"  # ended on a definite refusal (payment failed, or refunded)


class RunTopUp:
    raises: ClassVar[Raises] = (UpstreamUnavailableError, UpstreamConfigurationError)

    def __init__(
        self,
        records: TopUpRecords,
        charges: InvoiceCharges,
        credits: AccountCredits,
        sims: SimProvisioner,
        cases: CaseDesk,
        notifications: NotificationRecorder | None,
        queue: TopUpQueue,
        reads: CachedReads,
        clock: Clock,
        policy: TopUpPolicy,
    ) -> None:
        self._records = records
        self._charges = charges
        self._credits = credits
        self._sims = sims
        self._cases = cases
        self._notifications = notifications
        self._queue = queue
        self._reads = reads
        self._clock = clock
        self._policy = policy

    async def execute(self, top_up_id: str) -> RunOutcome:
        top_up = await self._records.get(top_up_id)
        if top_up is None:
            return RunOutcome.SKIPPED
        if top_up.state.finished:
            if top_up.step is TopUpStep.NOTIFIED:
                return RunOutcome.SKIPPED
            await self._notify(top_up)  # finished, but the worker died before telling the customer
            return RunOutcome.SKIPPED
        try:
            outcome = await self._forward(top_up)
        except SimLineBusyError:
            top_up.updated_at = self._clock.now()
            await self._records.save(top_up)
            await self._queue.enqueue(top_up.id, msisdn=top_up.msisdn, delay_seconds=self._policy.busy_retry_seconds)
            return RunOutcome.WAITING
        await self._notify(top_up)
        return outcome

    async def _forward(self, top_up: TopUp) -> RunOutcome:
        if not top_up.done(TopUpStep.INVOICED) and not await self._invoice(top_up):
            return RunOutcome.STOPPED
        if not top_up.done(TopUpStep.PAID) and not await self._capture(top_up):
            return RunOutcome.STOPPED
        if top_up.error_code == QUOTA_REFUSED:  # resumed while making good
            await self._make_good(top_up)
            return RunOutcome.STOPPED
        if not top_up.done(TopUpStep.DATA_ADDED) and not await self._add_quota(top_up):
            await self._make_good(top_up)
            return RunOutcome.STOPPED
        keys = SimKeys(cache_scope_of(top_up.account_id))
        await self._reads.invalidate(keys.of(top_up.sim_id), fence=keys.fence)  # the new quota shows at once
        top_up.finish(TopUpState.COMPLETED, self._clock.now())
        await self._records.save(top_up)
        log.info("top_up_completed", extra={"top_up_id": top_up.id, "quota_mb": top_up.quota_mb})
        return RunOutcome.COMPLETED

    # -- the steps ------------------------------------------------------------------------------------------

    async def _invoice(self, top_up: TopUp) -> bool:
        if top_up.invoice_attempted and top_up.invoice_id is None:
            found = await self._charges.find_invoice(top_up.client_id, top_up.reference)
            top_up.invoice_id = found.id if found else None
        if top_up.invoice_id is None:
            top_up.invoice_attempted = True
            await self._records.save(top_up)  # the recovery point: a resume looks before creating again
            try:
                top_up.invoice_id = await self._create_invoice(top_up)
            except DEFINITE as refused:
                top_up.finish(
                    TopUpState.PAYMENT_FAILED, self._clock.now(), code=PAYMENT_FAILED, message=refused.message
                )
                await self._records.save(top_up)
                return False
        await self._complete(top_up, TopUpStep.INVOICED)
        return True

    async def _create_invoice(self, top_up: TopUp) -> int:
        return await self._charges.create_invoice(
            NewInvoice(
                client_id=top_up.client_id,
                lines=(
                    NewInvoiceLine(
                        description=f"SIM Data Top-up: {top_up.gb}GB for {top_up.msisdn}", amount=top_up.amount
                    ),
                ),
                due_date=(self._clock.now() + timedelta(days=self._policy.invoice_due_days)).date(),
                notes=top_up.reference,
            )
        )

    async def _capture(self, top_up: TopUp) -> bool:
        assert top_up.invoice_id is not None
        if top_up.capture_attempted and await self._invoice_status(top_up) == "Paid":
            await self._complete(top_up, TopUpStep.PAID)
            return True
        top_up.capture_attempted = True
        await self._records.save(top_up)
        try:
            await self._charges.capture_payment(top_up.invoice_id)
        except InvalidInputError as declined:
            await self._charges.cancel_invoice(top_up.invoice_id)
            top_up.finish(TopUpState.PAYMENT_FAILED, self._clock.now(), code=PAYMENT_FAILED, message=declined.message)
            await self._records.save(top_up)
            log.warning("top_up_payment_failed", extra={"top_up_id": top_up.id})
            return False
        except ConflictError:
            # Not Unpaid: our own earlier capture went through (its answer was lost), or someone cancelled it.
            if await self._invoice_status(top_up) != "Paid":
                top_up.finish(
                    TopUpState.PAYMENT_FAILED,
                    self._clock.now(),
                    code=PAYMENT_FAILED,
                    message="The invoice can no longer be paid.",
                )
                await self._records.save(top_up)
                return False
        await self._complete(top_up, TopUpStep.PAID)
        return True

    async def _invoice_status(self, top_up: TopUp) -> str | None:
        found = await self._charges.find_invoice(top_up.client_id, top_up.reference)
        return found.status if found else None

    async def _add_quota(self, top_up: TopUp) -> bool:
        """True once the data is on the line; False when Freebit definitely refused it."""
        if top_up.quota_attempted and await self._sims.quota_added(top_up.msisdn, top_up.quota_code):
            await self._complete(top_up, TopUpStep.DATA_ADDED)
            return True
        top_up.quota_attempted = True
        await self._records.save(top_up)
        try:
            await self._sims.add_quota(
                QuotaTopUp(
                    msisdn=top_up.msisdn,
                    quota_mb=top_up.quota_mb,
                    quota_code=top_up.quota_code,
                    expires_on=top_up.expires_on,
                )
            )
        except SimLineBusyError:
            raise
        except DEFINITE as refused:
            top_up.error_code, top_up.error_message = QUOTA_REFUSED, refused.message
            await self._records.save(top_up)
            log.error("top_up_quota_refused", extra={"top_up_id": top_up.id, "reason": refused.message})
            return False
        await self._complete(top_up, TopUpStep.DATA_ADDED)
        return True

    async def _make_good(self, top_up: TopUp) -> None:
        """Paid but refused by Freebit: the money goes back (a credit in WHMCS) and staff get a case."""
        credit_refused: str | None = None
        if not top_up.done(TopUpStep.REFUNDED):
            if not (top_up.refund_attempted and await self._credits.credit_exists(top_up.client_id, top_up.reference)):
                top_up.refund_attempted = True
                await self._records.save(top_up)
                try:
                    await self._credits.add_credit(
                        top_up.client_id,
                        top_up.amount,
                        f"Refund of SIM data top-up ({top_up.gb}GB for {top_up.msisdn}) {top_up.reference}",
                    )
                except DEFINITE as refused:
                    credit_refused = refused.message
            await self._complete(top_up, TopUpStep.REFUNDED)
        if not top_up.done(TopUpStep.CASE_OPENED):
            case = await self._cases.create_case(
                NewCase(
                    account_id=top_up.account_id,
                    request_key=top_up.reference,  # one case per top-up, however often this runs
                    subject=f"SIM top-up refused by Freebit: {top_up.msisdn}",
                    description=(
                        f"The customer paid invoice #{top_up.invoice_id} for {top_up.quota_mb} MB "
                        f"({top_up.gb} GB, ¥{top_up.amount}) on {top_up.msisdn}, and Freebit refused the quota add: "
                        f"{top_up.error_message}. "
                        + (
                            f"Crediting the amount back was refused by WHMCS ({credit_refused}): refund it by hand."
                            if credit_refused
                            else f"The amount was credited back to the customer's WHMCS account ({top_up.reference}); "
                            "pay it out to the card if the customer asks."
                        )
                        + " Check the line."
                    ),
                    type="SIM",
                    priority="High",
                )
            )
            top_up.case_id = case.id
            await self._complete(top_up, TopUpStep.CASE_OPENED)
        final = TopUpState.REFUND_PENDING if credit_refused else TopUpState.REFUNDED
        top_up.finish(final, self._clock.now(), code=QUOTA_REFUSED, message=top_up.error_message)
        await self._records.save(top_up)

    async def _notify(self, top_up: TopUp) -> None:
        if top_up.step is TopUpStep.NOTIFIED or not top_up.state.finished:
            return
        if self._notifications is not None:
            done = top_up.state is TopUpState.COMPLETED
            await self._notifications.record(
                NotificationDraft(
                    sf_account_id=top_up.account_id,
                    kind=NotificationKind.TOP_UP_DONE if done else NotificationKind.TOP_UP_FAILED,
                    source_id=top_up.id,
                    title=f"{top_up.gb} GB added to {top_up.msisdn}" if done else "Your data top-up failed",
                    body=(
                        f"{top_up.quota_mb:,} MB were added; they last until {top_up.expires_on:%Y-%m-%d}."
                        if done
                        else _failure_text(top_up)
                    ),
                )
            )
        await self._complete(top_up, TopUpStep.NOTIFIED)

    async def _complete(self, top_up: TopUp, step: TopUpStep) -> None:
        top_up.complete(step, self._clock.now())
        await self._records.save(top_up)


def _failure_text(top_up: TopUp) -> str:
    if top_up.state is TopUpState.PAYMENT_FAILED:
        return "Your card was not charged and no data was added. Check your payment method and try again."
    if top_up.state is TopUpState.REFUND_PENDING:
        return f"The data could not be added to {top_up.msisdn}. Our staff will refund the ¥{top_up.amount} you paid."
    return (
        f"The data could not be added to {top_up.msisdn}. The ¥{top_up.amount} you paid was credited back to your "
        "account and our staff are looking into it."
    )
