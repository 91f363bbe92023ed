from __future__ import annotations

from application.errors import AuthenticationRequiredError
from application.identity.errors import InvalidCredentialsError
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.identity.password_policy import check_password


class ChangePassword:
    """Needs the current password; ends every other session and rotates this one (ASVS 7.4.3)."""

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
        check_password(new_password, email=user.email.value)
        user.password_hash = await self._hasher.hash(new_password)
        user.updated_at = self._clock.now()
        await self._uow.users.update(user)
        await self._uow.commit()
        await self._sessions.end_all(user.id)
        return await self._sessions.start(user.id)
