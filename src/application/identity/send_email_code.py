"""Get-started, step 1: mail a six-digit code to the address. The answer is the same for every address — one with
an account, one without, one we have never seen — and so is the mail: only its reader learns more, later."""

from __future__ import annotations

import secrets
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises
from application.identity.attempts import AttemptGuard, email_key
from application.identity.get_started_policy import GetStartedPolicy, code_digest, limited
from application.mail.mailer import Mailer
from application.ports.attempt_counter import AttemptCounter
from application.ports.email_codes import EmailCodes
from application.ports.mail import Mail, MailTemplate
from domain.errors import InvalidEmailError
from domain.identity.email import EmailAddress


class SendEmailCode:
    raises: ClassVar[Raises] = (InvalidEmailError, *AttemptGuard.raises, *STORE_OUTAGE, *Mailer.raises)

    def __init__(self, codes: EmailCodes, mailer: Mailer, counter: AttemptCounter, policy: GetStartedPolicy) -> None:
        self._codes = codes
        self._mailer = mailer
        self._attempts = limited(counter, per_window=policy.sends_per_window, window_seconds=policy.window_seconds)
        self._policy = policy

    async def execute(self, *, email: str, client_ip: str) -> int:
        """Seconds the code stays valid."""
        address = EmailAddress.parse(email)
        policy = self._policy
        async with self._attempts.attempt(
            "code-send",
            client_ip=client_ip,
            email=address.value,
            success_counts=True,  # every send is a mail: all of them count
        ):
            code = f"{secrets.randbelow(1_000_000):06d}"
            subject = email_key(address.value)
            await self._codes.issue(subject, code_digest(subject, code), ttl_seconds=policy.code_ttl_seconds)
            await self._mailer.send(
                Mail(
                    event_key=f"email-code:{subject}:{secrets.token_hex(8)}",  # each code its own mail
                    to=address.value,
                    template=MailTemplate.EMAIL_CODE,
                    values={
                        "code": code,
                        "expires_in_minutes": str(policy.code_ttl_seconds // 60),
                        "purpose": "continue getting started with Sakura Hikari",
                    },
                )
            )
        return policy.code_ttl_seconds
