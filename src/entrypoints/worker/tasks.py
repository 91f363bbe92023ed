"""Durable jobs and sweeps run by `portal worker` (procrastinate, on the portal's Postgres).

Tasks are thin: they open a dishka request scope and call one use case. Defined on a Blueprint so importing
this module connects to nothing.
"""

from __future__ import annotations

import logging

from dishka import AsyncContainer
from procrastinate import Blueprint, JobContext

from application.identity.resume_onboardings import ResumeOnboardings

log = logging.getLogger(__name__)
tasks = Blueprint()


def container_of(context: JobContext) -> AsyncContainer:
    container: AsyncContainer = context.additional_context["container"]
    return container


@tasks.periodic(cron="* * * * *", periodic_id="resume-onboardings")
@tasks.task(name="resume_onboardings", queue="maintenance", pass_context=True, queueing_lock="resume_onboardings")
async def resume_onboardings(context: JobContext, timestamp: int) -> None:
    """Every minute: take forward sign-ups and links that a crash or an outage left half-done."""
    async with container_of(context)() as request:
        resumed = await (await request.get(ResumeOnboardings)).execute()
    if resumed:
        log.info("onboardings_resumed", extra={"count": resumed})
