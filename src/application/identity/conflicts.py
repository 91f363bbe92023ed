from __future__ import annotations

from application.errors import ConflictError


class EmailAlreadyRegisteredError(ConflictError):
    code = "EMAIL_ALREADY_REGISTERED"
    default_message = "An account with this email already exists."


class AccountAlreadyLinkedError(ConflictError):
    code = "ACCOUNT_ALREADY_LINKED"
    default_message = "This customer account is already linked to a portal login."
