"""Salesforce Case and CaseComment records ↔ the `CaseDesk` DTOs."""

from __future__ import annotations

from typing import Any

from adapters.salesforce.records import flag, instant, require_id, text
from application.ports.case_desk import NEW_CASE_STATUS, PORTAL_CASE_ORIGIN, CaseComment, NewCase, SupportCase

CASE_FIELDS = (
    "Id, CaseNumber, Subject, Description, Status, Priority, Type, Origin, IsClosed, CreatedDate, "
    "LastModifiedDate, ClosedDate"
)
COMMENT_FIELDS = "Id, CommentBody, IsPublished, CreatedDate, CreatedById"
# An External ID field marked Unique that we added to Case: the org refuses a second case with the same key.
REQUEST_KEY_FIELD = "Portal_Request_Key__c"


def case_body(new_case: NewCase) -> dict[str, Any]:
    body: dict[str, Any] = {
        "AccountId": require_id(new_case.account_id),
        "Subject": new_case.subject,
        "Description": new_case.description,
        "Status": NEW_CASE_STATUS,
        "Origin": PORTAL_CASE_ORIGIN,
        "Priority": new_case.priority,
        REQUEST_KEY_FIELD: new_case.request_key,
    }
    if new_case.contact_id:
        body["ContactId"] = new_case.contact_id
    if new_case.type:
        body["Type"] = new_case.type
    return body


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
