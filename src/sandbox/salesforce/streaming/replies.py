"""Bayeux replies and Salesforce's error strings (`<code>:<args>:<message>`)."""

from __future__ import annotations

from typing import Any

Message = dict[str, Any]

UNKNOWN_CLIENT = "403::Unknown client"
HANDSHAKE_DENIED = "403::Handshake denied"
AUTHENTICATION_INVALID = "401::Authentication invalid"
AUTHENTICATION_REQUIRED = "401::Request requires authentication"
NOT_HANDSHAKEN = "403::Client has not completed handshake"
INVALID_CONNECTION_TYPE = "400::Invalid connection type"
CHANNEL_NOT_SPECIFIED = "400::Channel name not specified"
CHANNEL_NEEDS_SLASH = "400::Channel subscriptions must start with a leading '/'"
VERSION_MANDATORY = "400::API version in the URI is mandatory. URI format: '/cometd/66.0'"
VERSION_UNSUPPORTED = "400::Unsupported API version. Only API versions '37.0' and later are supported."
PUBLISH_NOT_SUPPORTED = "403::Publishing is not supported; publish platform events over the REST API"

ADVICE_HANDSHAKE = {"interval": 0, "reconnect": "handshake"}
ADVICE_NONE = {"interval": 0, "reconnect": "none"}


def no_such_channel(channel: str) -> str:
    return f"400::The channel you requested to subscribe to doesn't exist {channel}"


def invalid_replay_id(replay_id: object) -> str:
    return (
        f"400::The replayId {replay_id} you provided was invalid.  Please provide a valid ID, -2 to replay all "
        "events, or -1 to replay only new events."
    )


def replay_id_not_in_map(channel: str, replay_map: object) -> str:
    return f"400::The replayId for channel {channel} wasn't found using the provided replay ID map {replay_map}"


def reply_to(message: Message, **fields: Any) -> Message:
    """A reply echoing the message's `channel`, `id` and (when given) `clientId` and `subscription`."""
    reply: Message = {"channel": message.get("channel")}
    for echoed in ("id", "clientId", "subscription"):
        if echoed in message:
            reply[echoed] = message[echoed]
    reply.update(fields)
    return reply


def failure(message: Message, error: str, *, advice: Message | None = None, **fields: Any) -> Message:
    reply = reply_to(message, successful=False, error=error, **fields)
    if advice is not None:
        reply["advice"] = advice
    return reply


def connect_advice(timeout_ms: int) -> Message:
    # `interval` is read as seconds by aiocometd and as ms by others: 0 is the only value both agree on.
    return {"interval": 0, "timeout": timeout_ms, "reconnect": "retry"}
