"""The portal's own tables (SQLAlchemy Core). Alembic migrations in `migrations/` are the source of truth for
the schema; these definitions must match them (a test compares the two)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

# Stable constraint names, so migrations diff cleanly and integrity errors map to domain errors by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

users = Table(
    "users",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("email", String(254), nullable=False),
    Column("password_hash", Text, nullable=True),  # linked users set a password later
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("status IN ('active', 'pending', 'disabled')", name="status"),
)
# Case-insensitive uniqueness: emails are stored normalised, and the index guards against any path that is not.
Index("uq_users_email_lower", text("lower(email)"), unique=True, _table=users)

account_links = Table(
    "account_links",
    metadata,
    Column("user_id", UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("whmcs_client_id", Integer, nullable=False, unique=True),
    Column("sf_account_id", String(18), nullable=False, unique=True),
    Column("sf_contact_id", String(18), nullable=True, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

UNFINISHED_ONBOARDING = "state IN ('reserved', 'billing_created', 'user_created', 'compensating')"

onboardings = Table(
    "onboardings",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("email", String(254), nullable=False),
    Column("customer_number", String(16), nullable=False),
    Column("sf_account_id", String(18), nullable=False),
    Column("sf_contact_id", String(18), nullable=True),
    Column("password_hash", Text, nullable=False),
    Column("profile", JSONB, nullable=True),
    Column("state", String(24), nullable=False),
    Column("whmcs_client_id", Integer, nullable=True),
    Column("user_id", UUID(as_uuid=True), nullable=True),
    Column("billing_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
# One unfinished onboarding per email and per customer number: concurrent sign-ups race here, and one wins.
Index(
    "uq_onboardings_unfinished_email",
    text("lower(email)"),
    unique=True,
    postgresql_where=text(UNFINISHED_ONBOARDING),
    _table=onboardings,
)
Index(
    "uq_onboardings_unfinished_customer_number",
    onboardings.c.customer_number,
    unique=True,
    postgresql_where=text(UNFINISHED_ONBOARDING),
)
Index("ix_onboardings_state_updated_at", onboardings.c.state, onboardings.c.updated_at)

stream_positions = Table(
    "stream_positions",
    metadata,
    Column("channel", String(255), primary_key=True),
    Column("replay_id", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# -- orders (migration 0004) ---------------------------------------------------------------------------------

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("scope", String(64), primary_key=True),  # whose key: "user:<uuid>"
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),  # the first request's lease while it runs
    Column("response_status", Integer, nullable=True),  # null until the first request finished
    Column("response_media_type", String(100), nullable=True),
    Column("response_body", LargeBinary, nullable=True),
    Column("keep_seconds", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),  # ≥ 24 h after completion; then reaped
)
Index("ix_idempotency_keys_expires_at", idempotency_keys.c.expires_at)

fulfilments = Table(
    "fulfilments",
    metadata,
    Column("order_id", String(18), primary_key=True),
    Column("account_id", String(18), nullable=False),
    Column("state", String(16), nullable=False),
    Column("step", String(32), nullable=False),  # the last completed step: where a resume starts
    Column("whmcs_client_id", Integer, nullable=True),
    Column("billing_baseline", Integer, nullable=True),
    Column("billing_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("whmcs_order_id", Integer, nullable=True),
    Column("whmcs_invoice_id", Integer, nullable=True),
    Column("item_services", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("sim", JSONB, nullable=True),
    Column("sim_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("voice_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("waits", Integer, nullable=False, server_default=text("0")),
    Column("transient_failures", Integer, nullable=False, server_default=text("0")),
    Column("error_code", String(64), nullable=True),
    Column("error_message", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("opportunity_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("service_link_attempted", Boolean, nullable=False, server_default=text("false")),
    CheckConstraint("state IN ('running', 'waiting', 'paused', 'failed', 'completed')", name="state"),
)
Index("ix_fulfilments_state_updated_at", fulfilments.c.state, fulfilments.c.updated_at)

sim_inventory = Table(
    "sim_inventory",
    metadata,
    Column("msisdn", String(14), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("product_number", String(15), nullable=True, unique=True),
    Column("order_id", String(18), nullable=True, unique=True),  # the order the card went to
    Column("assigned_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # When it last entered the free stock (added, or given back by an order Freebit refused): first in, first out.
    Column("stocked_at", DateTime(timezone=True), nullable=False),
    # Freebit refused the card itself (or may have): never assigned again; staff examine it (migration 0005).
    Column("quarantined_at", DateTime(timezone=True), nullable=True),
    Column("quarantine_reason", Text, nullable=True),
    # An operator found a quarantined card good and put it back in stock, saying why (migration 0006).
    Column("restocked_at", DateTime(timezone=True), nullable=True),
    Column("restock_reason", Text, nullable=True),
    CheckConstraint("kind IN ('physical', 'esim')", name="kind"),
    CheckConstraint("quarantined_at IS NULL OR order_id IS NULL", name="quarantined_unassigned"),
)
Index(
    "ix_sim_inventory_free",
    sim_inventory.c.kind,
    sim_inventory.c.stocked_at,
    postgresql_where=text("order_id IS NULL AND quarantined_at IS NULL"),
)

port_in_holders = Table(
    "port_in_holders",
    metadata,
    Column("order_key", String(64), primary_key=True),
    Column("holder", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_port_in_holders_created_at", port_in_holders.c.created_at)  # the reaper's scan

# A SIM data top-up's saga: its recovery points (migration 0007). One per (user, Idempotency-Key).
sim_top_ups = Table(
    "sim_top_ups",
    metadata,
    Column("id", String(32), primary_key=True),  # our operation id: the invoice reference and the quota code
    Column("user_id", UUID(as_uuid=True), nullable=False),
    Column("account_id", String(18), nullable=False),
    Column("client_id", Integer, nullable=False),
    Column("sim_id", Integer, nullable=False),
    Column("msisdn", String(14), nullable=False),
    Column("idempotency_key", String(255), nullable=False),
    Column("quota_mb", Integer, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    Column("expires_on", Date, nullable=False),
    Column("state", String(16), nullable=False),
    Column("step", String(16), nullable=False),  # the last completed step: where a resume starts
    Column("invoice_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("invoice_id", Integer, nullable=True),
    Column("capture_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("quota_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("refund_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("case_id", String(18), nullable=True),
    Column("error_code", String(64), nullable=True),
    Column("error_message", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("user_id", "idempotency_key"),
    CheckConstraint("state IN ('pending', 'completed', 'payment_failed', 'refunded', 'refund_pending')", name="state"),
    CheckConstraint("quota_mb BETWEEN 100 AND 51200", name="quota"),
)
Index("ix_sim_top_ups_state_updated_at", sim_top_ups.c.state, sim_top_ups.c.updated_at)

# A SIM plan change held until its day and applied by the worker: its recovery points (migration 0010). One per
# (user, Idempotency-Key); at most one open (scheduled or applying) per SIM; `version` fences every save.
OPEN_PLAN_CHANGE = "state IN ('scheduled', 'applying')"
sim_plan_changes = Table(
    "sim_plan_changes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", UUID(as_uuid=True), nullable=False),
    Column("account_id", String(18), nullable=False),
    Column("client_id", Integer, nullable=False),
    Column("sim_id", Integer, nullable=False),
    Column("msisdn", String(14), nullable=False),
    Column("idempotency_key", String(255), nullable=False),
    Column("from_plan", JSONB, nullable=False),  # sku, name, product_id (WHMCS), plan_code (Freebit), monthly_price
    Column("to_plan", JSONB, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("state", String(16), nullable=False),
    Column("step", String(16), nullable=False),  # the last completed step: where a resume starts
    Column("freebit_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("whmcs_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("case_id", String(18), nullable=True),
    Column("error_code", String(64), nullable=True),
    Column("error_message", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("version", Integer, nullable=False, server_default=text("0")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("user_id", "idempotency_key"),
    CheckConstraint("state IN ('scheduled', 'applying', 'completed', 'cancelled', 'failed')", name="state"),
)
Index(
    "uq_sim_plan_changes_open_sim_id",
    sim_plan_changes.c.sim_id,
    unique=True,
    postgresql_where=text(OPEN_PLAN_CHANGE),
)
Index("ix_sim_plan_changes_state_effective_on", sim_plan_changes.c.state, sim_plan_changes.c.effective_on)

# A physical SIM card replacement's saga (migration 0014): one per (user, Idempotency-Key); at most one open per SIM.
OPEN_REPLACEMENT = "state IN ('shipping', 'activating')"
sim_replacements = Table(
    "sim_replacements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", UUID(as_uuid=True), nullable=False),
    Column("account_id", String(18), nullable=False),
    Column("client_id", Integer, nullable=False),
    Column("sim_id", Integer, nullable=False),
    Column("msisdn", String(14), nullable=False),
    Column("idempotency_key", String(255), nullable=False),
    Column("reason", String(16), nullable=False),
    Column("old_product_number", String(15), nullable=False),
    Column("new_product_number", String(15), nullable=True),
    Column("state", String(16), nullable=False),
    Column("step", String(16), nullable=False),
    Column("activation_requested", Boolean, nullable=False, server_default=text("false")),
    Column("swap_attempted", Boolean, nullable=False, server_default=text("false")),
    Column("case_id", String(18), nullable=True),
    Column("error_code", String(64), nullable=True),
    Column("error_message", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("version", Integer, nullable=False, server_default=text("0")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("user_id", "idempotency_key"),
    CheckConstraint("state IN ('shipping', 'activating', 'completed', 'failed')", name="state"),
)
Index(
    "uq_sim_replacements_open_sim_id", sim_replacements.c.sim_id, unique=True, postgresql_where=text(OPEN_REPLACEMENT)
)
Index("ix_sim_replacements_state_updated_at", sim_replacements.c.state, sim_replacements.c.updated_at)


# Customers' mail, one row per event it tells of (migration 0008): the worker delivers it and marks it; the values
# (codes, links) are dropped once it is sent or refused, and the row itself after seven days.
mail_outbox = Table(
    "mail_outbox",
    metadata,
    Column("event_key", String(200), primary_key=True),
    Column("recipient", String(254), nullable=False),
    Column("template", String(40), nullable=False),
    Column("mail_values", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("refused", Text, nullable=True),
)
Index(
    "ix_mail_outbox_unsettled",
    mail_outbox.c.created_at,
    postgresql_where=text("sent_at IS NULL AND refused IS NULL"),
)
Index("ix_mail_outbox_created_at", mail_outbox.c.created_at)

notifications = Table(
    "notifications",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("sf_account_id", String(18), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("source_id", String(120), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True), nullable=True),
    # The deduplication every notifier relies on: a redelivered event or a retried step inserts nothing.
    UniqueConstraint("sf_account_id", "kind", "source_id", name="uq_notifications_sf_account_id"),
)
Index("ix_notifications_account_id", notifications.c.sf_account_id, notifications.c.id.desc())
Index("ix_notifications_unread", notifications.c.sf_account_id, postgresql_where=text("read_at IS NULL"))
Index("ix_notifications_created_at", notifications.c.created_at)

# A service cancellation's saga: its recovery points (migration 0013). One per (user, Idempotency-Key); at most one
# holding a service at a time (any state but withdrawn); `version` guards every save.
service_cancellations = Table(
    "service_cancellations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", UUID(as_uuid=True), nullable=False),
    Column("account_id", String(18), nullable=False),
    Column("client_id", Integer, nullable=False),
    Column("service_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("service_name", String(255), nullable=False),
    Column("msisdn", String(14), nullable=True),
    Column("email", String(320), nullable=False),
    Column("idempotency_key", String(255), nullable=False),
    Column("end_date", Date, nullable=False),
    Column("cutoff_at", DateTime(timezone=True), nullable=False),
    Column("moving", Boolean, nullable=False),
    Column("line_return", String(32), nullable=True),
    Column("state", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=True),
    Column("steps", JSONB, nullable=False),  # the step flags and ids (opportunity, case): see the domain record
    Column("withdrawn_at", DateTime(timezone=True), nullable=True),
    Column("error_code", String(64), nullable=True),
    Column("error_message", Text, nullable=True),
    Column("history", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("user_id", "idempotency_key"),
    CheckConstraint(
        "state IN ('scheduled', 'withdrawing', 'withdrawn', 'confirmed', 'completed', 'needs_staff')", name="state"
    ),
    CheckConstraint("kind IN ('internet', 'sim')", name="kind"),
)
Index(
    "uq_service_cancellations_holding",
    service_cancellations.c.service_id,
    unique=True,
    postgresql_where=text("state <> 'withdrawn'"),
)
Index(
    "ix_service_cancellations_due",
    service_cancellations.c.due_at,
    postgresql_where=text("state IN ('scheduled', 'withdrawing', 'confirmed')"),
)
