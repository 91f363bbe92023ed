from __future__ import annotations

from application.errors import ApplicationError, AuthenticationRequiredError, ConflictError, InvalidInputError


class InvalidCredentialsError(AuthenticationRequiredError):
    """Unknown email, wrong password and disabled account all look exactly like this."""

    code = "INVALID_CREDENTIALS"
    default_message = "The email or password is incorrect."


class RateLimitedError(ApplicationError):
    code = "RATE_LIMITED"
    default_message = "Too many attempts. Please wait and try again."

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds


class InvalidResetTokenError(InvalidInputError):
    code = "INVALID_RESET_TOKEN"
    default_message = "This reset link is invalid or has expired. Request a new one."


class AccountNotLinkedError(ApplicationError):
    code = "ACCOUNT_NOT_LINKED"
    default_message = "Your login is not linked to a customer account yet. Please contact support."


class CsrfTokenError(ApplicationError):
    code = "CSRF_TOKEN_INVALID"
    default_message = "The request is missing its CSRF token, or the token is wrong. Reload and try again."


class UnknownCustomerNumberError(InvalidInputError):
    code = "CUSTOMER_NUMBER_NOT_FOUND"
    default_message = "We could not find this customer number. Check it against your contract, or contact support."

    def __init__(self) -> None:
        super().__init__(fields={"customerNumber": "Unknown customer number."})


class AccountAlreadyExistsError(ConflictError):
    code = "ACCOUNT_ALREADY_EXISTS"
    default_message = "This account already exists: log in, or link your existing billing account."


class BillingAccountExistsError(ConflictError):
    code = "BILLING_ACCOUNT_EXISTS"
    default_message = "This email already has a billing account: link your existing billing account instead."


class SignUpInProgressError(ConflictError):
    code = "SIGNUP_IN_PROGRESS"
    default_message = "A sign-up for this email or customer number is already in progress."


class OnboardingFailedError(ConflictError):
    code = "ONBOARDING_FAILED"
    default_message = "We could not finish setting up your account. Please contact support; nothing was charged."


class TwoFactorLinkingError(ConflictError):
    code = "TWO_FACTOR_LINKING_UNSUPPORTED"
    default_message = (
        "Your billing account is protected by two-factor authentication, so it cannot be linked here. "
        "Please contact support to link it."
    )


class LinkingNotPossibleError(ConflictError):
    code = "LINKING_NOT_POSSIBLE"
    default_message = "This billing account cannot be linked automatically. Please contact support."


class EmailCodeWrongError(InvalidInputError):
    code = "EMAIL_CODE_WRONG"
    default_message = "This code is not the one we sent. Check the latest mail and try again."


class EmailCodeExpiredError(InvalidInputError):
    code = "EMAIL_CODE_EXPIRED"
    default_message = "This code has expired or was used up. Ask for a new one."


class EmailProofInvalidError(InvalidInputError):
    code = "EMAIL_PROOF_INVALID"
    default_message = "Your email confirmation has expired. Confirm your email address again."
