"""Codes of signing in, signing up, linking accounts and passwords."""

from __future__ import annotations

from entrypoints.http.problem_types.row import ProblemType

IDENTITY: dict[str, ProblemType] = {
    "AUTHENTICATION_REQUIRED": ProblemType(
        "Sign-in required",
        "The operation needs a signed-in session (the session cookie set by POST /api/auth/login). Sign in, then "
        "repeat the request.",
    ),
    "INVALID_CREDENTIALS": ProblemType(
        "Email or password incorrect",
        "The email and password do not match a login. Which of the two is wrong is deliberately not said.",
    ),
    "CSRF_TOKEN_INVALID": ProblemType(
        "CSRF check failed",
        "Unsafe requests with a session must send the session's token in `X-CSRF-Token` (from the login or "
        "GET /api/auth/session answer); without a session they must send JSON from our own origin.",
    ),
    "ACCOUNT_NOT_LINKED": ProblemType(
        "Login not linked to a customer account",
        "This login has no customer account behind it yet, so account data cannot be shown. Contact support.",
    ),
    "ACCOUNT_ALREADY_EXISTS": ProblemType(
        "Account already exists", "This customer already has a portal login: sign in, or link the billing login."
    ),
    "ACCOUNT_ALREADY_LINKED": ProblemType(
        "Customer account already linked", "This customer account is already linked to another portal login."
    ),
    "BILLING_ACCOUNT_EXISTS": ProblemType(
        "Billing account exists", "This email already has a billing account: link it instead of signing up."
    ),
    "EMAIL_ALREADY_REGISTERED": ProblemType(
        "Email already registered", "A portal login with this email already exists: sign in or reset the password."
    ),
    "LINKING_NOT_POSSIBLE": ProblemType(
        "Account cannot be linked here", "This billing account cannot be linked automatically. Contact support."
    ),
    "TWO_FACTOR_LINKING_UNSUPPORTED": ProblemType(
        "Two-factor billing login cannot be linked",
        "Billing logins protected by two-factor authentication cannot be linked here. Contact support.",
    ),
    "ONBOARDING_FAILED": ProblemType(
        "Account setup could not finish",
        "Setting up the account failed after it started; it was undone and nothing was charged. Contact support.",
    ),
    "SIGNUP_IN_PROGRESS": ProblemType(
        "Sign-up in progress", "A sign-up for this email or customer number is already running; wait for it."
    ),
    "CUSTOMER_NUMBER_NOT_FOUND": ProblemType(
        "Customer number not found", "No customer has this number. Check it against the contract documents."
    ),
    "INVALID_CUSTOMER_NUMBER": ProblemType("Invalid customer number", "Customer numbers look like SH-100003."),
    "INVALID_EMAIL": ProblemType("Invalid email address", "Enter an email address like name@example.jp."),
    "INVALID_CONTACT_DETAILS": ProblemType(
        "Invalid contact details", "A name, phone number or address is not acceptable; `errors` says which."
    ),
    "WEAK_PASSWORD": ProblemType(
        "Password too weak", "The new password does not meet the password rules; `detail` says which."
    ),
    "INVALID_RESET_TOKEN": ProblemType(
        "Reset link invalid or expired", "Password reset links work once and expire. Request a new one."
    ),
    "EMAIL_CODE_WRONG": ProblemType(
        "Wrong code", "The code is not the one last mailed to this address. Each code allows 3 tries."
    ),
    "EMAIL_CODE_EXPIRED": ProblemType(
        "Code expired", "Codes last 10 minutes and 3 tries, and a new code replaces the old one. Ask for a new one."
    ),
    "EMAIL_PROOF_INVALID": ProblemType(
        "Email confirmation expired", "A confirmed address stays confirmed for 30 minutes. Confirm it again."
    ),
    "DOCUMENT_TYPE_NOT_ACCEPTED": ProblemType(
        "File not accepted",
        "Upload a JPEG or PNG photo or a PDF of the document. The type is read from the file itself, not its name.",
    ),
    "DOCUMENT_TOO_LARGE": ProblemType("File too large", "Each file may be at most 5 MB."),
    "DOCUMENT_COUNT": ProblemType(
        "Wrong number of files", "A residence card needs its front and back; another document one or two files."
    ),
    "VERIFICATION_UNDER_REVIEW": ProblemType(
        "Verification under review", "Your documents are being reviewed; new ones are accepted after a rejection."
    ),
    "ALREADY_VERIFIED": ProblemType("Already verified", "Your identity is verified; there is nothing to upload."),
    "INVALID_SALESFORCE_ID": ProblemType("Invalid record id", "The id is not a valid 15- or 18-character record id."),
    "INVALID_WHMCS_CLIENT_ID": ProblemType("Invalid billing client id", "The billing client id is not valid."),
}
