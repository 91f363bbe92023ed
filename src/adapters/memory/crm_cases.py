"""In-memory twin of `CaseDesk`: cases scoped to their account, with the CRM's field limits and unique request key.

Tests can lose the next answer of a write (`arm`): applied, then either found again as the adapter finds it
(APPLY_THEN_TIMEOUT) or, when the adapter's look-up would fail too, an unknown outcome (APPLY_THEN_UNAVAILABLE).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from adapters.memory.crm_data import InMemoryCrmData, StoredCase, to_18
from application.errors import ConflictError, InvalidInputError, NotFoundError, UpstreamUnavailableError
from application.ports.case_desk import (
    NEW_CASE_STATUS,
    PORTAL_CASE_ORIGIN,
    CaseComment,
    NewCase,
    SupportCase,
    SupportCaseDetail,
)

# Salesforce's limits on Case.Subject, Case.Description and CaseComment.CommentBody.
_LIMITS = {"Subject": 255, "Description": 32_768, "CommentBody": 4_000}
CaseWrite = Literal["create_case", "add_comment"]


class CaseDeskFault(StrEnum):
    APPLY_THEN_TIMEOUT = "apply_then_timeout"  # applied, answer lost, found again: the caller sees success
    APPLY_THEN_UNAVAILABLE = "apply_then_unavailable"  # applied, answer and look-up lost: UpstreamUnavailableError


def _check_length(name: str, value: str) -> None:
    if len(value) > _LIMITS[name]:
        message = f"{name}: data value too large: {value[:20]}... (max length={_LIMITS[name]})"
        raise InvalidInputError(message, fields={name: message})


class InMemoryCaseDesk:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data
        self._faults: dict[CaseWrite, CaseDeskFault] = {}

    def arm(self, operation: CaseWrite, fault: CaseDeskFault) -> None:
        """Lose the answer of the next `operation` (once)."""
        self._faults[operation] = fault

    async def list_cases(self, account_id: str) -> tuple[SupportCase, ...]:
        self._data.check_failure()
        account = to_18(account_id)
        mine = [c.case for c in self._data.cases.values() if c.account_id == account]
        return tuple(sorted(mine, key=lambda c: (c.created_at, c.case_number), reverse=True))

    async def get_case(self, account_id: str, case_id: str) -> SupportCaseDetail:
        stored = self._stored(account_id, case_id)
        return SupportCaseDetail(case=stored.case, comments=tuple(stored.comments))

    async def create_case(self, new_case: NewCase) -> SupportCase:
        data = self._data
        data.check_failure()
        account_id = to_18(new_case.account_id)
        taken = next((c for c in data.cases.values() if c.request_key == new_case.request_key), None)
        if taken is not None:
            if taken.account_id != account_id:  # the adapter's look-up is scoped to the account; the key is not
                raise ConflictError("duplicate value found: Portal_Request_Key__c duplicates value on record")
            return taken.case
        _check_length("Subject", new_case.subject)
        _check_length("Description", new_case.description)
        if account_id not in data.accounts:
            raise InvalidInputError("invalid cross reference id")
        now = data.clock.now()
        case = SupportCase(
            id=data.new_id("500"), case_number=data.next_case_number(), subject=new_case.subject,
            description=new_case.description, status=NEW_CASE_STATUS, priority=new_case.priority, type=new_case.type,
            origin=PORTAL_CASE_ORIGIN, is_closed=False, created_at=now, last_modified_at=now, closed_at=None,
        )  # fmt: skip
        data.cases[case.id] = StoredCase(account_id, case, request_key=new_case.request_key)
        self._answer_lost("create_case")
        return case

    async def add_comment(self, account_id: str, case_id: str, body: str) -> CaseComment:
        stored = self._stored(account_id, case_id)
        _check_length("CommentBody", body)
        comment = CaseComment(
            id=self._data.new_id("00a"),
            body=body,
            published=True,
            created_at=self._data.clock.now(),
            created_by_portal=True,
        )
        stored.comments.append(comment)
        self._answer_lost("add_comment")
        return comment

    def _answer_lost(self, operation: CaseWrite) -> None:
        if self._faults.pop(operation, None) is CaseDeskFault.APPLY_THEN_UNAVAILABLE:
            raise UpstreamUnavailableError("Salesforce", "Salesforce did not answer in time.")

    def _stored(self, account_id: str, case_id: str) -> StoredCase:
        self._data.check_failure()
        stored = self._data.cases.get(to_18(case_id))
        if stored is None or stored.account_id != to_18(account_id):
            raise NotFoundError("Case not found.")
        return stored
