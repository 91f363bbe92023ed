from __future__ import annotations

from application.errors import ConflictError


class VerificationUnderReviewError(ConflictError):
    code = "VERIFICATION_UNDER_REVIEW"
    default_message = "Your documents are being reviewed. You can upload new ones if they are rejected."


class AlreadyVerifiedError(ConflictError):
    code = "ALREADY_VERIFIED"
    default_message = "Your identity is already verified; there is nothing more to upload."
