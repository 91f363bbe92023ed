"""Identity verification: where it stands, and uploading the document (multipart: `document`, `front`, `back`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.status_codes import HTTP_201_CREATED

from application.identity.linked_customer import LinkedCustomer
from application.verification.get_verification import GetVerification
from application.verification.submit_identity_documents import SubmitIdentityDocuments, SubmittedDocuments
from domain.verification.documents import MAX_DOCUMENT_BYTES, DocumentType
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED


@dataclass
class DocumentUpload:
    """`document`: `residence_card` (send `front` and `back`) or `other` (`front`, and `back` for a second page).
    Each file a JPEG, PNG or PDF of at most 5 MB; the type is read from the file itself, never from its name."""

    document: Literal["residence_card", "other"]
    front: UploadFile
    back: UploadFile | None = None


class VerificationView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    status: Literal["Not Submitted", "Pending", "Verified", "Rejected"]
    rejection_reason: str | None = None
    submitted_at: dt.datetime | None = None
    can_submit: bool  # False while under review and once verified


async def _read(upload: UploadFile) -> bytes:
    # One byte past the limit is enough to know it is too large; the route's cap bounds the whole body anyway.
    return await upload.read(MAX_DOCUMENT_BYTES + 1)


class VerificationController(Controller):
    path = "/account/verification"
    opt = SESSION_REQUIRED
    tags = ["verification"]

    @get("/", operation_id="getVerification", summary="Where the identity verification stands (needed for SIM).")
    @inject
    async def status(
        self, customer: FromDishka[LinkedCustomer], get_verification: FromDishka[GetVerification]
    ) -> VerificationView:
        state = await get_verification.execute(customer)
        return VerificationView(
            status=state.status,
            rejection_reason=state.rejection_reason,
            submitted_at=state.submitted_at,
            can_submit=state.status in ("Not Submitted", "Rejected"),
        )

    @post(
        "/documents",
        operation_id="submitIdentityDocuments",
        request_max_body_size=body_limits.ID_DOCUMENTS,
        status_code=HTTP_201_CREATED,
        summary="Upload the identity document; refused while one is under review and once verified.",
    )
    @inject
    async def submit(
        self,
        data: Annotated[DocumentUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        customer: FromDishka[LinkedCustomer],
        submit: FromDishka[SubmitIdentityDocuments],
    ) -> SubmittedDocuments:
        files = [await _read(data.front)] + ([await _read(data.back)] if data.back is not None else [])
        return await submit.execute(customer, DocumentType(data.document), files)
