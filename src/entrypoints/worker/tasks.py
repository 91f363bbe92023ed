"""Durable jobs and sweeps run by `portal worker` (procrastinate, on the portal's Postgres).

Tasks are thin: they open a dishka request scope and call one use case. Defined on a Blueprint so importing
this module connects to nothing.
"""

from __future__ import annotations

import logging
from typing import Protocol

from dishka import AsyncContainer
from procrastinate import Blueprint, JobContext, RetryStrategy
from procrastinate.exceptions import UniqueViolation
from procrastinate.jobs import Status

from application.cancellations.run_cancellation import RunCancellation
from application.cancellations.sweep_cancellations import SweepCancellations
from application.errors import UpstreamUnavailableError
from application.identity.resume_onboardings import ResumeOnboardings
from application.mail.deliver_mail import DeliverMail
from application.mail.sweep_mail import SweepMail
from application.notifications.purge_notifications import PurgeNotifications
from application.orders.fulfilment.fulfil_order import FulfilOrder
from application.orders.fulfilment.sweep import SweepFulfilments
from application.orders.purge_idempotency_keys import PurgeIdempotencyKeys
from application.orders.purge_port_in_holders import PurgePortInHolders
from application.sims.apply_due_plan_changes import ApplyDuePlanChanges
from application.sims.record_reissued_eid import RecordReissuedEid
from application.sims.run_sim_replacements import RunSimReplacements
from application.sims.run_top_up import RunTopUp
from application.sims.sweep_top_ups import SweepTopUps
from entrypoints.settings import Settings

log = logging.getLogger(__name__)
tasks = Blueprint()


class Sweep(Protocol):
    async def execute(self) -> int:
        """How many things it took care of."""
        ...


def container_of(context: JobContext) -> AsyncContainer:
    container: AsyncContainer = context.additional_context["container"]
    return container


async def sweep(context: JobContext, use_case: type[Sweep], event: str) -> None:
    """Run one sweep use case in its own request scope; log only when it found work."""
    async with container_of(context)() as request:
        count = await (await request.get(use_case)).execute()
    if count:
        log.info(event, extra={"count": count})


@tasks.periodic(cron="* * * * *", periodic_id="resume-onboardings")
@tasks.task(name="resume_onboardings", queue="maintenance", pass_context=True, queueing_lock="resume_onboardings")
async def resume_onboardings(context: JobContext, timestamp: int) -> None:
    """Every minute: take forward sign-ups and links that a crash or an outage left half-done."""
    await sweep(context, ResumeOnboardings, "onboardings_resumed")


# Outages only (definite errors stop the saga with a code instead): 3 s + 2^(n+1) s, about 2.3 hours for the
# 12 outages after which the saga itself marks the order failed (FulfilmentPolicy.max_transient_failures).
OUTAGE_RETRIES = RetryStrategy(max_attempts=14, wait=3, exponential_wait=2, retry_exceptions={UpstreamUnavailableError})


@tasks.periodic(cron="* * * * * */10", periodic_id="retry-stalled-jobs")
@tasks.task(name="retry_stalled_jobs", queue="maintenance", pass_context=True, queueing_lock="retry_stalled_jobs")
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    """Every 10 s: jobs left running by a worker that died (no heartbeat) go back to the queue.

    Without this a killed worker's job would stay "doing" for ever, and with it the lock of its account.
    """
    settings = await container_of(context).get(Settings)
    manager = context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=settings.worker_stalled_after_seconds):
        try:
            await manager.retry_job(job)
        except UniqueViolation:
            # The same work was queued again meanwhile (same queueing lock): that job does it. This one just
            # has to stop holding its lock.
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
        log.warning("stalled_job_retried", extra={"job_id": job.id, "task": job.task_name})


@tasks.task(name="fulfil_order", queue="fulfilment", pass_context=True, retry=OUTAGE_RETRIES)
async def fulfil_order(context: JobContext, order_id: str) -> None:
    """One run of an order's fulfilment saga (queued by the order change handler, the sweep, or itself)."""
    # Which worker took which run: what an operator (and the failover test) looks for after a worker died.
    log.info("fulfilment_run_started", extra={"order_id": order_id, "job_id": context.job.id if context.job else None})
    async with container_of(context)() as request:
        result = await (await request.get(FulfilOrder)).execute(order_id)
    log.info("fulfilment_run", extra={"order_id": order_id, "outcome": result.outcome.value})


