"""Who the signed-in user is (user and link): from the session when it knows, else from Postgres, once per session.

A warm account request thus asks Postgres nothing. What is kept is invalidated where it changes: ending sessions
(logout, logout everywhere, password change) deletes it with them, and whoever changes a user or a link calls
`SessionManager.forget_callers`, which every session of that user sees on its very next request.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, AuthenticationRequiredError, Raises
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.sessions import Caller
from application.ports.unit_of_work import UnitOfWork


class ResolveCaller:
    raises: ClassVar[Raises] = (AuthenticationRequiredError, *SessionManager.raises, *STORE_OUTAGE)

    def __init__(self, uow: UnitOfWork, sessions: SessionManager) -> None:
        self._uow = uow
        self._sessions = sessions

    async def execute(self, session: ActiveSession) -> Caller:
        if session.caller is not None:
            return session.caller
        user = await self._uow.users.get(session.user_id)
        link = await self._uow.links.get_for_user(session.user_id) if user else None
        # End the read: the request goes on to call WHMCS or Salesforce (seconds, when they are slow), and a
        # connection held meanwhile is one the pool cannot give anyone else.
        await self._uow.rollback()
        if user is None:  # deleted while signed in
            raise AuthenticationRequiredError()
        caller = Caller(
            user_id=user.id,
            email=user.email.value,
            status=user.status.value,
            created_at=user.created_at,
            whmcs_client_id=link.whmcs_client_id.value if link else None,
            sf_account_id=link.sf_account_id.value if link else None,
            sf_contact_id=link.sf_contact_id.value if link and link.sf_contact_id else None,
        )
        await self._sessions.remember_caller(session, caller)
        return caller
