import { useState } from "react";
import { api, date, money } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { Link } from "../router";
import { useSession } from "../session";
import { Loading, Page, ProblemMessage } from "../ui";

export function AccountPage() {
  const me = useLoad(() => api.GET("/api/me"), []);
  const profile = useLoad(() => api.GET("/api/billing/profile"), []);
  return (
    <Page title="My account">
      {me.loading && <Loading />}
      <ProblemMessage problem={me.problem} />
      {me.data && (
        <dl className="facts">
          <dt>Login</dt>
          <dd>{me.data.email}</dd>
          <dt>Member since</dt>
          <dd>{date(me.data.createdAt)}</dd>
          <dt>Billing account</dt>
          <dd>{me.data.linked ? "linked" : <Link to="/link">not linked yet: link it</Link>}</dd>
        </dl>
      )}
      {profile.data && (
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">Contract holder</h2>
          {/* Japanese order: family name first; postal address from the postcode down. */}
          <p lang="ja" className="name">
            {profile.data.lastName} {profile.data.firstName}
          </p>
          <address lang="ja">
            〒{profile.data.address.postcode} {profile.data.address.prefecture} {profile.data.address.city}{" "}
            {profile.data.address.street} {profile.data.address.street2}
          </address>
          <p>Customer number {profile.data.customerNumber ?? "—"}</p>
        </section>
      )}
      <ProblemMessage problem={profile.data ? null : profile.problem} />
      <nav aria-label="Account" className="tiles">
        <Link to="/invoices">Invoices</Link>
        <Link to="/subscriptions">Subscriptions</Link>
        <Link to="/orders">Orders</Link>
        <Link to="/order">Order a service</Link>
        <Link to="/support">Support</Link>
        <Link to="/verification">ID verification</Link>
      </nav>
    </Page>
  );
}

export function InvoicesPage() {
  const invoices = useLoad(() => api.GET("/api/billing/invoices", { params: { query: { limit: 25 } } }), []);
  const { csrf } = useSession();
  const pay = useSubmit();
  const [payLink, setPayLink] = useState<{ invoice: string; url: string } | null>(null);
  const payInvoice = async (id: number, number: string) => {
    const answer = await pay.run(() =>
      api.POST("/api/billing/invoices/{invoice_id}/pay-link", { params: { path: { invoice_id: id }, header: csrf() } }),
    );
    if (answer) setPayLink({ invoice: number, url: answer.url });
  };
  return (
    <Page title="Invoices">
      {invoices.loading && <Loading />}
      <ProblemMessage problem={invoices.problem} />
      <ProblemMessage problem={pay.problem} />
      {payLink && (
        <p role="status" className="success">
          Your payment page for invoice {payLink.invoice} is ready:{" "}
          <a href={payLink.url} rel="noopener noreferrer">
            continue to payment
          </a>{" "}
          (the link works once, for a few minutes).
        </p>
      )}
      {invoices.data && (
        // A region of its own: on a narrow phone the table scrolls sideways, not the page (keyboard: focus it).
        <div className="table-wrap" role="region" aria-label="Invoices table" tabIndex={0}>
        <table>
          <caption>{invoices.data.total} invoices</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col" className="wide-only">Date</th>
              <th scope="col">Due</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.data.items.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row">{invoice.number}</th>
                <td className="wide-only">{date(invoice.date)}</td>
                <td>{date(invoice.dueDate)}</td>
                <td className="number">{money(invoice.total)}</td>
                <td>
                  <span className={`badge ${invoice.overdue ? "bad" : invoice.status === "Paid" ? "good" : ""}`}>
                    {invoice.overdue ? "Overdue" : invoice.status}
                  </span>
                </td>
                <td>
                  {(invoice.status === "Unpaid" || invoice.overdue) && (
                    <button type="button" disabled={pay.busy} onClick={() => payInvoice(invoice.id, invoice.number)}>
                      Pay<span className="visually-hidden"> invoice {invoice.number}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </Page>
  );
}

export function SubscriptionsPage() {
  const subscriptions = useLoad(() => api.GET("/api/subscriptions"), []);
  return (
    <Page title="Subscriptions">
      {subscriptions.loading && <Loading />}
      <ProblemMessage problem={subscriptions.problem} />
      {subscriptions.data && subscriptions.data.items.length === 0 && <p>You have no subscriptions yet.</p>}
      <ul className="list">
        {subscriptions.data?.items.map((s) => (
          <li key={s.id}>
            {s.groupName === "SIM" && s.status === "Active" && s.billingCycle !== "One Time" ? (
              <Link to={`/sims/${s.id}`}>
                <strong>{s.productName}</strong>
                <span className="visually-hidden">: manage this SIM</span>
              </Link>
            ) : (
              <strong>{s.productName}</strong>
            )}{" "}
            <span className={`badge ${s.status === "Active" ? "good" : ""}`}>{s.status}</span>
            <br />
            {money(s.amount)} {s.billingCycle.toLowerCase()} · next due {date(s.nextDueDate)} · {s.groupName}
            {(s.groupName === "SIM" || s.groupName === "Internet") && s.status === "Active" && s.billingCycle !== "One Time" && (
              <>
                {" · "}
                <Link to={`/subscriptions/${s.id}/cancel`}>
                  Cancel<span className="visually-hidden"> {s.productName}</span>
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
