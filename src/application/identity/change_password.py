from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, AuthenticationRequiredError, Raises
from application.identity.errors import InvalidCredentialsError
from application.identity.password_replacement import replace_password
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.identity.password_policy import WeakPasswordError


class ChangePassword:
    """Needs the current password; ends every other session and rotates this one (ASVS 7.4.3)."""

    raises: ClassVar[Raises] = (AuthenticationRequiredError, InvalidCredentialsError, WeakPasswordError, *STORE_OUTAGE)

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, sessions: SessionManager, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._clock = clock

    async def execute(self, session: ActiveSession, *, current_password: str, new_password: str) -> ActiveSession:
        user = await self._uow.users.get(session.user_id)
        if user is None:
            raise AuthenticationRequiredError()
        if user.password_hash is None or not await self._hasher.verify(user.password_hash, current_password):
            raise InvalidCredentialsError("The current password is incorrect.")
        return await replace_password(
            user, new_password, uow=self._uow, hasher=self._hasher, sessions=self._sessions, clock=self._clock
        )
