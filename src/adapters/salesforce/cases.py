"""`CaseDesk` over Salesforce Case and CaseComment, every read and write scoped to the caller's account.

Creating writes are sent once. When the answer is lost (a timeout, a 5xx) the case may exist all the same, so it
is looked up by its request key (a Unique External ID field) before anyone sends again; a comment, which can hold
no key, is looked for among the case's new comments.
"""

from __future__ import annotations

from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.case_records import (
    CASE_FIELDS,
    COMMENT_FIELDS,
    REQUEST_KEY_FIELD,
    case_body,
    to_case,
    to_comment,
)
from adapters.salesforce.records import children, require_id, sobject
from adapters.salesforce.rest_client import SalesforceRestClient, all_records, first_page
from application.errors import ConflictError, NotFoundError, UpstreamUnavailableError
from application.ports.case_desk import CaseComment, NewCase, SupportCase, SupportCaseDetail


class SalesforceCaseDesk:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client

    async def list_cases(self, account_id: str) -> tuple[SupportCase, ...]:
        soql = format_soql(
            "SELECT {f:literal} FROM Case WHERE AccountId = {account} ORDER BY CreatedDate DESC, CaseNumber DESC",
            f=CASE_FIELDS,
            account=require_id(account_id),
        )
        return tuple(to_case(r) for r in await self._client.read(all_records(soql)))

    async def get_case(self, account_id: str, case_id: str) -> SupportCaseDetail:
        soql = format_soql(
            "SELECT {f:literal}, (SELECT {c:literal} FROM CaseComments ORDER BY CreatedDate) FROM Case "
            "WHERE Id = {case} AND AccountId = {account}",
            f=CASE_FIELDS,
            c=COMMENT_FIELDS,
            case=require_id(case_id),
            account=require_id(account_id),
        )
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Case not found.")
        portal_user = await self._client.user_id()
        comments = tuple(to_comment(c, portal_user) for c in children(records[0], "CaseComments"))
        return SupportCaseDetail(case=to_case(records[0]), comments=comments)

    async def create_case(self, new_case: NewCase) -> SupportCase:
        body = case_body(new_case)
        existing = await self._find_by_key(new_case)
        if existing is not None:
            return existing  # a retry of a request that already went through
        try:
            case_id = await self._create("Case", body)
        except UpstreamUnavailableError:
            # The outcome is unknown: the case may exist. Look before anyone tries again.
            found = await self._find_by_key(new_case)
            if found is None:
                raise
            return found
        except ConflictError:
            # The org's unique key refused ours: a concurrent request with the same key opened the case first.
            found = await self._find_by_key(new_case)
            if found is None:
                raise
            return found
        return (await self.get_case(new_case.account_id, case_id)).case

    async def add_comment(self, account_id: str, case_id: str, body: str) -> CaseComment:
        before = await self.get_case(account_id, case_id)  # another account's case is simply not found
        try:
            comment_id = await self._create(
                "CaseComment", {"ParentId": case_id, "CommentBody": body, "IsPublished": True}
            )
        except UpstreamUnavailableError:
            # Unknown outcome: a comment of ours with this text that was not there before is the one we sent.
            seen = {comment.id for comment in before.comments}
            after = await self.get_case(account_id, case_id)
            ours = [c for c in after.comments if c.id not in seen and c.created_by_portal and c.body == body]
            if not ours:
                raise
            return ours[0]
        soql = format_soql("SELECT {c:literal} FROM CaseComment WHERE Id = {id}", c=COMMENT_FIELDS, id=comment_id)
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Case comment not found.")
        return to_comment(records[0], await self._client.user_id())

    async def _find_by_key(self, new_case: NewCase) -> SupportCase | None:
        soql = format_soql(
            "SELECT {f:literal} FROM Case WHERE {key_field:literal} = {key} AND AccountId = {account}",
            f=CASE_FIELDS,
            key_field=REQUEST_KEY_FIELD,
            key=new_case.request_key,
            account=require_id(new_case.account_id),
        )
        records = await self._client.read(first_page(soql))
        return to_case(records[0]) if records else None

    async def _create(self, entity: str, body: dict[str, Any]) -> str:
        headers = self._client.write_headers

        def create(sf: Salesforce) -> Any:
            return sobject(sf, entity).create(body, headers=headers)

        created = await self._client.write(create)
        return str(created["id"])
