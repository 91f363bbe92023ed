"""The demo's first notifications: each demo login's Internet eligibility decision, as the change consumer would
have told it (stored once whatever the number of API workers: the store deduplicates)."""

from __future__ import annotations

import logging

from dishka import AsyncContainer

from application.errors import ApplicationError
from application.notifications.notices import eligibility_notice
from application.ports.customer_accounts import CustomerAccounts
from application.ports.eligibility_records import EligibilityRecords
from application.ports.notifications import NotificationRecorder
from entrypoints.demo.world import DEMO_LOGINS

log = logging.getLogger(__name__)


async def seed_demo_notifications(container: AsyncContainer) -> int:
    recorded = 0
    async with container() as request:
        accounts = await request.get(CustomerAccounts)
        records = await request.get(EligibilityRecords)
        notifications = await request.get(NotificationRecorder)
        for login in DEMO_LOGINS:
            try:
                account = await accounts.find_by_customer_number(login.customer_number)
                if account is None:
                    continue
                notice = eligibility_notice(await records.get_eligibility(account.id), event_id="demo-seed")
                if notice is not None:
                    recorded += await notifications.record(notice)
            except ApplicationError as error:
                extra = {"customer_number": login.customer_number, "code": error.code}
                log.warning("demo_notification_skipped", extra=extra)
    return recorded
