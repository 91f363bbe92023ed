"""Server-Sent Events: the customer's stream (`/api/account/events`) and one order's (`/api/orders/{id}/events`).

Events are notices (`order.updated`, `notification.created`, `eligibility.changed`) with ids only: fetch the state
they name from the usual routes. Reconnect with `Last-Event-ID` (browsers' EventSource does) to get what was
missed; `resync` means that is beyond the window — fetch everything again and carry on. `heartbeat` events keep
idle connections open through proxies. Same session rules as every account route; a stream ends when the server
shuts down (reconnect: another process answers).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get
from litestar.params import FromPath, HeaderParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from application.identity.linked_customer import LinkedCustomer
from application.live.watch import LiveMessage, WatchLive, about_order
from application.orders.queries import GetOrder
from entrypoints.http.access_rules import SESSION_REQUIRED

LastEventId = Annotated[
    str | None,
    HeaderParameter(
        name="Last-Event-ID",
        max_length=64,
        description="The id of the last event received (sent by EventSource on reconnecting).",
    ),
]
RETRY_MS = 2000  # how soon a browser reconnects after a stream ends
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}  # nginx must not buffer a stream


def _messages(messages: AsyncIterator[LiveMessage]) -> AsyncIterator[ServerSentEventMessage]:
    async def encoded() -> AsyncIterator[ServerSentEventMessage]:
        yield ServerSentEventMessage(data=None, comment="live", retry=RETRY_MS)  # opened (no event)
        async for message in messages:
            data = msgspec.json.encode(message.data).decode()
            yield ServerSentEventMessage(data=data, event=message.type, id=message.id)

    return encoded()


class LiveController(Controller):
    opt = SESSION_REQUIRED
    tags = ["live"]

    @get(
        "/account/events",
        operation_id="streamAccountEvents",
        summary="The customer's live events (Server-Sent Events): orders, notifications, eligibility.",
        description=__doc__,
        media_type="text/event-stream",
    )
    @inject
    async def account_events(
        self, customer: FromDishka[LinkedCustomer], watch: FromDishka[WatchLive], last_event_id: LastEventId = None
    ) -> ServerSentEvent:
        stream = await watch.open(customer, last_event_id)
        return ServerSentEvent(_messages(stream), headers=HEADERS)

    @get(
        "/orders/{order_id:str}/events",
        operation_id="streamOrderEvents",
        summary="One order's live events (`order.updated`, Server-Sent Events). Another account's order is 404.",
        description=__doc__,
        media_type="text/event-stream",
    )
    @inject
    async def order_events(
        self,
        order_id: FromPath[str],
        customer: FromDishka[LinkedCustomer],
        get_order: FromDishka[GetOrder],
        watch: FromDishka[WatchLive],
        last_event_id: LastEventId = None,
    ) -> ServerSentEvent:
        order = await get_order.execute(customer, order_id)
        stream = await watch.open(customer, last_event_id, about_order(order.id))
        return ServerSentEvent(_messages(stream), headers=HEADERS)
