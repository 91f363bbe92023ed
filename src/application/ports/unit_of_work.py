from __future__ import annotations

from typing import Protocol

from application.ports.account_links import AccountLinkRepository
from application.ports.onboardings import OnboardingRepository
from application.ports.users import UserRepository


class UnitOfWork(Protocol):
    """One database transaction. Use cases commit explicitly; anything not committed is rolled back.

    Commit lives in the use case, never in a DI finaliser: dishka closes the request scope after the response is
    sent, so a failing commit there would reach the client as a success.
    """

    @property
    def users(self) -> UserRepository: ...

    @property
    def links(self) -> AccountLinkRepository: ...

    @property
    def onboardings(self) -> OnboardingRepository: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
