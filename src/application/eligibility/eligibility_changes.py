"""`/event/Account_Eligibility_Update__e` → that account's eligibility becomes stale (once per event)."""

from __future__ import annotations

import logging

from application.cdc.channels import ELIGIBILITY
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.ports.change_stream import PlatformEvent, ResyncRequired, StreamMessage
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId

ACCOUNT_FIELD = "Account_Id__c"
log = logging.getLogger(__name__)


def event_identity(event: PlatformEvent) -> str:
    return f"{event.channel}:{event.event_uuid or event.replay_id}"


class EligibilityChangeHandler:
    channels = (ELIGIBILITY,)

    def __init__(self, eligibility: EligibilityReadModel) -> None:
        self._eligibility = eligibility
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
