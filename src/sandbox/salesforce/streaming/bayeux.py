"""The Bayeux state machine as Salesforce runs it: handshake, connect (held), subscribe with replay, disconnect.

Every message of a batch is answered in order; events due to the client go first in the reply array. The
first connect after a handshake, and any connect batched with other messages (aiocometd re-subscribes that
way after a re-handshake), is answered at once; later ones are held until events arrive or the timeout ends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sandbox.salesforce.streaming.channels import ChannelDirectory
from sandbox.salesforce.streaming.event_log import EventLog
from sandbox.salesforce.streaming.long_poll import LongPoll
from sandbox.salesforce.streaming.platform_events import for_api_version
from sandbox.salesforce.streaming.replies import (
    ADVICE_HANDSHAKE,
    ADVICE_NONE,
    AUTHENTICATION_INVALID,
    HANDSHAKE_DENIED,
    INVALID_CONNECTION_TYPE,
    NOT_HANDSHAKEN,
    PUBLISH_NOT_SUPPORTED,
    UNKNOWN_CLIENT,
    Message,
    connect_advice,
    failure,
    reply_to,
)
from sandbox.salesforce.streaming.sessions import BayeuxSession, SessionRegistry
from sandbox.salesforce.streaming.subscriptions import subscribe, unsubscribe
from sandbox.salesforce.streaming.waker import Waker

LONG_POLLING = "long-polling"


class BayeuxServer:
    def __init__(
        self,
        *,
        log: EventLog,
        sessions: SessionRegistry,
        channels: ChannelDirectory,
        waker: Waker,
        token_is_valid: Callable[[str], bool],
        connect_timeout: timedelta,
        max_events_per_reply: int = 100,
    ) -> None:
        self.long_poll = LongPoll(waker=waker, sessions=sessions, timeout=connect_timeout)
        self._log = log
        self._sessions = sessions
        self._channels = channels
        self._waker = waker
        self._token_is_valid = token_is_valid
        self._max_events = max_events_per_reply

    async def handle(
        self,
        batch: list[Message],
        *,
        token: str,
        api_version: tuple[int, int],
        client_gone: Callable[[], Awaitable[None]] | None = None,
    ) -> list[Message]:
        """The replies to `batch`; `client_gone` returns once the HTTP client has disconnected."""
        token_valid = self._token_is_valid(token)
        replies: list[Message] = []
        held: tuple[int, Message, BayeuxSession] | None = None
        for message in batch:
            channel = message.get("channel")
            if channel == "/meta/handshake":
                replies.append(self._handshake(message, token_valid, api_version))
                continue
            if not token_valid:
                replies.append(failure(message, AUTHENTICATION_INVALID, advice=ADVICE_NONE))
                continue
            session = self._sessions.find(message.get("clientId"))
            if session is None:
                replies.append(failure(message, UNKNOWN_CLIENT, advice=ADVICE_HANDSHAKE))
                continue
            self._sessions.touch(session)
            if channel == "/meta/connect" and message.get("connectionType") != LONG_POLLING:
                replies.append(failure(message, INVALID_CONNECTION_TYPE))
            elif channel == "/meta/connect":
                held = (len(replies), message, session)
                replies.append({})  # filled in below, once the connect is due
            elif channel == "/meta/subscribe":
                replies.append(subscribe(message, session, self._log, self._channels))
                self._waker.wake_all()  # a held connect may now have replayed events to send
            elif channel == "/meta/unsubscribe":
                replies.append(unsubscribe(message, session))
            elif channel == "/meta/disconnect":
                self._sessions.close(session.client_id)
                self._waker.wake_all()
                replies.append(reply_to(message, successful=True))
            elif isinstance(channel, str) and channel.startswith("/meta/"):
                replies.append(failure(message, NOT_HANDSHAKEN))
            else:
                replies.append(failure(message, PUBLISH_NOT_SUPPORTED))
        if held is None:
            return replies
        index, message, session = held
        events, replies[index] = await self._connect(message, session, hold=len(batch) == 1, gone=client_gone)
        return events + replies

    def _handshake(self, message: Message, token_valid: bool, api_version: tuple[int, int]) -> Message:
        if not token_valid:
            return failure(
                message,
                HANDSHAKE_DENIED,
                advice={"reconnect": "none"},
                ext={"sfdc": {"failureReason": AUTHENTICATION_INVALID}},
            )
        offered = message.get("supportedConnectionTypes") or [LONG_POLLING]
        if LONG_POLLING not in offered:
            return failure(message, INVALID_CONNECTION_TYPE)
        session = self._sessions.open(api_version)
        return reply_to(
            message,
            version="1.0",
            minimumVersion="1.0",
            clientId=session.client_id,
            supportedConnectionTypes=[LONG_POLLING],
            ext={"replay": True, "payload.format": True},
            successful=True,
        )

    async def _connect(
        self, message: Message, session: BayeuxSession, *, hold: bool, gone: Callable[[], Awaitable[None]] | None
    ) -> tuple[list[Message], Message]:
        first = not session.connected
        session.connected = True
        if hold and not first:
            await self.long_poll.hold(session, has_events=self._has_events, client_gone=gone)
        if not self._sessions.is_live(session):
            return [], failure(message, UNKNOWN_CLIENT, advice=ADVICE_HANDSHAKE)
        self._sessions.touch(session)
        reply = reply_to(message, successful=True)
        if first:
            reply["advice"] = connect_advice(int(self.long_poll.timeout.total_seconds() * 1000))
        return self._take_events(session), reply

    def _has_events(self, session: BayeuxSession) -> bool:
        return any(self._log.after(channel, cursor, limit=1) for channel, cursor in session.cursors.items())

    def _take_events(self, session: BayeuxSession) -> list[Message]:
        due = [
            event
            for channel, cursor in list(session.cursors.items())
            for event in self._log.after(channel, cursor, limit=self._max_events)
        ]
        due.sort(key=lambda event: (event.replay_id, event.channel))
        messages = []
        for event in due[: self._max_events]:
            if event.channel in session.cursors:
                session.cursors[event.channel] = max(session.cursors[event.channel], event.replay_id)
            messages.append({"channel": event.channel, "data": for_api_version(event.data, session.api_version)})
        return messages
