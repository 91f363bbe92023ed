"""`/meta/subscribe` with the replay extension, and `/meta/unsubscribe`.

`ext.replay` maps channel -> id: -1 (or absent) new events only, -2 everything retained, N the events after N.
An N that is not a retained event of that channel is refused with Salesforce's 400, which is how a consumer
learns that it was away longer than the retention window.
"""

from __future__ import annotations

from sandbox.salesforce.streaming.channels import ChannelDirectory
from sandbox.salesforce.streaming.event_log import ALL_EVENTS, NEW_EVENTS, EventLog
from sandbox.salesforce.streaming.replies import (
    CHANNEL_NEEDS_SLASH,
    CHANNEL_NOT_SPECIFIED,
    Message,
    failure,
    invalid_replay_id,
    no_such_channel,
    replay_id_not_in_map,
    reply_to,
)
from sandbox.salesforce.streaming.sessions import BayeuxSession


def subscribe(message: Message, session: BayeuxSession, log: EventLog, channels: ChannelDirectory) -> Message:
    channel = message.get("subscription")
    if not isinstance(channel, str) or not channel:
        return failure(message, CHANNEL_NOT_SPECIFIED)
    if not channel.startswith("/"):
        return failure(message, CHANNEL_NEEDS_SLASH)
    if not channels.exists(channel):
        return failure(message, no_such_channel(channel))
    requested = _requested_replay_id(message, channel)
    if isinstance(requested, str):
        return failure(message, requested)
    if requested == NEW_EVENTS:
        cursor = log.latest_replay_id()
    elif requested == ALL_EVENTS:
        cursor = 0
    elif log.is_retained(channel, requested):
        cursor = requested
    else:
        return failure(message, invalid_replay_id(requested))
    session.cursors[channel] = cursor
    return reply_to(message, successful=True)


def unsubscribe(message: Message, session: BayeuxSession) -> Message:
    channel = message.get("subscription")
    if not isinstance(channel, str) or not channel:
        return failure(message, CHANNEL_NOT_SPECIFIED)
    session.cursors.pop(channel, None)
    return reply_to(message, successful=True)


def _requested_replay_id(message: Message, channel: str) -> int | str:
    """The replay id asked for, or the error string refusing the request."""
    ext = message.get("ext")
    replay_map = ext.get("replay") if isinstance(ext, dict) else None
    if not replay_map:
        return NEW_EVENTS
    if not isinstance(replay_map, dict) or channel not in replay_map:
        return replay_id_not_in_map(channel, replay_map)
    requested = replay_map[channel]
    if isinstance(requested, bool) or not isinstance(requested, int):
        return invalid_replay_id(requested)
    if requested < ALL_EVENTS:
        return invalid_replay_id(requested)
    return requested
