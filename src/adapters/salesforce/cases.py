"""`CaseDesk` over Salesforce Case and CaseComment, every read and write scoped to the caller's account."""

from __future__ import annotations

from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.records import children, flag, instant, require_id, sobject, text
from adapters.salesforce.rest_client import SalesforceRestClient, all_records, first_page
from application.errors import NotFoundError
from application.ports.case_desk import (
    NEW_CASE_STATUS,
    PORTAL_CASE_ORIGIN,
    CaseComment,
    NewCase,
    SupportCase,
    SupportCaseDetail,
)

CASE_FIELDS = (
    "Id, CaseNumber, Subject, Description, Status, Priority, Type, Origin, IsClosed, CreatedDate, "
    "LastModifiedDate, ClosedDate"
)
COMMENT_FIELDS = "Id, CommentBody, IsPublished, CreatedDate, CreatedById"


def to_case(record: dict[str, Any]) -> SupportCase:
    created, modified = instant(record, "CreatedDate"), instant(record, "LastModifiedDate")
    assert created is not None  # system fields: always sent
    assert modified is not None
    return SupportCase(
        id=str(record["Id"]),
        case_number=str(record.get("CaseNumber") or ""),
        subject=text(record, "Subject"),
        description=text(record, "Description"),
        status=str(record.get("Status") or ""),
        priority=text(record, "Priority"),
        type=text(record, "Type"),
        origin=text(record, "Origin"),
        is_closed=flag(record, "IsClosed"),
        created_at=created,
        last_modified_at=modified,
        closed_at=instant(record, "ClosedDate"),
    )


def to_comment(record: dict[str, Any], portal_user_id: str | None) -> CaseComment:
    created = instant(record, "CreatedDate")
    assert created is not None
    return CaseComment(
        id=str(record["Id"]),
        body=str(record.get("CommentBody") or ""),
        published=flag(record, "IsPublished"),
        created_at=created,
        created_by_portal=portal_user_id is not None and record.get("CreatedById") == portal_user_id,
    )


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
        body: dict[str, Any] = {
            "AccountId": require_id(new_case.account_id),
            "Subject": new_case.subject,
            "Description": new_case.description,
            "Status": NEW_CASE_STATUS,
            "Origin": PORTAL_CASE_ORIGIN,
            "Priority": new_case.priority,
        }
        if new_case.contact_id:
            body["ContactId"] = new_case.contact_id
        if new_case.type:
            body["Type"] = new_case.type
        case_id = await self._create("Case", body)
        return (await self.get_case(new_case.account_id, case_id)).case

    async def add_comment(self, account_id: str, case_id: str, body: str) -> CaseComment:
        await self.get_case(account_id, case_id)  # another account's case is simply not found
        comment_id = await self._create("CaseComment", {"ParentId": case_id, "CommentBody": body, "IsPublished": True})
        soql = format_soql("SELECT {c:literal} FROM CaseComment WHERE Id = {id}", c=COMMENT_FIELDS, id=comment_id)
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Case comment not found.")
        return to_comment(records[0], await self._client.user_id())

    async def _create(self, entity: str, body: dict[str, Any]) -> str:
        headers = self._client.write_headers

        def create(sf: Salesforce) -> Any:
            return sobject(sf, entity).create(body, headers=headers)

        created = await self._client.write(create)
        return str(created["id"])
