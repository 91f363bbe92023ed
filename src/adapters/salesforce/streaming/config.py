"""Settings of the change stream; the connection itself (login URL, API version, CA bundle) is `SalesforceConfig`."""

from __future__ import annotations

import msgspec


class SalesforceStreamingConfig(msgspec.Struct, frozen=True, kw_only=True):
    # How long the CometD transport may retry a lost connection on its own before the supervisor opens a
    # new session (new handshake, re-subscribe from the saved positions).
    reconnect_window_seconds: float = 30.0
    # Jittered exponential pause between supervised sessions.
    backoff_initial_seconds: float = 0.5
    backoff_max_seconds: float = 60.0
    # A session that stayed up this long was healthy: the next failure starts the backoff afresh.
    healthy_after_seconds: float = 60.0
    # Events fetched ahead of the consumer; when full, the long poll pauses (and Salesforce drops us after 40 s).
    max_pending_events: int = 100
