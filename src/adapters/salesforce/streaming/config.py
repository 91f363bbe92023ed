"""Settings of the change stream; the connection itself (login URL, API version, CA bundle) is `SalesforceConfig`."""

from __future__ import annotations

import msgspec


class SalesforceStreamingConfig(msgspec.Struct, frozen=True, kw_only=True):
    # How long the CometD transport may retry a lost connection on its own (once a second) before the
    # supervisor opens a new session (new handshake, re-subscribe from the saved positions). The transport
    # counts as reconnected only when a connect is answered, and Salesforce holds connects for up to 110 s,
    # so anything shorter than that hold plus the retry pause would restart healthy quiet sessions.
    reconnect_window_seconds: float = 150.0
    # Jittered exponential pause between supervised sessions.
    backoff_initial_seconds: float = 0.5
    backoff_max_seconds: float = 60.0
    # A session that stayed up this long was healthy: the next failure starts the backoff afresh.
    healthy_after_seconds: float = 60.0
    # Events fetched ahead of the consumer; when full, the long poll pauses (and Salesforce drops us after 40 s).
    max_pending_events: int = 100
