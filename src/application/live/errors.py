from __future__ import annotations

from application.identity.errors import RateLimitedError

STREAM_RETRY_AFTER_SECONDS = 10


class TooManyStreamsError(RateLimitedError):
    code = "LIVE_STREAMS_EXHAUSTED"
    default_message = "Too many live streams are open for this account (or on this server); close one and retry."

    def __init__(self) -> None:
        super().__init__(STREAM_RETRY_AFTER_SECONDS)
