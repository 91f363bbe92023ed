"""`/event/Account_Eligibility_Update__e` → that account's eligibility becomes stale (once per event), and a
decision (eligible or not) is told to the customer once (`notifications.notices.eligibility_notice`).

The decision is read from the CRM as it is now, not through the read model (which would refill what was just
made stale); on every delivery, so a crash between the invalidation and the notification loses nothing.
"""

from __future__ import annotations

import logging

import msgspec

from application.cdc.channels import ELIGIBILITY
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.notifications.notices import eligibility_notice
from application.ports.change_stream import PlatformEvent, ResyncRequired, StreamMessage
from application.ports.eligibility_records import EligibilityRecords
from application.ports.live_events import LiveFeed
from application.ports.notifications import NotificationRecorder
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId

ACCOUNT_FIELD = "Account_Id__c"
log = logging.getLogger(__name__)


def event_identity(event: PlatformEvent) -> str:
    return f"{event.channel}:{event.event_uuid or event.replay_id}"


class EligibilityChangeHandler:
    channels = (ELIGIBILITY,)

    def __init__(
        self,
        eligibility: EligibilityReadModel,
        records: EligibilityRecords,
        notifications: NotificationRecorder,
        live: LiveFeed,
    ) -> None:
        self._live = live
        self._eligibility = eligibility
        self._records = records
        self._notifications = notifications
        self.invalidations = 0

    async def handle(self, message: StreamMessage) -> None:
        if isinstance(message, ResyncRequired):
            await self._eligibility.invalidate_all()  # we cannot know whose eligibility changed meanwhile
            self.invalidations += 1
            return
        if not isinstance(message, PlatformEvent):
            return
        try:
            account = SalesforceId.parse(str(message.fields.get(ACCOUNT_FIELD) or "")).value
        except DomainError:
            log.error("eligibility event without a usable %s: invalidating every account", ACCOUNT_FIELD)
            await self._eligibility.invalidate_all()
            return
        if await self._eligibility.invalidate(account, once_for=event_identity(message)):
            self.invalidations += 1
        await self._notify(account, event_identity(message))

    async def _notify(self, account: str, event_id: str) -> None:
        eligibility = await self._records.get_eligibility(account)
        await self._live.publish(account, "eligibility.changed", {"status": eligibility.status})
        notice = eligibility_notice(msgspec.structs.replace(eligibility, account_id=account), event_id=event_id)
        if notice is not None:
            await self._notifications.record(notice)