@tasks.periodic(cron="*/5 * * * *", periodic_id="sweep-fulfilments")
@tasks.task(name="sweep_fulfilments", queue="fulfilment", pass_context=True, queueing_lock="sweep-fulfilments")
async def sweep_fulfilments(context: JobContext, timestamp: int) -> None:
    """Every five minutes (and after a stream gap): orders whose trigger was missed or whose job was lost."""
    await sweep(context, SweepFulfilments, "fulfilments_requeued")


@tasks.periodic(cron="17 * * * *", periodic_id="purge-idempotency-keys")
@tasks.task(name="purge_idempotency_keys", queue="maintenance", pass_context=True, queueing_lock="purge_idem_keys")
async def purge_idempotency_keys(context: JobContext, timestamp: int) -> None:
    """Hourly: idempotency keys past their keeping time (24 h after their answer) are deleted."""
    await sweep(context, PurgeIdempotencyKeys, "idempotency_keys_purged")


@tasks.periodic(cron="43 * * * *", periodic_id="purge-port-in-holders")
@tasks.task(name="purge_port_in_holders", queue="maintenance", pass_context=True, queueing_lock="purge_holders")
async def purge_port_in_holders(context: JobContext, timestamp: int) -> None:
    """Hourly: port-in holders (personal data) past their retention (30 days after checkout) are deleted."""
    await sweep(context, PurgePortInHolders, "port_in_holders_purged")


# A top-up holds the customer's money: it is never given up on an outage, only retried (3 s + 2^(n+1) s, about
# 4.5 hours for 14 attempts), and the sweep below queues it again after that.
TOP_UP_RETRIES = RetryStrategy(max_attempts=14, wait=3, exponential_wait=2, retry_exceptions={UpstreamUnavailableError})


@tasks.task(name="run_top_up", queue="sims", pass_context=True, retry=TOP_UP_RETRIES)
async def run_top_up(context: JobContext, top_up_id: str) -> None:
    """One run of a SIM data top-up's saga (queued by the request, the sweep, or itself when the line is busy)."""
    async with container_of(context)() as request:
        outcome = await (await request.get(RunTopUp)).execute(top_up_id)
    log.info("top_up_run", extra={"top_up_id": top_up_id, "outcome": outcome.value})


@tasks.periodic(cron="*/2 * * * *", periodic_id="sweep-top-ups")
@tasks.task(name="sweep_top_ups", queue="sims", pass_context=True, queueing_lock="sweep-top-ups")
async def sweep_top_ups(context: JobContext, timestamp: int) -> None:
    """Every two minutes: pending top-ups whose job was lost (a killed worker, the queue down at the request)."""
    await sweep(context, SweepTopUps, "top_ups_requeued")


@tasks.periodic(cron="*/5 * * * *", periodic_id="apply-plan-changes")
@tasks.task(
    name="apply_plan_changes",
    queue="sims",
    pass_context=True,
    queueing_lock="apply-plan-changes",
    lock="apply-plan-changes",
)
async def apply_plan_changes(context: JobContext, timestamp: int) -> None:
    """Every five minutes: SIM plan changes whose day has come (from 00:00 Tokyo time on the 1st) are applied, and
    those an outage, a crash or a busy line held up are taken on. One round at a time (`lock`); each change's record
    is fenced by its version as well, so two workers never apply one change twice."""
    await sweep(context, ApplyDuePlanChanges, "plan_changes_applied")


@tasks.periodic(cron="* * * * *", periodic_id="run-sim-replacements")
@tasks.task(
    name="run_sim_replacements",
    queue="sims",
    pass_context=True,
    queueing_lock="run-sim-replacements",
    lock="run-sim-replacements",
)
async def run_sim_replacements(context: JobContext, timestamp: int) -> None:
    """Every minute: open SIM card replacements taken as far as they can go (a card allocated and shipped; once the
    customer has it, the line moved to it and billing told). One round at a time; each record fenced by version."""
    await sweep(context, RunSimReplacements, "sim_replacements_finished")


