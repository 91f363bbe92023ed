"""Checkout rules a cart can break. Each has its own stable code and, where one field is at fault, its name."""

from __future__ import annotations

from domain.errors import DomainError


class CheckoutRuleError(DomainError):
    """A cart the portal must not sell. `field` names the request member at fault, when there is one."""

    code = "CHECKOUT_RULE_VIOLATED"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.at = field

    @property
    def fields(self) -> dict[str, str]:
        return {self.at: self.message} if self.at else {}


class SkuNotOrderableError(CheckoutRuleError):
    code = "SKU_NOT_ORDERABLE"


class InvalidQuantityError(CheckoutRuleError):
    code = "INVALID_QUANTITY"


class OrderTypeMismatchError(CheckoutRuleError):
    code = "ORDER_TYPE_MISMATCH"


class PlanRequiredError(CheckoutRuleError):
    code = "PLAN_REQUIRED"


class ActivationFeeMissingError(CheckoutRuleError):
    code = "ACTIVATION_FEE_MISSING"


class ActivationFeeDuplicatedError(CheckoutRuleError):
    code = "ACTIVATION_FEE_DUPLICATED"


class InstallationRequiredError(CheckoutRuleError):
    code = "INSTALLATION_REQUIRED"


class AddOnRequiresProductError(CheckoutRuleError):
    code = "ADDON_REQUIRES_PRODUCT"


class AddOnExclusiveError(CheckoutRuleError):
    code = "ADDON_MUTUALLY_EXCLUSIVE"


class AddOnNotAllowedError(CheckoutRuleError):
    code = "ADDON_NOT_ALLOWED"


class InternetNotEligibleError(CheckoutRuleError):
    code = "INTERNET_NOT_ELIGIBLE"


class InternetServiceExistsError(CheckoutRuleError):
    code = "INTERNET_SERVICE_EXISTS"


class FamilyDiscountNotAvailableError(CheckoutRuleError):
    code = "FAMILY_DISCOUNT_NOT_AVAILABLE"


class IdVerificationRequiredError(CheckoutRuleError):
    code = "ID_VERIFICATION_REQUIRED"


class SimTypeRequiredError(CheckoutRuleError):
    code = "SIM_TYPE_REQUIRED"


class InvalidEidError(CheckoutRuleError):
    code = "INVALID_EID"


class InvalidMnpError(CheckoutRuleError):
    code = "INVALID_MNP"


class InvalidActivationDateError(CheckoutRuleError):
    code = "INVALID_ACTIVATION_DATE"


class OpportunityNotFoundError(CheckoutRuleError):
    """The Opportunity the order names is unknown, or another account's (the same answer for both)."""

    code = "OPPORTUNITY_NOT_FOUND"


class OpportunityNotOpenError(CheckoutRuleError):
    """The account's Opportunity is closed, already fulfilled, of another service, or another order's."""

    code = "OPPORTUNITY_NOT_OPEN"


ALL_CHECKOUT_RULES: tuple[type[CheckoutRuleError], ...] = tuple(CheckoutRuleError.__subclasses__())
