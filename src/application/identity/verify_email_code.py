"""Get-started, step 2: the code proves the mailbox. Only then does the answer depend on what exists for the address
(its owner may know): a portal login (go and log in with the password), a billing login (link it), or nothing yet
(a proof to complete the sign-up with). Both look-ups run for every verification, so their timing tells nothing."""

from __future__ import annotations

import secrets
from enum import StrEnum
from typing import ClassVar

import msgspec

from application.errors import STORE_OUTAGE, UPSTREAM_OUTAGES, Raises
from application.identity.attempts import AttemptGuard, email_key
from application.identity.errors import EmailCodeExpiredError, EmailCodeWrongError
from application.identity.get_started_policy import GetStartedPolicy, code_digest, limited, proof_digest
from application.ports.attempt_counter import AttemptCounter
from application.ports.billing.clients import BillingClients
from application.ports.email_codes import CodeCheck, EmailCodes
from application.ports.unit_of_work import UnitOfWork
from domain.errors import InvalidEmailError
from domain.identity.email import EmailAddress


class NextStep(StrEnum):
    SIGN_UP = "sign_up"  # complete with the proof
    LINK_BILLING = "link_billing"  # POST /api/auth/link with the billing login
    LOG_IN = "log_in"  # the address has a portal login: password login


class VerifiedEmail(msgspec.Struct, frozen=True, kw_only=True):
    next_step: NextStep
    proof: str | None = None
    proof_expires_in_seconds: int | None = None


class VerifyEmailCode:
    raises: ClassVar[Raises] = (
        InvalidEmailError, EmailCodeWrongError, EmailCodeExpiredError,
        *AttemptGuard.raises, *STORE_OUTAGE, *UPSTREAM_OUTAGES,
    )  # fmt: skip

    def __init__(
        self,
        codes: EmailCodes,
        uow: UnitOfWork,
        clients: BillingClients,
        counter: AttemptCounter,
        policy: GetStartedPolicy,
    ) -> None:
        self._codes = codes
        self._uow = uow
        self._clients = clients
        self._attempts = limited(
            counter, per_window=policy.verifications_per_window, window_seconds=policy.window_seconds
        )
        self._policy = policy

    async def execute(self, *, email: str, code: str, client_ip: str) -> VerifiedEmail:
        address = EmailAddress.parse(email)
        policy = self._policy
        async with self._attempts.attempt(
            "code-verify",
            client_ip=client_ip,
            email=address.value,
            success_counts=True,
        ):
            # Looked up before the code is spent: an outage here leaves the code usable for the retry.
            has_login = await self._uow.users.get_by_email(address) is not None
            await self._uow.rollback()
            has_billing = await self._clients.find_client_by_email(address.value) is not None
            subject = email_key(address.value)
            outcome = await self._codes.check(
                subject, code_digest(subject, code.strip()), max_attempts=policy.code_max_attempts
            )
        if outcome is CodeCheck.WRONG:
            raise EmailCodeWrongError()
        if outcome is CodeCheck.GONE:
            raise EmailCodeExpiredError()
        if has_login:
            return VerifiedEmail(next_step=NextStep.LOG_IN)
        if has_billing:
            return VerifiedEmail(next_step=NextStep.LINK_BILLING)
        proof = secrets.token_urlsafe(32)
        await self._codes.grant(proof_digest(proof), address.value, ttl_seconds=policy.proof_ttl_seconds)
        return VerifiedEmail(next_step=NextStep.SIGN_UP, proof=proof, proof_expires_in_seconds=policy.proof_ttl_seconds)
