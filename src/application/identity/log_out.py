from __future__ import annotations

from typing import ClassVar

from application.errors import Raises
from application.identity.sessions import ActiveSession, SessionManager


class LogOut:
    raises: ClassVar[Raises] = SessionManager.raises

    def __init__(self, sessions: SessionManager) -> None:
        self._sessions = sessions

    async def execute(self, session: ActiveSession, *, everywhere: bool = False) -> None:
        if everywhere:
            await self._sessions.end_all(session.user_id)
        else:
            await self._sessions.end(session.session_id)
