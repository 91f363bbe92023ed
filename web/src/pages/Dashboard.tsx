import { useEffect, useState } from "react";
import { api, date, money, type Schemas } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { useAccountLive, type LiveState } from "../live";
import { Link } from "../router";
import { useSession } from "../session";
import { Loading, Page, ProblemMessage } from "../ui";

type Status = Schemas["MeStatusOut"];
type Task = Schemas["TaskOut"];
type Notification = Schemas["NotificationView"];

const UNAVAILABLE = "not available right now";

const LIVE_WORDS: Record<LiveState, string> = {
  live: "Live: this page updates by itself.",
  connecting: "Connecting for live updates…",
  retrying: "Live updates paused; trying again shortly.",
};

export function LiveNote() {
  const { state } = useAccountLive();
  return (
    <p className="quiet live-note" data-testid="live-state" data-state={state}>
      {LIVE_WORDS[state]}
    </p>
  );
}

/** Where a task takes the customer; a task with nowhere to go is only told. */
function TaskAction({ task }: { task: Task }) {
  switch (task.type) {
    case "INVOICE_OVERDUE":
    case "INVOICE_DUE":
      return <Link to="/invoices">See invoices</Link>;
    case "ORDER_STOPPED":
    case "ORDER_IN_PROGRESS":
      return task.ref ? <Link to={`/orders/${encodeURIComponent(task.ref)}`}>Follow the order</Link> : null;
    case "ADD_PAYMENT_METHOD":
      return <PaymentMethodLink />;
    case "VERIFICATION_REJECTED":
      return <Link to="/verification">Send new documents</Link>;
    default:
      return task.type.startsWith("VERIFICATION_") ? <Link to="/verification">ID verification</Link> : null;
  }
}

