from __future__ import annotations

import msgspec

from application.identity.sessions import ActiveSession


class RequestAuth(msgspec.Struct, frozen=True):
    """The session this request carried, resolved once per request (by the CSRF guard or the first handler)."""

    session: ActiveSession | None
