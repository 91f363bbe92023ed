"""What the API shows of what the systems of record tell us is decided field by field, on purpose.

Each row pairs a port model (what an adapter returns) with the wire view the API answers with. Every field of
the model is either on the view (by its own name or the one `renamed` gives it) or named in `hidden` as
deliberately kept from the customer. A field added to a port model therefore fails this test until someone
decides whether customers see it; a stale name in `renamed` or `hidden` fails it too.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping

import msgspec
import pytest

from application.catalog.account_catalog import AccountInternetCatalog, AccountSimCatalog
from application.catalog.views import InternetCatalog, Offer, Offering, SimCatalog, VpnCatalog
from application.eligibility.views import EligibilityView
from application.ports.billing.clients import ClientProfile
from application.ports.billing.invoices import Invoice, InvoiceLine, InvoicePage, InvoiceSummary, InvoiceTransaction
from application.ports.billing.payment_links import SsoLink
from application.ports.billing.payment_methods import PaymentGateway, PayMethod
from application.ports.billing.services import Service
from application.ports.billing.values import PostalAddress
from application.ports.case_desk import CaseComment, SupportCase
from application.ports.crm_models import CrmAddress, InternetEligibility
from application.ports.order_desk import Order, OrderItem
from entrypoints.http.billing.invoice_schemas import (
    InvoiceLineView,
    InvoicePageView,
    InvoiceSummaryView,
    InvoiceTransactionView,
    InvoiceView,
    SsoLinkView,
)
from entrypoints.http.billing.payment_schemas import PaymentGatewayView, PaymentMethodView
from entrypoints.http.billing.profile_schemas import AddressView, ProfileView
from entrypoints.http.billing.subscription_schemas import SubscriptionView
from entrypoints.http.catalog.wire import (
    AccountInternetCatalogView,
    AccountSimCatalogView,
    InternetCatalogView,
    OfferingView,
    OfferView,
    SimCatalogView,
    VpnCatalogView,
)
from entrypoints.http.money import Money
from entrypoints.http.orders.answers import AddressOut, OrderItemOut, OrderOut
from entrypoints.http.support.schemas import CaseView, CommentView


@dataclasses.dataclass(frozen=True)
class Exposure:
    model: type
    view: type
    renamed: Mapping[str, str] = dataclasses.field(default_factory=dict)  # model field → view field
    hidden: frozenset[str] = frozenset()  # model fields customers must not see (or need not)
    currency: str | None = None  # the model field every `Money` of the view carries as its `currency`


BILLING_IDS = frozenset({"client_id"})  # the caller's own WHMCS client: implied by the session

EXPOSURES = [
    Exposure(InvoiceSummary, InvoiceSummaryView, hidden=BILLING_IDS, currency="currency_code"),
    Exposure(InvoicePage, InvoicePageView),
    Exposure(
        Invoice,
        InvoiceView,
        hidden=BILLING_IDS,
        renamed={"tax_rate": "tax_rate_percent", "tax_rate2": "tax_rate2_percent"},
        currency="currency_code",
    ),
    Exposure(InvoiceLine, InvoiceLineView),
    Exposure(InvoiceTransaction, InvoiceTransactionView),
    Exposure(SsoLink, SsoLinkView),
    Exposure(PayMethod, PaymentMethodView),
    Exposure(PaymentGateway, PaymentGatewayView),
    Exposure(
        Service,
        SubscriptionView,
        renamed={"name": "product_name", "recurring_amount": "amount"},
        hidden=BILLING_IDS | {"payment_method", "domain", "custom_fields"},  # billing internals
    ),
    Exposure(
        ClientProfile,
        ProfileView,
        hidden=frozenset({"id", "owner_user_id", "status", "custom_fields"}),  # WHMCS ids and admin state
    ),
    Exposure(PostalAddress, AddressView, renamed={"state": "prefecture", "address1": "street", "address2": "street2"}),
    Exposure(SupportCase, CaseView, renamed={"type": "category"}),
    Exposure(
        CaseComment,
        CommentView,
        renamed={"created_by_portal": "from_customer"},
        hidden=frozenset({"published"}),  # only published comments are shown at all
    ),
    Exposure(
        Order,
        OrderOut,
        renamed={"activation_error_code": "error_code", "last_modified_at": "updated_at", "billing_address": "address"},
        hidden=frozenset(
            {
                "account_id",  # the caller's own
                "activation_error_message",  # the agents' words, which may name systems and ids: `errorMessage` instead
                "options",  # what customers chose: only `simType` is shown so far
                # CRM and fulfilment bookkeeping
                "effective_date",
                "opportunity_id",
                "whmcs_order_id",
                "key",
            }
        ),
    ),
    Exposure(
        OrderItem,
        OrderItemOut,
        renamed={"product_name": "name"},
        hidden=frozenset({"entry_id", "product_id", "whmcs_product_id", "whmcs_service_id"}),  # system ids
    ),
    Exposure(CrmAddress, AddressOut),
    Exposure(Offer, OfferView),
    Exposure(Offering, OfferingView),
    Exposure(InternetCatalog, InternetCatalogView),
    Exposure(SimCatalog, SimCatalogView),
    Exposure(VpnCatalog, VpnCatalogView),
    Exposure(AccountInternetCatalog, AccountInternetCatalogView),
    Exposure(AccountSimCatalog, AccountSimCatalogView),
    Exposure(InternetEligibility, EligibilityView, hidden=frozenset({"account_id"})),
]


def field_names(kind: type) -> set[str]:
    if dataclasses.is_dataclass(kind):
        return {f.name for f in dataclasses.fields(kind)}
    return {f.name for f in msgspec.structs.fields(kind)}


def _carries_money(view: type) -> bool:
    return any(Money in (f.type, *typing.get_args(f.type)) for f in msgspec.structs.fields(view))


def undecided(exposure: Exposure) -> set[str]:
    """Model fields the view neither shows nor hides."""
    shown = field_names(exposure.view)
    if exposure.currency is not None and _carries_money(exposure.view):
        shown.add(exposure.currency)
    return {n for n in field_names(exposure.model) - exposure.hidden if exposure.renamed.get(n, n) not in shown}


@pytest.mark.parametrize("exposure", EXPOSURES, ids=lambda e: f"{e.model.__name__}->{e.view.__name__}")
def test_every_port_model_field_is_shown_or_deliberately_hidden(exposure: Exposure) -> None:
    assert undecided(exposure) == set(), f"show these on {exposure.view.__name__} or name them hidden"


@pytest.mark.parametrize("exposure", EXPOSURES, ids=lambda e: f"{e.model.__name__}->{e.view.__name__}")
def test_the_table_names_only_fields_that_exist(exposure: Exposure) -> None:
    model, view = field_names(exposure.model), field_names(exposure.view)
    assert set(exposure.hidden) - model == set()
    assert set(exposure.renamed) - model == set()
    assert set(exposure.renamed.values()) - view == set()
    assert set(exposure.hidden) & set(exposure.renamed) == set()


def test_a_new_port_model_field_fails_until_decided() -> None:
    """The rule itself: a field the view neither shows nor hides is reported."""

    class Widened(msgspec.Struct):
        id: str
        case_number: str
        secret_note: str

    assert undecided(Exposure(Widened, CaseView)) == {"secret_note"}
    assert undecided(Exposure(Widened, CaseView, hidden=frozenset({"secret_note"}))) == set()
