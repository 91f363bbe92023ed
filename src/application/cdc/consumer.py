"""The CDC consumer: every channel any handler wants, each led by exactly one consumer process at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from application.cdc.channel_consumer import ChannelConsumer
from application.cdc.policy import ConsumerPolicy
from application.cdc.stores import ConsumerStores
from application.ports.change_handlers import ChangeHandler
from application.ports.clock import Clock


def channels_of(handlers: Sequence[ChangeHandler]) -> list[str]:
    return list(dict.fromkeys(channel for handler in handlers for channel in handler.channels))


class CdcConsumer:
    def __init__(
        self,
        handlers: Sequence[ChangeHandler],
        *,
        stores: ConsumerStores,
        clock: Clock,
        holder: str,
        policy: ConsumerPolicy | None = None,
    ) -> None:
        locks = {id(handler): asyncio.Lock() for handler in handlers}
        self.channels = [
            ChannelConsumer(
                channel,
                [(h, locks[id(h)]) for h in handlers if channel in h.channels],
                stores=stores,
                clock=clock,
                holder=holder,
                policy=policy or ConsumerPolicy(),
            )
            for channel in channels_of(handlers)
        ]

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; raises what retrying cannot fix (`UpstreamConfigurationError`)."""
        tasks = [asyncio.create_task(channel.run(stop)) for channel in self.channels]
        try:
            for finished in asyncio.as_completed(tasks):
                await finished  # the first failure ends every channel
        finally:
            stop.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
