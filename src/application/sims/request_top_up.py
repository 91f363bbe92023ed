"""Buy extra data for one of the caller's SIMs: the top-up is recorded (once per Idempotency-Key) and queued.

The answer comes at once (202) with the top-up as it stands; the worker takes it through invoice, payment and quota
and the customer follows it at `GET .../top-ups/{id}`. A queue that cannot be reached loses nothing: the record is
already stored and the sweep queues it within minutes.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import ClassVar

from application.errors import STORE_OUTAGE, NotFoundError, Raises, UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES
from application.ports.clock import Clock
from application.ports.top_up_queue import TopUpQueue
from application.ports.top_up_records import TopUpRecords
from application.sims.sim_lines import SimLines
from application.sims.top_up_policy import TopUpPolicy
from application.sims.top_up_view import TopUpView, top_up_view
from domain.sims.top_up import TopUp, TopUpAmountError, top_up_price

log = logging.getLogger(__name__)
JST_OFFSET = timedelta(hours=9)


class RequestTopUp:
    raises: ClassVar[Raises] = (TopUpAmountError, NotFoundError, *BILLING_OUTAGES, *STORE_OUTAGE)

    def __init__(
        self, lines: SimLines, records: TopUpRecords, queue: TopUpQueue, clock: Clock, policy: TopUpPolicy
    ) -> None:
        self._lines = lines
        self._records = records
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(self, customer: LinkedCustomer, sim_id: int, quota_mb: int, key: str) -> TopUpView:
        amount = top_up_price(quota_mb)  # the amount rule first: nothing is looked up for an amount never sold
        line = await self._lines.line(customer, sim_id)
        now = self._clock.now()
        today_in_japan = (now + JST_OFFSET).date()
        top_up = await self._records.begin(
            TopUp(
                id=uuid.uuid4().hex,
                user_id=str(customer.user_id),
                account_id=customer.sf_account_id,
                client_id=customer.whmcs_client_id,
                sim_id=line.service.id,
                msisdn=line.msisdn,
                idempotency_key=key,
                quota_mb=quota_mb,
                amount=amount,
                expires_on=today_in_japan + timedelta(days=self._policy.quota_valid_days),
                created_at=now,
                updated_at=now,
            )
        )
        if not top_up.state.finished:
            try:
                await self._queue.enqueue(top_up.id, msisdn=top_up.msisdn)
            except UpstreamUnavailableError:
                log.warning("top_up_not_queued", extra={"top_up_id": top_up.id})  # the sweep will queue it
        return top_up_view(top_up)
