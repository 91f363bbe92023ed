from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from application.ports.case_desk import CasePriority

CaseCategory = Literal["Technical", "Billing", "Account", "Other"]


class View(msgspec.Struct, kw_only=True, rename="camel"):
    pass


class CaseView(View):
    id: str
    case_number: str
    subject: str | None
    description: str | None
    status: str
    priority: str | None
    category: str | None  # the case type
    origin: str | None
    is_closed: bool
    created_at: dt.datetime
    last_modified_at: dt.datetime
    closed_at: dt.datetime | None


class CaseListView(View):
    items: list[CaseView]  # newest first


class CommentView(View):
    id: str
    body: str
    created_at: dt.datetime
    from_customer: bool  # written through the portal; otherwise by the support team


class CaseDetailView(CaseView):
    comments: list[CommentView]  # oldest first; the team's internal notes are never shown


class Input(msgspec.Struct, kw_only=True, rename="camel"):
    """Unknown fields are ignored (never applied), as in every request body of this API."""


class NewCaseRequest(Input):
    subject: Annotated[str, msgspec.Meta(min_length=1, max_length=255)]
    description: Annotated[str, msgspec.Meta(min_length=1, max_length=32_000)]
    category: CaseCategory | None = None
    priority: CasePriority = "Medium"


class NewCommentRequest(Input):
    body: Annotated[str, msgspec.Meta(min_length=1, max_length=4_000)]
