from __future__ import annotations

import msgspec


class LivePolicy(msgspec.Struct, frozen=True, kw_only=True):
    streams_per_customer: int = 5  # a few tabs and devices; more is a leak or abuse (429)
    streams_per_process: int = 1000  # each is a socket and a queue; beyond it the load balancer should spread
    heartbeat_seconds: float = 15.0  # below the idle timeouts of proxies (nginx 60 s) and browsers
    queue_size: int = 64  # events waiting for a slow client; beyond it the stream catches up from the window
    open_wait_seconds: float = 2.0  # how long a new stream waits for the process's subscription (after a loss)
    resubscribe_seconds: float = 1.0  # between attempts when the subscription is lost
    replay_events: int = 200  # per customer: what a reconnecting stream can be given (beyond it: "resync")
    replay_keep_hours: float = 24.0  # a customer's window is dropped this long after its last event
