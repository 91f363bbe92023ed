from __future__ import annotations

from typing import ClassVar

from application.capacity import HASHING
from application.errors import STORE_OUTAGE, AuthenticationRequiredError, Raises
from application.identity.attempts import AttemptGuard
from application.identity.errors import InvalidCredentialsError
from application.identity.password_replacement import replace_password
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.identity.password_policy import WeakPasswordError


class ChangePassword:
    """Needs the current password; ends every other session and rotates this one (ASVS 7.4.3).

    Checking the current password is an attempt like a login's (per user and per client IP): a stolen session
    must not become a way to guess the password behind it.
    """

    raises: ClassVar[Raises] = (
        AuthenticationRequiredError, InvalidCredentialsError, WeakPasswordError,
        *AttemptGuard.raises, *HASHING, *STORE_OUTAGE,
    )  # fmt: skip

    def __init__(
        self,
        uow: UnitOfWork,
        hasher: PasswordHasher,
        sessions: SessionManager,
        attempts: AttemptGuard,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._attempts = attempts
        self._clock = clock

    async def execute(
        self, session: ActiveSession, *, current_password: str, new_password: str, client_ip: str
    ) -> ActiveSession:
        async with self._attempts.attempt("password-change", client_ip=client_ip, user_id=session.user_id):
            user = await self._uow.users.get(session.user_id)
            await self._uow.rollback()  # no connection held while hashing
            if user is None:
                raise AuthenticationRequiredError()
            if user.password_hash is None or not await self._hasher.verify(user.password_hash, current_password):
                raise InvalidCredentialsError("The current password is incorrect.")
        return await replace_password(
            user, new_password, uow=self._uow, hasher=self._hasher, sessions=self._sessions, clock=self._clock
        )
