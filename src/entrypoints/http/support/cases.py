from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from application.identity.linked_customer import LinkedCustomer
from application.ports.case_desk import CaseComment, SupportCase
from application.support.comment_on_case import CommentOnCase
from application.support.get_case import GetCase
from application.support.list_cases import ListCases
from application.support.open_case import OpenCase, OpenCaseCommand
from entrypoints.http.account_access import require_session
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.problems import problem_responses
from entrypoints.http.support.schemas import (
    CaseDetailView,
    CaseListView,
    CaseView,
    CommentView,
    NewCaseRequest,
    NewCommentRequest,
)


def _case_fields(case: SupportCase) -> dict[str, Any]:
    return {
        "id": case.id,
        "case_number": case.case_number,
        "subject": case.subject,
        "description": case.description,
        "status": case.status,
        "priority": case.priority,
        "category": case.type,
        "origin": case.origin,
        "is_closed": case.is_closed,
        "created_at": case.created_at,
        "last_modified_at": case.last_modified_at,
        "closed_at": case.closed_at,
    }


def _comment(comment: CaseComment) -> CommentView:
    return CommentView(
        id=comment.id, body=comment.body, created_at=comment.created_at, from_customer=comment.created_by_portal
    )


class CasesController(Controller):
    """Read and written live in Salesforce: never cached, always scoped to the linked account."""

    path = "/support/cases"
    tags = ["support"]
    guards = [require_session]
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="listCases",
        summary="The account's support cases, newest first.",
        responses=problem_responses(401, 403, 502, 503),
    )
    @inject
    async def list_cases(self, customer: FromDishka[LinkedCustomer], list_cases: FromDishka[ListCases]) -> CaseListView:
        return CaseListView(items=[CaseView(**_case_fields(case)) for case in await list_cases.execute(customer)])

    @get(
        "/{case_id:str}",
        operation_id="getCase",
        summary="One case with its comments. Another account's case is not found.",
        responses=problem_responses(401, 403, 404, 502, 503),
    )
    @inject
    async def get_case(
        self, case_id: FromPath[str], customer: FromDishka[LinkedCustomer], get_case: FromDishka[GetCase]
    ) -> CaseDetailView:
        detail = await get_case.execute(customer, case_id)
        return CaseDetailView(**_case_fields(detail.case), comments=[_comment(c) for c in detail.comments])

    @post(
        "/",
        operation_id="openCase",
        status_code=HTTP_201_CREATED,
        summary='File a case (Origin "Portal Website", Status "New") for the account.',
        responses=problem_responses(400, 401, 403, 422, 502, 503),
    )
    @inject
    async def open_case(
        self, data: JSONBody[NewCaseRequest], customer: FromDishka[LinkedCustomer], open_case: FromDishka[OpenCase]
    ) -> CaseView:
        command = OpenCaseCommand(
            subject=data.subject, description=data.description, category=data.category, priority=data.priority
        )
        return CaseView(**_case_fields(await open_case.execute(customer, command)))

    @post(
        "/{case_id:str}/comments",
        operation_id="commentOnCase",
        status_code=HTTP_201_CREATED,
        summary="Add a comment to one of the account's cases.",
        responses=problem_responses(400, 401, 403, 404, 422, 502, 503),
    )
    @inject
    async def comment(
        self,
        case_id: FromPath[str],
        data: JSONBody[NewCommentRequest],
        customer: FromDishka[LinkedCustomer],
        comment_on_case: FromDishka[CommentOnCase],
    ) -> CommentView:
        return _comment(await comment_on_case.execute(customer, case_id, data.body))