# Freebit finishes a reissue within about 10 minutes: 30 s + 2^(n+1) s for 9 attempts covers 17 minutes and more;
# an outage of WHMCS or Freebit is waited out the same way.
EID_RETRIES = RetryStrategy(max_attempts=9, wait=30, exponential_wait=2, retry_exceptions={UpstreamUnavailableError})


@tasks.task(name="record_reissued_eid", queue="sims", pass_context=True, retry=EID_RETRIES)
async def record_reissued_eid(context: JobContext, client_id: int, service_id: int, msisdn: str) -> None:
    """After an eSIM reissue: the line's new EID into the WHMCS service's EID field once the profile is active."""
    async with container_of(context)() as request:
        outcome = await (await request.get(RecordReissuedEid)).execute(
            client_id=client_id, service_id=service_id, msisdn=msisdn
        )
    log.info("reissued_eid_run", extra={"service_id": service_id, "outcome": outcome.value})


# Mail server outages: 5 s + 2^(n+1) s, about 10 minutes of retries; after that the outbox sweep queues it again
# each minute while it is less than an hour old (a code mailed later than that is of no use).
MAIL_RETRIES = RetryStrategy(max_attempts=9, wait=5, exponential_wait=2, retry_exceptions={UpstreamUnavailableError})


@tasks.task(name="deliver_mail", queue="mail", pass_context=True, retry=MAIL_RETRIES)
async def deliver_mail(context: JobContext, event_key: str) -> None:
    """One outbox mail to the mail server (queued by whoever wrote it, or by the sweep)."""
    async with container_of(context)() as request:
        outcome = await (await request.get(DeliverMail)).execute(event_key)
    log.info("mail_delivery", extra={"outcome": outcome})


@tasks.periodic(cron="* * * * *", periodic_id="sweep-mail")
@tasks.task(name="sweep_mail", queue="maintenance", pass_context=True, queueing_lock="sweep_mail")
async def sweep_mail(context: JobContext, timestamp: int) -> None:
    """Every minute: mail kept while the job queue was down is queued; week-old mail is deleted."""
    await sweep(context, SweepMail, "mail_requeued")


@tasks.periodic(cron="29 * * * *", periodic_id="purge-notifications")
@tasks.task(name="purge_notifications", queue="maintenance", pass_context=True, queueing_lock="purge_notifications")
async def purge_notifications(context: JobContext, timestamp: int) -> None:
    """Hourly: notifications older than `PORTAL_NOTIFICATION_RETENTION_DAYS` (180) are deleted, read or not."""
    await sweep(context, PurgeNotifications, "notifications_purged")


# A cancellation is never given up on an outage, only retried (as a top-up: about 4.5 hours over 14 attempts), and
# the sweep below queues it again after that.
CANCELLATION_RETRIES = RetryStrategy(
    max_attempts=14, wait=3, exponential_wait=2, retry_exceptions={UpstreamUnavailableError}
)


@tasks.task(name="run_cancellation", queue="cancellations", pass_context=True, retry=CANCELLATION_RETRIES)
async def run_cancellation(context: JobContext, cancellation_id: str) -> None:
    """One run of a service cancellation's saga (queued by the request, the withdrawal, the sweep, or itself)."""
    async with container_of(context)() as request:
        outcome = await (await request.get(RunCancellation)).execute(cancellation_id)
    log.info("cancellation_run", extra={"cancellation_id": cancellation_id, "outcome": outcome.value})


@tasks.periodic(cron="* * * * *", periodic_id="sweep-cancellations")
@tasks.task(name="sweep_cancellations", queue="cancellations", pass_context=True, queueing_lock="sweep-cancellations")
async def sweep_cancellations(context: JobContext, timestamp: int) -> None:
    """Every minute: cancellations whose cut-off or last day has come, or whose job was lost, are queued."""
    await sweep(context, SweepCancellations, "cancellations_queued")
