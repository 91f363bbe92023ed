"""One channel of the CDC consumer: lead it (lease), apply its messages in order, save the position after.

For each message: skip it if already applied (dedupe by change identity), else hand it to every handler of
the channel (retrying with back-off until they succeed), remember it as applied, then save its replay id —
in that order, so a crash anywhere repeats work (which handlers and the dedupe absorb) but never skips it.

An operator's reset (`ResyncRequests`) is carried out by the leader: it stops consuming (the message in hand
finishes), and whoever leads next drops the saved position before starting, so the channel starts cold: a
resync of its read models, then new events only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from application.cdc.channel_stats import ChannelStats
from application.cdc.policy import ConsumerPolicy
from application.cdc.retrying import answered, retrying
from application.cdc.stores import ConsumerStores
from application.errors import UpstreamConfigurationError
from application.ports.change_handlers import ChangeHandler
from application.ports.change_stream import ChangeEvent, PlatformEvent, ResyncReason, ResyncRequired, StreamMessage
from application.ports.clock import Clock

log = logging.getLogger(__name__)


def message_identity(message: StreamMessage) -> str | None:
    if isinstance(message, ChangeEvent):
        header = message.header
        return f"{message.channel}:{header.transaction_key}:{header.sequence_number}"
    if isinstance(message, PlatformEvent):
        return f"{message.channel}:{message.event_uuid or message.replay_id}"
    return None  # a resync is always carried out


class ChannelConsumer:
    def __init__(
        self,
        channel: str,
        handlers: Sequence[tuple[ChangeHandler, asyncio.Lock]],
        *,
        stores: ConsumerStores,
        clock: Clock,
        holder: str,
        policy: ConsumerPolicy,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.channel = channel
        self._handlers = handlers
        self._stores = stores
        self._holder = holder
        self._policy = policy
        self._sleep = sleep
        self.stats = ChannelStats(channel, holder, stores.board, clock)
        self._in_flight: asyncio.Future[None] | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Stand by, lead while we hold the lease, stand by again if it is lost; until `stop` is set."""
        leases = self._stores.leases
        while not stop.is_set():
            if await answered(self.channel, leases.acquire(self.channel, self._holder, self._policy.lease_ttl_ms)):
                log.info("leading %s as %s", self.channel, self._holder)
                try:
                    await self._lead(stop)
                finally:
                    await self.stats.report(connected=False, leading=False)
                    with contextlib.suppress(Exception):
                        await leases.release(self.channel, self._holder)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._policy.acquire_seconds)

    async def _lead(self, stop: asyncio.Event) -> None:
        lost, reset = asyncio.Event(), asyncio.Event()
        tasks = [
            asyncio.create_task(self._consume()),
            asyncio.create_task(self._keep_lease(lost, reset)),
            asyncio.create_task(lost.wait()),
            asyncio.create_task(reset.wait()),
            asyncio.create_task(stop.wait()),
        ]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self._finish_in_flight()
        error = tasks[0].exception() if tasks[0] in done and not tasks[0].cancelled() else None
        if isinstance(error, UpstreamConfigurationError):
            raise error
        if error is not None:
            log.warning("consuming %s failed (%s: %s): standing by", self.channel, type(error).__name__, error)
        if lost.is_set():
            log.warning("lost the lease of %s: standing by", self.channel)
        if reset.is_set():
            log.warning("an operator asked to reset %s: starting over", self.channel)

    async def _finish_in_flight(self) -> None:
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is None or in_flight.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(in_flight), self._policy.finish_in_flight_seconds)
        except TimeoutError:
            in_flight.cancel()  # not saved: the next leader gets it again
        except Exception as error:
            log.warning("the last message on %s did not finish: %s", self.channel, error)

    async def _keep_lease(self, lost: asyncio.Event, reset: asyncio.Event) -> None:
        leases, resyncs = self._stores.leases, self._stores.resyncs
        while True:
            await self._sleep(self._policy.renew_seconds)
            renewed = await answered(self.channel, leases.renew(self.channel, self._holder, self._policy.lease_ttl_ms))
            if not renewed:
                lost.set()
                return
            await self.stats.report(connected=True, leading=True)
            if await answered(self.channel, resyncs.pending(self.channel)):
                reset.set()
                return

    async def _consume(self) -> None:
        await self._carry_out_a_reset()
        cold = await self._stores.positions.get(self.channel) is None
        settle: asyncio.Task[None] | None = None
        await self.stats.report(connected=True, leading=True)
        try:
            if cold:
                await self._apply(ResyncRequired(channel=self.channel, reason=ResyncReason.REPLAY_ID_INVALID))
                settle = asyncio.create_task(self._settle_cold_start())
            messages = self._stores.stream.subscribe([self.channel])
            try:
                async for message in messages:
                    # Shielded: a lost lease or a stop lets the message in hand finish (handlers + position).
                    self._in_flight = asyncio.ensure_future(self._apply(message))
                    await asyncio.shield(self._in_flight)
            finally:
                close = getattr(messages, "aclose", None)  # disconnect now, not when garbage collected
                if close is not None:
                    await close()
        finally:
            if settle is not None:
                settle.cancel()

    async def _carry_out_a_reset(self) -> None:
        """Before subscribing: a waiting reset drops the position (then the request, so a crash in between only
        repeats it)."""
        resyncs = self._stores.resyncs
        if await self._retrying("reset check", lambda: resyncs.pending(self.channel)):
            await self._retrying("position reset", lambda: self._stores.positions.forget(self.channel))
            await self._retrying("reset done", lambda: resyncs.done(self.channel))
            log.warning("reset %s: its position is dropped, its read models resync", self.channel)

    async def _settle_cold_start(self) -> None:
        await self._sleep(self._policy.cold_start_settle_seconds)
        await self._apply(ResyncRequired(channel=self.channel, reason=ResyncReason.REPLAY_ID_INVALID))

    async def _apply(self, message: StreamMessage) -> None:
        identity, processed = message_identity(message), self._stores.processed
        if identity is not None and await self._retrying("dedupe check", lambda: processed.seen(identity)):
            self.stats.duplicates += 1
        else:
            for handler, lock in self._handlers:
                async with lock:  # a handler sees one message at a time, whichever channel it comes from
                    await self._retrying(type(handler).__name__, lambda h=handler: h.handle(message))  # type: ignore[misc]
            if identity is not None:
                ttl = self._policy.processed_ttl_seconds
                await self._retrying("dedupe mark", lambda: processed.mark(identity, ttl))
            self.stats.count(message)
        replay_id = getattr(message, "replay_id", None)
        if replay_id is not None:
            await self._retrying("position save", lambda: self._stores.positions.save(self.channel, replay_id))
        await self.stats.applied_message(message)

    async def _retrying(self, what: str, call: Callable[[], Awaitable[object]]) -> object:
        return await retrying(self.channel, what, call, self._policy, self._sleep)
