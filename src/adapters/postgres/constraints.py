"""Integrity errors → application errors, by the constraint names the naming convention fixes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from application.errors import ApplicationError
from application.identity.conflicts import AccountAlreadyLinkedError, EmailAlreadyRegisteredError
from application.identity.errors import SignUpInProgressError

_BY_CONSTRAINT: dict[str, type[ApplicationError]] = {
    "uq_users_email_lower": EmailAlreadyRegisteredError,
    "pk_users": EmailAlreadyRegisteredError,
    "pk_account_links": AccountAlreadyLinkedError,
    "uq_account_links_whmcs_client_id": AccountAlreadyLinkedError,
    "uq_account_links_sf_account_id": AccountAlreadyLinkedError,
    "uq_account_links_sf_contact_id": AccountAlreadyLinkedError,
    "uq_onboardings_unfinished_email": SignUpInProgressError,
    "uq_onboardings_unfinished_customer_number": SignUpInProgressError,
}


def translate(error: IntegrityError) -> Exception:
    constraint = getattr(error.orig, "__cause__", None)
    name = getattr(constraint, "constraint_name", None)
    if name in _BY_CONSTRAINT:
        return _BY_CONSTRAINT[name]()
    return error