/** A single-use link to the billing system's page for cards (POST …/manage-link), asked for when wanted. */
function PaymentMethodLink() {
  const { csrf } = useSession();
  const link = useSubmit();
  const [url, setUrl] = useState<string | null>(null);
  if (url) {
    return (
      <a href={url} rel="noopener noreferrer">
        Continue to add a card
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={link.busy}
        onClick={async () => {
          const answer = await link.run(() =>
            api.POST("/api/billing/payment-methods/manage-link", { params: { header: csrf() } }),
          );
          if (answer) setUrl(answer.url);
        }}
      >
        Add a payment method
      </button>
      <ProblemMessage problem={link.problem} />
    </>
  );
}

function Summary({ status }: { status: Status }) {
  const { activeServices, unpaidInvoices, openCases } = status.summary;
  return (
    <ul className="tiles summary" aria-label="Summary">
      <li>
        <span className="figure">{activeServices.state === "current" ? activeServices.count : "—"}</span>
        <Link to="/subscriptions">Active services</Link>
        {activeServices.state !== "current" && <small className="quiet">{UNAVAILABLE}</small>}
      </li>
      <li>
        <span className="figure">
          {unpaidInvoices.state === "current" ? (unpaidInvoices.total ? money(unpaidInvoices.total) : "¥0") : "—"}
        </span>
        <Link to="/invoices">
          Unpaid ({unpaidInvoices.state === "current" ? `${unpaidInvoices.count ?? 0} invoices` : UNAVAILABLE})
        </Link>
        {unpaidInvoices.nextDue && (
          <small className={unpaidInvoices.nextDue.overdue ? "bad-text" : "quiet"}>
            Invoice {unpaidInvoices.nextDue.number} {unpaidInvoices.nextDue.overdue ? "was due" : "is due"}{" "}
            {date(unpaidInvoices.nextDue.dueDate)}
          </small>
        )}
      </li>
      <li>
        <span className="figure">{openCases.state === "current" ? openCases.count : "—"}</span>
        <Link to="/support">Open support cases</Link>
        {openCases.state !== "current" && <small className="quiet">{UNAVAILABLE}</small>}
      </li>
    </ul>
  );
}

const ELIGIBILITY_WORDS: Record<string, string> = {
  Pending: "we are checking fibre Internet at your address",
  Eligible: "fibre Internet is available at your address",
  Ineligible: "fibre Internet is not available at your address yet",
  "Not Requested": "not asked for yet",
};

function Facts({ status }: { status: Status }) {
  const e = status.internetEligibility;
  const v = status.residenceCardVerification;
  const p = status.paymentMethods;
  return (
    <dl className="facts">
      <dt>Fibre Internet</dt>
      <dd>
        {e.state !== "current"
          ? UNAVAILABLE
          : `${ELIGIBILITY_WORDS[e.status ?? ""] ?? e.status ?? "not asked for yet"}${e.offeringType ? ` (${e.offeringType})` : ""}`}
      </dd>
      <dt>ID verification</dt>
      <dd>
        {v.state !== "current" ? UNAVAILABLE : (v.status ?? "not submitted")} ·{" "}
        <Link to="/verification">details</Link>
      </dd>
      <dt>Payment methods</dt>
      <dd>{p.state !== "current" ? UNAVAILABLE : p.totalCount === 0 ? "none yet" : `${p.totalCount} on file`}</dd>
    </dl>
  );
}

export function DashboardPage() {
  const { version } = useAccountLive();
  const status = useLoad(() => api.GET("/api/me/status"), [version]);
  const s = status.data;
  return (
    <Page title="Dashboard">
      <LiveNote />
      {status.loading && <Loading />}
      <ProblemMessage problem={status.problem} />
      {s && (
        <>
          <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">To do</h2>
            {s.tasks.length === 0 ? (
              <p>Nothing needs your attention.</p>
            ) : (
              <ol className="tasks" data-testid="tasks">
                {[...s.tasks]
                  .sort((a, b) => a.priority - b.priority)
                  .map((task) => (
                    <li key={`${task.type}:${task.ref ?? ""}`} data-type={task.type}>
                      <span>{task.title}</span> <TaskAction task={task} />
                    </li>
                  ))}
              </ol>
            )}
          </section>
          <Summary status={s} />
          <Facts status={s} />
          {s.orders.state === "current" && s.orders.inProgress.length + s.orders.stopped.length > 0 && (
            <section aria-labelledby="orders-heading">
              <h2 id="orders-heading">Orders under way</h2>
              <ul className="list">
                {[...s.orders.inProgress, ...s.orders.stopped].map((o) => (
                  <li key={o.id}>
                    <Link to={`/orders/${encodeURIComponent(o.id)}`}>Order {o.orderNumber}</Link>
                    {o.errorCode ? " — stopped, see the order" : " — in progress"}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p className="quiet">As of {new Date(s.asOf).toLocaleTimeString("ja-JP")}</p>
        </>
      )}
      <Notifications pageSize={5} heading="Latest notifications" />
      <p>
        <Link to="/notifications">All notifications</Link>
      </p>
    </Page>
  );
}

export function NotificationsPage() {
  return (
    <Page title="Notifications">
      <LiveNote />
      <Notifications pageSize={20} heading="Newest first" paged />
    </Page>
  );
}

/**
 * The customer's notifications, newest first, by cursor (`before` = the last page's `nextBefore`); a new one heard
 * on the live stream reloads the first page. Marking read is told to the rest of the app (the header's count).
 */
function Notifications({ pageSize, heading, paged = false }: { pageSize: number; heading: string; paged?: boolean }) {
  const { version, touch } = useAccountLive();
  const { csrf } = useSession();
  const first = useLoad(
    () => api.GET("/api/account/notifications", { params: { query: { limit: pageSize } } }),
    [version, pageSize],
  );
  const [items, setItems] = useState<Notification[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const more = useSubmit();
  const mark = useSubmit();
  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setNext(first.data.nextBefore);
    }
  }, [first.data]);
  const unread = items.filter((n) => !n.read).length;
  const showOlder = async () => {
    if (next === null) return;
    const page = await more.run(() =>
      api.GET("/api/account/notifications", { params: { query: { limit: pageSize, before: next } } }),
    );
    if (page) {
      setItems((before) => [...before, ...page.items]);
      setNext(page.nextBefore);
    }
  };
  const markRead = async (id: number) => {
    const answer = await mark.run(async () => {
      const { response, error } = await api.POST("/api/account/notifications/{notification_id}/read", {
        params: { path: { notification_id: id }, header: csrf() },
      });
      return response.ok ? { data: true } : { error };
    });
    if (answer) {
      setItems((before) => before.map((n) => (n.id === id ? { ...n, read: true } : n)));
      touch();
    }
  };
  const markAll = async () => {
    const answer = await mark.run(async () => {
      const { response, error } = await api.POST("/api/account/notifications/read-all", { params: { header: csrf() } });
      return response.ok ? { data: true } : { error };
    });
    if (answer) {
      setItems((before) => before.map((n) => ({ ...n, read: true })));
      touch();
    }
  };
  return (
    <section aria-labelledby="notifications-heading" className="notifications">
      <h2 id="notifications-heading">{heading}</h2>
      {first.loading && <Loading />}
      <ProblemMessage problem={first.problem} />
      <ProblemMessage problem={mark.problem ?? more.problem} />
      {first.data && items.length === 0 && <p>No notifications yet.</p>}
      {unread > 0 && (
        <button type="button" className="small secondary" onClick={markAll} disabled={mark.busy}>
          Mark all as read
        </button>
      )}
      <ul className="notes" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} className={n.read ? "read" : "unread"} data-kind={n.kind}>
            <p>
              <strong>{n.title}</strong> {!n.read && <span className="badge">new</span>}
            </p>
            <p>{n.body}</p>
            <p className="quiet">
              {new Date(n.createdAt).toLocaleString("ja-JP")}
              {!n.read && (
                <>
                  {" · "}
                  <button type="button" className="link" onClick={() => markRead(n.id)} disabled={mark.busy}>
                    Mark as read<span className="visually-hidden">: {n.title}</span>
                  </button>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {paged && next !== null && (
        <button type="button" className="secondary" onClick={showOlder} disabled={more.busy}>
          Show older notifications
        </button>
      )}
    </section>
  );
}

/** The header's link with the unread count, asked again whenever something happens on the account. */
export function NotificationsLink() {
  const { version } = useAccountLive();
  const count = useLoad(() => api.GET("/api/account/notifications/unread-count"), [version]);
  const unread = count.data?.unreadCount ?? 0;
  return (
    <Link to="/notifications" data-testid="notifications-link">
      Notifications
      {unread > 0 && (
        <span className="count">
          {" "}
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}
