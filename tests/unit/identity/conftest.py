from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest

from adapters.memory.attempt_counter import InMemoryAttemptCounter
from adapters.memory.clock import FrozenClock
from adapters.memory.identity_store import InMemoryIdentityStore, InMemoryUnitOfWork
from adapters.memory.mail_outbox import InMemoryMailOutbox
from adapters.memory.mail_queue import InMemoryMailQueue
from adapters.memory.mail_transport import InMemoryMailTransport
from adapters.memory.password_hasher import PlainTextPasswordHasher
from adapters.memory.reset_tokens import InMemoryResetTokenStore
from adapters.memory.sessions import InMemorySessionStore
from application.identity.attempts import AttemptGuard
from application.identity.policy import IdentityPolicy
from application.identity.sessions import SessionManager
from application.mail.deliver_mail import DeliverMail
from application.mail.mailer import Mailer
from domain.identity.email import EmailAddress
from domain.identity.user import User, UserStatus


@dataclass
class IdentityWorld:
    """Every identity collaborator on in-memory adapters, wired as the composition root would."""

    clock: FrozenClock = field(default_factory=FrozenClock)
    store: InMemoryIdentityStore = field(default_factory=InMemoryIdentityStore)
    hasher: PlainTextPasswordHasher = field(default_factory=PlainTextPasswordHasher)
    policy: IdentityPolicy = field(default_factory=IdentityPolicy)

    def __post_init__(self) -> None:
        self.session_store = InMemorySessionStore(self.clock)
        self.sessions = SessionManager(self.session_store, self.clock, self.policy)
        self.attempt_counter = InMemoryAttemptCounter(self.clock)
        self.attempts = AttemptGuard(self.attempt_counter, self.policy)
        self.reset_tokens = InMemoryResetTokenStore(self.clock)
        self.mail_outbox = InMemoryMailOutbox()
        self.mail = InMemoryMailTransport()  # what reached the mail server
        delivery = DeliverMail(self.mail_outbox, self.mail, self.clock)
        self.mailer = Mailer(self.mail_outbox, InMemoryMailQueue(delivery.execute), self.clock)

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    async def add_user(
        self, email: str = "hanako.tanaka@example.jp", password: str | None = "correct horse battery", **changes: object
    ) -> User:
        user = User(
            id=uuid.uuid4(),
            email=EmailAddress.parse(email),
            password_hash=await self.hasher.hash(password) if password else None,
            status=UserStatus.ACTIVE,
            created_at=self.clock.now(),
            updated_at=self.clock.now(),
        )
        for name, value in changes.items():
            setattr(user, name, value)
        uow = self.uow()
        await uow.users.add(user)
        await uow.commit()
        return user


@pytest.fixture
def world() -> IdentityWorld:
    return IdentityWorld()
