"""Codes of checkout: each rule a cart can break has its own (`errors` names the request member at fault)."""

from __future__ import annotations

from entrypoints.http.problem_types.row import ProblemType


def _rule(title: str, description: str) -> ProblemType:
    return ProblemType(title, description + " The order was not placed; change the cart and submit again (422).")


ORDERS: dict[str, ProblemType] = {
    "CHECKOUT_RULE_VIOLATED": _rule("Cart not orderable", "The cart breaks a checkout rule; `detail` says which."),
    "SKU_NOT_ORDERABLE": _rule("Item not orderable", "An item is not in the current catalog or not sold alone."),
    "INVALID_QUANTITY": _rule("Invalid quantity", "An item's quantity is not allowed for it."),
    "ORDER_TYPE_MISMATCH": _rule("Item of another service", "An item belongs to another order type."),
    "PLAN_REQUIRED": _rule("Plan required", "The order needs exactly one plan."),
    "ACTIVATION_FEE_MISSING": _rule("Activation fee missing", "SIM and VPN orders include the activation fee once."),
    "ACTIVATION_FEE_DUPLICATED": _rule("Activation fee twice", "The activation fee may appear only once."),
    "INSTALLATION_REQUIRED": _rule("Installation required", "Internet orders include exactly one installation."),
    "ADDON_REQUIRES_PRODUCT": _rule("Add-on needs its product", "An add-on requires an item that is not in the cart."),
    "ADDON_MUTUALLY_EXCLUSIVE": _rule(
        "Add-ons exclude each other", "Two items in the cart cannot be ordered together."
    ),
    "ADDON_NOT_ALLOWED": _rule("Add-on not allowed", "This add-on cannot be ordered with this plan."),
    "INTERNET_NOT_ELIGIBLE": _rule(
        "Not eligible for this Internet plan", "The service address is not eligible for this offering (yet)."
    ),
    "INTERNET_SERVICE_EXISTS": _rule("Internet service exists", "The account already has an Internet service."),
    "FAMILY_DISCOUNT_NOT_AVAILABLE": _rule(
        "Family discount not available", "Family-discount SIM plans need an active SIM service on the account."
    ),
    "ID_VERIFICATION_REQUIRED": _rule("Identity verification required", "This order needs a verified identity."),
    "SIM_TYPE_REQUIRED": _rule("SIM type required", "Choose a physical SIM or an eSIM."),
    "INVALID_EID": _rule("Invalid EID", "An eSIM's EID is 32 digits."),
    "INVALID_MNP": _rule("Invalid number transfer", "The number-transfer (MNP) details are incomplete or expired."),
    "OPPORTUNITY_NOT_FOUND": _rule(
        "Opportunity not found", "The order names an Opportunity this account does not have (`opportunityId`)."
    ),
    "OPPORTUNITY_NOT_OPEN": _rule(
        "Opportunity not open",
        "The named Opportunity is closed, already fulfilled, for another service or another order's.",
    ),
    "INVALID_ACTIVATION_DATE": _rule("Invalid activation date", "A scheduled activation must be a future date."),
    "PAYMENT_METHOD_MISSING": ProblemType(
        "Payment method missing",
        "The account has no payment method. Follow `links.addPaymentMethod` (a single-use link to add one), then "
        "submit the order again with the same Idempotency-Key.",
    ),
}
