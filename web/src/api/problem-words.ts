// What the customer reads for each problem code the API can answer (the `title` and `detail` are for developers).
// The type makes the build fail when the API documents a code that has no words here (scripts/problem-codes.mjs);
// tests/unit/test_web_problem_words.py says the same from the Python side.
import type { ProblemCode } from "./problem-codes";

type Words = { readonly [code in ProblemCode]: string } & { readonly [code: string]: string };

export const PROBLEM_WORDS: Words = {
  // Sessions and requests
  AUTHENTICATION_REQUIRED: "Please log in to continue.",
  CSRF_TOKEN_INVALID: "Your session changed in another tab. Reload the page and try again.",
  INVALID_CREDENTIALS: "That email address and password do not match.",
  RATE_LIMITED: "Too many attempts in a short time. Please wait a little and try again.",
  OVERLOADED: "We are very busy right now. Please try again in a moment.",
  BAD_REQUEST: "Something in that request was not right. Please check the form and try again.",
  VALIDATION_FAILED: "Some fields are missing or not in the expected format. Please check them.",
  CONTROL_CHARACTERS: "Some text contains characters we cannot accept. Please retype it.",
  JSON_TOO_DEEP: "That request was too complex to process. Please simplify it.",
  JSON_TOO_MANY_VALUES: "That request had too many values. Please shorten it.",
  PAYLOAD_TOO_LARGE: "That text is too long. Please shorten it.",
  INVALID_INPUT: "Some of what you entered is not valid. Please check the highlighted fields.",
  NOT_FOUND: "We could not find that. It may have been removed, or it belongs to another account.",
  IDEMPOTENCY_KEY_MISSING: "The page could not send your request safely. Reload it and try again.",
  IDEMPOTENCY_KEY_REUSED: "This form was already sent with different details. Reload the page to start again.",
  IDEMPOTENCY_REQUEST_IN_PROGRESS: "Your request is still being processed. Please wait a moment.",
  REQUEST_IN_PROGRESS: "We are already working on this request. Please wait a moment.",
  // Other systems
  UPSTREAM_UNAVAILABLE: "One of our systems is not answering right now. Please try again in a few minutes.",
  UPSTREAM_CONFIGURATION: "Something is misconfigured on our side. Please contact support; we have been told.",
  BILLING_UNAVAILABLE: "Billing is not available right now. Please try again in a few minutes.",
  SUPPORT_UNAVAILABLE: "Support cases cannot be reached right now. Please try again in a few minutes.",
  // Signing up and linking
  INVALID_EMAIL: "That email address does not look right.",
  WEAK_PASSWORD: "Choose a stronger password: at least 12 characters, not a common one.",
  INVALID_CUSTOMER_NUMBER: "A customer number looks like SH-100001. Please check yours.",
  CUSTOMER_NUMBER_NOT_FOUND: "We could not find that customer number. Please check your contract letter.",
  INVALID_CONTACT_DETAILS: "Please check your name, phone number and address.",
  EMAIL_ALREADY_REGISTERED: "That email address already has a portal login. Log in, or reset your password.",
  ACCOUNT_ALREADY_EXISTS: "You already have a portal login for this customer. Please log in.",
  ACCOUNT_ALREADY_LINKED: "This customer account is already linked to a portal login. Please log in, or contact support.",
  BILLING_ACCOUNT_EXISTS: "A billing account already exists for this customer. Link it with your billing login instead.",
  SIGNUP_IN_PROGRESS: "Your sign-up is already being set up. Please wait a minute, then log in.",
  ONBOARDING_FAILED: "We could not finish setting up your account. Please try again later or contact support.",
  LINKING_NOT_POSSIBLE: "This billing login cannot be linked. Please contact support.",
  TWO_FACTOR_LINKING_UNSUPPORTED:
    "Your billing login uses two-factor authentication, which cannot be linked here. Please contact support.",
  ACCOUNT_NOT_LINKED: "Your login is not linked to a customer account yet. Link your billing login first.",
  INVALID_RESET_TOKEN: "This reset link is invalid or has expired. Please ask for a new one.",
  // Ordering
  PAYMENT_METHOD_MISSING: "Please add a payment method before ordering.",
  PLAN_REQUIRED: "Please choose a plan.",
  ACTIVATION_FEE_MISSING: "The activation fee is missing from this order.",
  ACTIVATION_FEE_DUPLICATED: "The activation fee can only be added once.",
  ADDON_MUTUALLY_EXCLUSIVE: "Two of the options you chose cannot be combined.",
  ADDON_NOT_ALLOWED: "One of the options is not available with this plan.",
  ADDON_REQUIRES_PRODUCT: "One of the options needs another item that is not in your order.",
  FAMILY_DISCOUNT_NOT_AVAILABLE: "Family plans are for customers who already have an active SIM.",
  ID_VERIFICATION_REQUIRED: "We need to verify your identity before this order. Please contact support.",
  INSTALLATION_REQUIRED: "Please choose how to pay for installation.",
  INTERNET_NOT_ELIGIBLE: "Your address is not eligible for this Internet plan.",
  INTERNET_SERVICE_EXISTS: "You already have an Internet service with us.",
  INVALID_ACTIVATION_DATE: "Please choose an activation date in the future.",
  INVALID_EID: "An EID has 32 digits. Please check the one shown in your phone's settings.",
  INVALID_MNP: "Please check your number-porting (MNP) details.",
  INVALID_QUANTITY: "Please check the quantities.",
  ORDER_TYPE_MISMATCH: "An item in your order does not belong to this kind of order.",
  OPPORTUNITY_NOT_FOUND: "We could not find that request on your account. Please place the order without it.",
  OPPORTUNITY_NOT_OPEN: "That request is already closed or used by another order. Please place the order without it.",
  SIM_TYPE_REQUIRED: "Please choose a physical SIM or an eSIM.",
  SKU_NOT_ORDERABLE: "One of the items can no longer be ordered.",
  // SIM management
  SIM_SERVICE_UNAVAILABLE: "SIM details cannot be reached right now. Please try again in a few minutes.",
  SIM_NOT_IN_SERVICE: "This SIM is not in service, so it cannot be changed.",
  SIM_CHANGE_IN_PROGRESS: "Another change to this SIM is still running. Please try again once it is done.",
  NOTHING_TO_CHANGE: "That is already how your SIM is set up.",
  TOP_UP_AMOUNT_INVALID: "Choose between 100 MB and 50 GB of extra data.",
  VOICE_OPTIONS_NOT_AVAILABLE: "Voice options are only available on plans with a voice line.",
  NETWORK_TYPE_NOT_AVAILABLE: "Your plan runs on 4G only.",
  NEW_EID_INVALID: "An EID has 32 digits. Please check the one shown in your new phone's settings.",
  PLAN_NOT_OFFERED: "That plan is not available for this SIM. Please choose one of the plans shown.",
  PLAN_UNCHANGED: "Your SIM is already on this plan.",
  PLAN_CHANGE_NOT_CANCELLABLE: "Your plan change is already being applied and can no longer be cancelled.",
  ESIM_REQUIRED: "Only an eSIM can be moved to a new phone this way. For a physical SIM, ask for a new card.",
  PHYSICAL_SIM_REQUIRED: "An eSIM is not replaced by a card: move it to your new phone with a reissue instead.",
  REPLACEMENT_NOT_SHIPPED: "Your new SIM card has not been sent yet. Please activate it once it has arrived.",
  SIM_CARD_MISMATCH: "That is not the number printed on the new card we sent. Please check it and try again.",
  // Cancellation
  CANCELLATION_NOT_OFFERED: "This service cannot be cancelled here. Please contact support.",
  SUBSCRIPTION_NOT_ACTIVE: "Only an active service can be cancelled.",
  CANCELLATION_DATE_NOT_ALLOWED: "Please choose one of the end dates offered.",
  LINE_RETURN_REQUIRED: "Please tell us how the rented equipment will come back to us.",
  CANCELLATION_ALREADY_REQUESTED: "This service already has a cancellation. Withdraw it first to choose another date.",
  CANCELLATION_FINAL: "This cancellation is past its deadline and can no longer be withdrawn. Please contact support.",
  CANCELLATION_CHANGED: "Your cancellation changed in the meantime. Please reload and try again.",
  // Identity verification
  ALREADY_VERIFIED: "Your identity is already verified.",
  VERIFICATION_UNDER_REVIEW: "We are reviewing your documents. We will let you know when it is done.",
  DOCUMENT_COUNT: "Please upload the number of documents asked for.",
  DOCUMENT_TOO_LARGE: "That file is too large. Please upload a smaller photo or scan.",
  DOCUMENT_TYPE_NOT_ACCEPTED: "Please upload a photo (JPEG or PNG) or a PDF.",
  EMAIL_CODE_EXPIRED: "That code has expired. Please ask for a new one.",
  EMAIL_CODE_WRONG: "That code is not right. Please check the email we sent you.",
  EMAIL_PROOF_INVALID: "Please confirm your email address again.",
  // Live updates
  LIVE_STREAMS_EXHAUSTED: "Too many live pages are open. Close a few tabs; this page will update when reloaded.",
};

export const UNKNOWN_PROBLEM = "Something went wrong on our side. Please try again later.";
export const NETWORK_PROBLEM = "We could not reach the portal. Check your connection and try again.";
