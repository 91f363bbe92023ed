"""Sees the replies the library swallows: re-subscribes sent after a re-handshake are batched with a connect,
and a refusal of one (e.g. an expired replay id) only drops the channel from the client's subscriptions.

Our own subscribes travel alone and their refusals are raised by `subscribe()`, so only refusals that come
back in the same reply as a connect are reported here."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from aiocometd_ng.extensions import Extension


class Refusal:
    def __init__(self, channel: str, error: str) -> None:
        self.channel = channel
        self.error = error


class SubscriptionWatch(Extension):
    def __init__(self) -> None:
        self.refusals: deque[Refusal] = deque()
        self.refused = asyncio.Event()

    async def outgoing(self, payload: list[dict[str, Any]], headers: dict[str, str]) -> None:
        return None

    async def incoming(self, payload: list[dict[str, Any]], headers: Any = None) -> None:
        if not any(message.get("channel") == "/meta/connect" for message in payload):
            return
        for message in payload:
            if message.get("channel") == "/meta/subscribe" and not message.get("successful", True):
                self.refusals.append(Refusal(str(message.get("subscription", "")), str(message.get("error", ""))))
                self.refused.set()

    def take(self) -> Refusal | None:
        if not self.refusals:
            self.refused.clear()
            return None
        return self.refusals.popleft()
