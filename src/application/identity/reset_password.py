from __future__ import annotations

from typing import ClassVar

from application.capacity import HASHING
from application.errors import STORE_OUTAGE, Raises
from application.identity.attempts import AttemptGuard
from application.identity.errors import InvalidResetTokenError
from application.identity.password_replacement import replace_password
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.clock import Clock
from application.ports.password_hasher import PasswordHasher
from application.ports.reset_tokens import ResetTokenStore
from application.ports.unit_of_work import UnitOfWork
from domain.identity.password_policy import WeakPasswordError, check_password
from domain.identity.user import UserStatus


class ResetPassword:
    """Consumes the single-use token, sets the password, ends every session and signs this browser in.

    Tokens are 256-bit random, so guessing one is hopeless; presenting them still counts as attempts per client
    IP, so nobody gets to try.
    """

    raises: ClassVar[Raises] = (
        InvalidResetTokenError,
        WeakPasswordError,
        *AttemptGuard.raises,
        *HASHING,
        *STORE_OUTAGE,
    )

    def __init__(
        self,
        uow: UnitOfWork,
        tokens: ResetTokenStore,
        hasher: PasswordHasher,
        sessions: SessionManager,
        attempts: AttemptGuard,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._hasher = hasher
        self._sessions = sessions
        self._attempts = attempts
        self._clock = clock

    async def execute(self, *, token: str, new_password: str, client_ip: str) -> ActiveSession:
        check_password(new_password)  # before consuming: a weak choice must not burn the link
        async with self._attempts.attempt("reset-confirm", client_ip=client_ip):
            user_id = await self._tokens.consume(token)
            user = await self._uow.users.get(user_id) if user_id else None
            await self._uow.rollback()  # no connection held while the new password is hashed
            if user is None or user.status is UserStatus.DISABLED:
                raise InvalidResetTokenError()
        return await replace_password(
            user, new_password, uow=self._uow, hasher=self._hasher, sessions=self._sessions, clock=self._clock
        )
