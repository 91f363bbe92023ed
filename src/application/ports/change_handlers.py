"""What the CDC consumer (`portal cdc`) hands stream messages to.

Each read model or reaction registers one handler for the channels it depends on; the consumer subscribes to
the union of their channels and hands every message of a channel to each handler of that channel, in replay
order, one at a time. A message's replay id is saved only after every handler of its channel returned, so a
handler must make its effect durable before returning and must tolerate seeing a message again after a crash
(delivery is at least once; the consumer drops exact redeliveries it has already completed, but not all).
"""

from __future__ import annotations

from typing import Protocol

from application.ports.change_stream import StreamMessage


class ChangeHandler(Protocol):
    @property
    def channels(self) -> tuple[str, ...]:
        """The channels this handler consumes, e.g. ("/data/OrderChangeEvent", "/data/OrderItemChangeEvent")."""
        ...

    async def handle(self, message: StreamMessage) -> None:
        """Apply one message of one of `channels`, `ResyncRequired` included (rebuild what it says may be stale).

        Raise to have the message retried: the consumer backs off and delivers it again without saving its
        replay id. `UpstreamConfigurationError` stops the consumer.
        """
        ...
