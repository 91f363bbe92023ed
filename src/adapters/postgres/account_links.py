from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.constraints import translate
from adapters.postgres.tables import account_links
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId


def _to_link(row: Any) -> AccountLink:
    return AccountLink(
        user_id=row.user_id,
        whmcs_client_id=WhmcsClientId(row.whmcs_client_id),
        sf_account_id=SalesforceId(row.sf_account_id),
        sf_contact_id=SalesforceId(row.sf_contact_id) if row.sf_contact_id else None,
        created_at=row.created_at,
    )


class PostgresAccountLinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, link: AccountLink) -> None:
        statement = insert(account_links).values(
            user_id=link.user_id,
            whmcs_client_id=link.whmcs_client_id.value,
            sf_account_id=link.sf_account_id.value,
            sf_contact_id=link.sf_contact_id.value if link.sf_contact_id else None,
            created_at=link.created_at,
        )
        try:
            async with self._session.begin_nested():
                await self._session.execute(statement)
        except IntegrityError as error:
            raise translate(error) from error

    async def get_for_user(self, user_id: UUID) -> AccountLink | None:
        return await self._one(account_links.c.user_id == user_id)

    async def get_by_whmcs_client(self, client_id: WhmcsClientId) -> AccountLink | None:
        return await self._one(account_links.c.whmcs_client_id == client_id.value)

    async def get_by_sf_account(self, account_id: SalesforceId) -> AccountLink | None:
        return await self._one(account_links.c.sf_account_id == account_id.value)

    async def _one(self, condition: ColumnElement[bool]) -> AccountLink | None:
        row = (await self._session.execute(select(account_links).where(condition))).first()
        return _to_link(row) if row else None
