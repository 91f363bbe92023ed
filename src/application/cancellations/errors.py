"""Refusals of the cancellation journeys, each with a stable code."""

from __future__ import annotations

from application.errors import ConflictError, InvalidInputError


class CancellationNotOfferedError(InvalidInputError):
    code = "CANCELLATION_NOT_OFFERED"
    default_message = "Only Internet and SIM services are cancelled in the portal; contact support for this one."


class SubscriptionNotActiveError(ConflictError):
    code = "SUBSCRIPTION_NOT_ACTIVE"
    default_message = "Only an active service can be cancelled."


class LineReturnRequiredError(InvalidInputError):
    code = "LINE_RETURN_REQUIRED"
    default_message = (
        "Tell us how the rented equipment (ONU, router) comes back: ship_back, collection or nothing_rented."
    )


class CancellationFinalError(ConflictError):
    code = "CANCELLATION_FINAL"
    default_message = "This cancellation is past its cut-off and can no longer be withdrawn; contact support."
