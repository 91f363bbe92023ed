import { useEffect, useState, type FormEvent } from "react";
import { api, date, money, type Schemas } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { useEventStream } from "../live";
import { Link, useRouter } from "../router";
import { useSession } from "../session";
import { Field, Loading, Page, ProblemMessage } from "../ui";

type Offer = Schemas["OfferView"];
type Kind = "SIM" | "VPN";

function PlanChoice({ plans, name }: { plans: Offer[]; name: string }) {
  return (
    <fieldset>
      <legend>Plan</legend>
      {plans.map((plan, i) => (
        <label key={plan.sku} className="choice">
          <input type="radio" name={name} value={plan.sku} defaultChecked={i === 0} required /> {plan.name} —{" "}
          {money(plan.price)} a month
        </label>
      ))}
    </fieldset>
  );
}

export function PlaceOrderPage() {
  const [kind, setKind] = useState<Kind>("SIM");
  const [simType, setSimType] = useState<"physical" | "esim">("physical");
  const sim = useLoad(() => api.GET("/api/account/services/sim"), []);
  const vpn = useLoad(() => api.GET("/api/account/services/vpn"), []);
  const { csrf } = useSession();
  const { navigate } = useRouter();
  const order = useSubmit();
  const catalog = kind === "SIM" ? sim : vpn;
  const fee = catalog.data?.activationFee ?? null;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const items = [{ sku: String(f.get("plan")) }, ...(fee ? [{ sku: fee.sku }] : [])];
    const eid = String(f.get("eid") ?? "");
    const answer = await order.run((key) =>
      api.POST("/api/orders", {
        params: { header: { ...csrf(), "Idempotency-Key": key } },
        body:
          kind === "SIM"
            ? { orderType: "SIM", items, sim: simType === "esim" ? { type: "eSIM", eid } : { type: "physical" } }
            : { orderType: "VPN", items },
      }),
    );
    if (answer) navigate(`/orders/${answer.id}`);
  };
  const plans = kind === "SIM" ? (sim.data?.plans ?? []) : (vpn.data?.plans ?? []);
  return (
    <Page title="Order a service">
      <fieldset className="segmented">
        <legend>What would you like?</legend>
        {(["SIM", "VPN"] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />{" "}
            {k === "SIM" ? "A SIM or eSIM" : "A VPN"}
          </label>
        ))}
      </fieldset>
      <p className="quiet">
        Fibre Internet is ordered after an address check: <Link to="/support">ask support</Link>.
      </p>
      {catalog.loading && <Loading />}
      <ProblemMessage problem={catalog.problem} />
      {plans.length > 0 && (
        <form onSubmit={onSubmit} className="form" aria-busy={order.busy} key={kind}>
          <ProblemMessage problem={order.problem} />
          <PlanChoice plans={plans} name="plan" />
          {kind === "SIM" && (
            <fieldset>
              <legend>SIM type</legend>
              <label className="choice">
                <input type="radio" name="simType" checked={simType === "physical"} onChange={() => setSimType("physical")} />{" "}
                Physical SIM (sent by post)
              </label>
              <label className="choice">
                <input type="radio" name="simType" checked={simType === "esim"} onChange={() => setSimType("esim")} /> eSIM
              </label>
              {simType === "esim" && (
                <Field label="EID" name="eid" required inputMode="numeric" hint="32 digits, in your phone's settings." />
              )}
            </fieldset>
          )}
          {fee && (
            <p>
              One-time {fee.name}: {money(fee.price)}
            </p>
          )}
          <button type="submit" disabled={order.busy}>
            Place order
          </button>
        </form>
      )}
    </Page>
  );
}

export function OrdersPage() {
  const orders = useLoad(() => api.GET("/api/orders"), []);
  return (
    <Page title="Orders">
      {orders.loading && <Loading />}
      <ProblemMessage problem={orders.problem} />
      {orders.data && orders.data.items.length === 0 && <p>No orders yet.</p>}
      <ul className="list">
        {orders.data?.items.map((o) => (
          <li key={o.id}>
            <Link to={`/orders/${o.id}`}>Order {o.orderNumber}</Link> · {o.orderType ?? ""} · {money(o.totalAmount)} ·{" "}
            <span className="badge">{o.activationStatus ?? o.status}</span> · {date(o.createdAt)}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/order">Order a service</Link>
      </p>
    </Page>
  );
}

const SETTLED = new Set(["Activated", "Failed", "Cancelled"]);

/**
 * The order as it goes live: its own event stream (GET /api/orders/{id}/events) says when it changed, and the page
 * fetches it again then. Only while the stream is refused (retrying) does the page ask every few seconds instead.
 */
export function OrderPage({ id }: { id: string }) {
  const order = useLoad(() => api.GET("/api/orders/{order_id}", { params: { path: { order_id: id } } }), [id]);
  const settled = SETTLED.has(order.data?.activationStatus ?? "") || order.data?.status === "Cancelled";
  const live = useEventStream(settled ? null : `/api/orders/${encodeURIComponent(id)}/events`, (event) => {
    if (event.type === "order.updated" || event.type === "resync") order.reload();
  });
  useEffect(() => {
    if (settled || order.problem || live !== "retrying") return;
    const timer = window.setTimeout(order.reload, 5000);
    return () => window.clearTimeout(timer);
  }, [order.data, order.problem, settled, order.reload, live]);
  const o = order.data;
  return (
    <Page title={o ? `Order ${o.orderNumber}` : "Order"}>
      {order.loading && <Loading />}
      <ProblemMessage problem={order.problem} />
      {o && (
        <>
          <p role="status" aria-live="polite" className={o.activationStatus === "Activated" ? "success" : ""}>
            Status: <strong data-testid="order-status">{o.activationStatus ?? o.status}</strong>
            {o.activationStatus === "Activated"
              ? " — your service is live."
              : settled
                ? ""
                : live === "live"
                  ? " (live: this page updates by itself)"
                  : " (connecting for live updates…)"}
          </p>
          {o.errorCode && <p className="problem">{o.errorMessage ?? o.errorCode}</p>}
          <table>
            <caption>Items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Qty</th>
                <th scope="col">Price</th>
              </tr>
            </thead>
            <tbody>
              {o.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.name ?? item.sku}</th>
                  <td className="number">{item.quantity}</td>
                  <td className="number">{money(item.totalPrice)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Total {money(o.totalAmount)} · placed {date(o.createdAt)}
          </p>
        </>
      )}
      <p>
        <Link to="/orders">All orders</Link>
      </p>
    </Page>
  );
}
