from __future__ import annotations

import hashlib
import logging
from typing import ClassVar
from urllib.parse import urlencode

from application.errors import STORE_OUTAGE, Raises
from application.identity.attempts import AttemptGuard
from application.identity.policy import IdentityPolicy
from application.mail.mailer import Mailer
from application.ports.mail import Mail, MailTemplate
from application.ports.reset_tokens import ResetTokenStore
from application.ports.unit_of_work import UnitOfWork
from domain.errors import InvalidEmailError
from domain.identity.email import EmailAddress

log = logging.getLogger(__name__)


class RequestPasswordReset:
    """Always answers the same way, whether or not the email has an account (no enumeration)."""

    raises: ClassVar[Raises] = (*AttemptGuard.raises, *STORE_OUTAGE, *Mailer.raises)

    def __init__(
        self,
        uow: UnitOfWork,
        tokens: ResetTokenStore,
        mailer: Mailer,
        attempts: AttemptGuard,
        policy: IdentityPolicy,
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._mailer = mailer
        self._attempts = attempts
        self._policy = policy

    async def execute(self, *, email: str, client_ip: str) -> None:
        # Every request counts (each may send a mail), except one an outage interrupted.
        async with self._attempts.attempt("reset", client_ip=client_ip, email=email, success_counts=True):
            await self._request(email)

    async def _request(self, email: str) -> None:
        try:
            address = EmailAddress.parse(email)
        except InvalidEmailError:
            return
        user = await self._uow.users.get_by_email(address)
        if user is None or user.status.value == "disabled":
            return
        token = await self._tokens.issue(user.id, ttl_seconds=self._policy.reset_token_ttl_seconds)
        url = f"{self._policy.reset_url}?{urlencode({'token': token})}"
        minutes = self._policy.reset_token_ttl_seconds // 60
        await self._mailer.send(
            Mail(
                # One mail per token issued: the event is the token (its digest; the token itself is the secret).
                event_key="password-reset:" + hashlib.sha256(token.encode()).hexdigest()[:40],
                to=address.value,
                template=MailTemplate.PASSWORD_RESET,
                values={"reset_url": url, "expires_in_minutes": str(minutes)},
            )
        )
        log.info("password_reset_sent", extra={"user_id": str(user.id)})
