from __future__ import annotations

import logging
from typing import ClassVar

import msgspec

from application.capacity import HASHING
from application.errors import STORE_OUTAGE, Raises
from application.identity.attempts import AttemptGuard
from application.identity.errors import InvalidCredentialsError
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.errors import InvalidEmailError
from domain.identity.email import EmailAddress
from domain.identity.user import User

log = logging.getLogger(__name__)


class LogInCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str
    password: str
    client_ip: str
    current_session_id: str | None = None


class LogIn:
    """Unknown email, wrong password and disabled account are indistinguishable: same error, same work."""

    raises: ClassVar[Raises] = (
        InvalidCredentialsError,
        *AttemptGuard.raises,
        *SessionManager.raises,
        *HASHING,
        *STORE_OUTAGE,
    )

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

    async def execute(self, command: LogInCommand) -> ActiveSession:
        async with self._attempts.attempt("login", client_ip=command.client_ip, email=command.email):
            user = await self._check(command)
        assert user.password_hash is not None
        if self._hasher.needs_rehash(user.password_hash):
            user.password_hash = await self._hasher.hash(command.password)
            user.updated_at = self._clock.now()
            await self._uow.users.update(user)
            await self._uow.commit()
        session = await self._sessions.start(user.id, replacing=command.current_session_id)
        log.info("login_succeeded", extra={"user_id": str(user.id)})
        return session

    async def _check(self, command: LogInCommand) -> User:
        try:
            email = EmailAddress.parse(command.email)
        except InvalidEmailError:
            email = None
        user = await self._uow.users.get_by_email(email) if email else None
        # End the read before the deliberately slow hash: its connection goes back to the pool, so a burst of
        # logins cannot hold every connection while they hash (everyone else would wait for the pool).
        await self._uow.rollback()
        if user is None or not user.can_log_in or user.password_hash is None:
            await self._hasher.verify_dummy(command.password)
            verified = False
        else:
            verified = await self._hasher.verify(user.password_hash, command.password)
        if user is None or not verified:
            log.info("login_refused")
            raise InvalidCredentialsError()
        return user
