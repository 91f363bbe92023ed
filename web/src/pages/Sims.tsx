import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, date, money, type Schemas } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { Link } from "../router";
import { useSession } from "../session";
import { Field, Loading, Page, ProblemMessage } from "../ui";

type Sim = Schemas["SimView"];
type TopUp = Schemas["TopUpOut"];

const MB_PER_GB = 1024;
const TOP_UP_GB = [1, 2, 3, 5, 10, 20, 50] as const; // within 100-51,200 MB: the API's bounds
const EID = /^\d{32}$/;

// The operations the API names in `pendingChanges` (application/ports/sim_models.py SimOperation).
const OPERATION_WORDS: Record<string, string> = {
  activate_physical: "SIM activation",
  activate_esim: "eSIM activation",
  voice_options: "Voice options change",
  network_type: "Network type change",
  reissue_esim: "eSIM reissue",
  plan_change: "Plan change",
  add_quota: "Data top-up",
  cancel: "Cancellation",
};

function mb(value: number): string {
  if (value < MB_PER_GB) return `${value} MB`;
  return value % MB_PER_GB === 0 ? `${value / MB_PER_GB} GB` : `${(value / MB_PER_GB).toFixed(1)} GB`;
}

function time(value: string): string {
  return new Date(value).toLocaleTimeString("ja-JP", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** One SIM: its line, its data, a top-up, voice options, network type and (eSIM) a reissue to a new device. */
export function SimPage({ id }: { id: number }) {
  const sim = useLoad(() => api.GET("/api/sims/{sim_id}", { params: { path: { sim_id: id } } }), [id]);
  const [current, setCurrent] = useState<Sim | undefined>(undefined);
  const [usageRound, setUsageRound] = useState(0); // a finished top-up shows in the figures at once
  const topUpFinished = useCallback(() => setUsageRound((r) => r + 1), []);
  useEffect(() => setCurrent(sim.data), [sim.data]);
  const s = current;
  return (
    <Page title={s ? `SIM ${s.msisdn}` : "SIM"}>
      {sim.loading && <Loading />}
      <ProblemMessage problem={sim.problem} />
      {s && (
        <>
          <Line sim={s} />
          {s.lineState === "active" && (
            <>
              <Usage id={id} round={usageRound} />
              <TopUpForm sim={s} finished={topUpFinished} />
              <PlanChangeSection sim={s} changed={sim.reload} />
              <VoiceOptions sim={s} changed={setCurrent} />
              <NetworkType sim={s} changed={setCurrent} />
              <Reissue sim={s} changed={setCurrent} />
            </>
          )}
        </>
      )}
      <p>
        <Link to="/subscriptions">All subscriptions</Link>
      </p>
    </Page>
  );
}

function Line({ sim }: { sim: Sim }) {
  return (
    <section aria-labelledby="line-heading">
      <h2 id="line-heading">Line</h2>
      <dl className="facts">
        <dt>Phone number</dt>
        <dd data-testid="msisdn">{sim.msisdn}</dd>
        <dt>Plan</dt>
        <dd>
          {sim.productName} ({sim.planCode})
        </dd>
        <dt>State</dt>
        <dd>
          <span className={`badge ${sim.lineState === "active" ? "good" : ""}`}>{sim.lineState}</span> · billing{" "}
          {sim.billingStatus}
        </dd>
        <dt>SIM</dt>
        <dd>{sim.form === "esim" ? "eSIM" : "Physical SIM card"}</dd>
        <dt>Network</dt>
        <dd data-testid="network-type">{sim.networkType}</dd>
        <dt>Since</dt>
        <dd>{date(sim.startedOn)}</dd>
      </dl>
      {sim.pendingChanges.length > 0 && (
        <div role="status" className="notice" data-testid="pending-changes">
          <p>Changes being applied (this takes a few minutes; a network switch up to 30 minutes):</p>
          <ul>
            {sim.pendingChanges.map((c) => (
              <li key={`${c.operation}${c.runsOn}`}>
                {OPERATION_WORDS[c.operation] ?? "A change by the network"}, from {date(c.runsOn)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="quiet">Read at {time(sim.asOf)}.</p>
    </section>
  );
}

/** Remaining data and recent days; the answer says when it was read and how old it may be (Freebit is not polled). */
function Usage({ id, round }: { id: number; round: number }) {
  const usage = useLoad(() => api.GET("/api/sims/{sim_id}/usage", { params: { path: { sim_id: id } } }), [id, round]);
  const u = usage.data;
  return (
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading">Data</h2>
      {usage.loading && <Loading />}
      <ProblemMessage problem={usage.problem} />
      {u && (
        <>
          <p className="figure-line">
            <span className="figure" data-testid="remaining">
              {mb(u.remainingMb)}
            </span>{" "}
            left · {mb(u.usedTodayMb)} used today
          </p>
          <p className="quiet" data-testid="usage-freshness">
            Figures as of {time(u.asOf)}; they may be up to {Math.round(u.maxAgeSeconds / 60)} minutes old.{" "}
            <button type="button" className="link" onClick={usage.reload}>
              Check again
            </button>
          </p>
          {u.recentDays.length > 0 && (
            <table>
              <caption>Recent days</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Used</th>
                </tr>
              </thead>
              <tbody>
                {u.recentDays.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{date(d.day)}</th>
                    <td className="number">{mb(d.usedMb)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

const STEPS: { step: TopUp["step"]; words: string }[] = [
  { step: "accepted", words: "Order received" },
  { step: "invoiced", words: "Invoice created" },
  { step: "paid", words: "Paid by your card on file" },
  { step: "data_added", words: "Data added to your SIM" },
];
const ORDER = ["accepted", "invoiced", "paid", "data_added", "notified"];

function stateWords(t: TopUp, sim: Sim): string {
  switch (t.state) {
    case "completed":
      return `Done: ${mb(t.quotaMb)} added, usable until ${date(t.expiresOn)}.`;
    case "payment_failed":
      return "Your card was refused, so nothing was charged and no data was added. Check your payment method and try again.";
    case "refunded":
      return "We could not add the data, so the amount was credited back to your account. Support has been told.";
    case "refund_pending":
      return "We could not add the data; the amount is being credited back to your account.";
    case "pending":
      if (t.step === "paid" && sim.pendingChanges.length > 0)
        return "Paid. Another change is running on this line; the data is added as soon as it finishes (up to 30 minutes).";
      return "In progress…";
  }
}

/** A data top-up: one Idempotency-Key per submission, then its saga followed step by step until it ends. */
function TopUpForm({ sim, finished }: { sim: Sim; finished: () => void }) {
  const { csrf } = useSession();
  const submit = useSubmit();
  const [gb, setGb] = useState<number>(1);
  const [topUpId, setTopUpId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const ended = useCallback(() => {
    setRunning(false);
    finished();
  }, [finished]);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const answer = await submit.run((key) =>
      api.POST("/api/sims/{sim_id}/top-ups", {
        params: { path: { sim_id: sim.id }, header: { ...csrf(), "Idempotency-Key": key } },
        body: { quotaMb: gb * MB_PER_GB },
      }),
    );
    if (answer) {
      setTopUpId(answer.id);
      setRunning(true);
    }
  };
  return (
    <section aria-labelledby="top-up-heading">
      <h2 id="top-up-heading">Buy more data</h2>
      <form onSubmit={onSubmit} className="form inline" aria-busy={submit.busy}>
        <ProblemMessage problem={submit.problem} />
        <div className="field">
          <label htmlFor="top-up-amount">Amount</label>
          <select id="top-up-amount" value={gb} onChange={(e) => setGb(Number(e.target.value))}>
            {TOP_UP_GB.map((g) => (
              <option key={g} value={g}>
                {g} GB — ¥{(g * 500).toLocaleString("ja-JP")}
              </option>
            ))}
          </select>
        </div>
        <p className="quiet">Charged to your card on file at once; the data lasts 31 days.</p>
        <button type="submit" disabled={submit.busy || running}>
          Buy data
        </button>
      </form>
      {topUpId && <FollowTopUp key={topUpId} sim={sim} topUpId={topUpId} ended={ended} />}
    </section>
  );
}

/** The saga as it stands, asked for every second while it runs (each step is recorded before it is attempted). */
function FollowTopUp({ sim, topUpId, ended }: { sim: Sim; topUpId: string; ended: () => void }) {
  const followed = useLoad(
    () => api.GET("/api/sims/{sim_id}/top-ups/{top_up_id}", { params: { path: { sim_id: sim.id, top_up_id: topUpId } } }),
    [topUpId],
  );
  const t = followed.data;
  const told = useRef(false);
  useEffect(() => {
    if (!t) return;
    if (t.state !== "pending") {
      if (!told.current) ended();
      told.current = true;
      return;
    }
    const timer = window.setTimeout(followed.reload, 1000);
    return () => window.clearTimeout(timer);
  }, [t, followed.reload, ended]);
  const reached = t ? ORDER.indexOf(t.step) : -1;
  return (
    <>
      <ProblemMessage problem={followed.problem} />
      {t && (
        <div className="top-up" data-testid="top-up" data-state={t.state} data-step={t.step}>
          <p role="status" aria-live="polite" className={t.state === "completed" ? "success" : t.state === "pending" ? "" : "problem"}>
            {mb(t.quotaMb)} for {money(t.price)}: {stateWords(t, sim)}
          </p>
          <ol className="steps" aria-label="Top-up steps">
            {STEPS.map(({ step, words }, i) => {
              const done = i <= reached && !(step === "data_added" && t.state !== "completed" && t.step !== "data_added");
              return (
                <li key={step} className={done ? "done" : ""}>
                  {words}
                  {step === "invoiced" && t.invoiceId ? ` (invoice ${t.invoiceId})` : ""}
                  <span className="visually-hidden">{done ? ": done" : ": not yet"}</span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </>
  );
}

type VoiceKey = "voiceMail" | "callWaiting" | "internationalRoaming";
const VOICE: { key: VoiceKey; label: string }[] = [
  { key: "voiceMail", label: "Voicemail" },
  { key: "callWaiting", label: "Call waiting" },
  { key: "internationalRoaming", label: "International roaming" },
];

function VoiceOptions({ sim, changed }: { sim: Sim; changed: (sim: Sim) => void }) {
  const { csrf } = useSession();
  const submit = useSubmit();
  const [done, setDone] = useState(false);
  if (!sim.voiceCapable || !sim.voiceOptions) {
    return (
      <section aria-labelledby="voice-heading">
        <h2 id="voice-heading">Voice options</h2>
        <p>This is a data-only plan: it has no voice line.</p>
      </section>
    );
  }
  const options = sim.voiceOptions;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Partial<Record<VoiceKey, boolean>> = {};
    for (const { key } of VOICE) {
      const wanted = form.get(key) === "on";
      if (wanted !== options[key]) body[key] = wanted; // only what changes
    }
    setDone(false);
    const answer = await submit.run(() =>
      api.PATCH("/api/sims/{sim_id}/voice-options", { params: { path: { sim_id: sim.id }, header: csrf() }, body }),
    );
    if (answer) {
      setDone(true);
      changed(answer);
    }
  };
  return (
    <section aria-labelledby="voice-heading">
      <h2 id="voice-heading">Voice options</h2>
      <form onSubmit={onSubmit} className="form" aria-busy={submit.busy} key={JSON.stringify(options)}>
        <ProblemMessage problem={submit.problem} />
        <fieldset>
          <legend>Switched on</legend>
          {VOICE.map(({ key, label }) => (
            <label key={key} className="choice">
              <input type="checkbox" name={key} defaultChecked={options[key]} /> {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={submit.busy}>
          Save voice options
        </button>
        {done && (
          <p role="status" className="success">
            Requested: the network applies it within a few minutes.
          </p>
        )}
      </form>
    </section>
  );
}

function NetworkType({ sim, changed }: { sim: Sim; changed: (sim: Sim) => void }) {
  const { csrf } = useSession();
  const submit = useSubmit();
  const other = sim.networkType === "4G" ? "5G" : "4G";
  const [done, setDone] = useState(false);
  const onClick = async () => {
    setDone(false);
    const answer = await submit.run(() =>
      api.PUT("/api/sims/{sim_id}/network-type", {
        params: { path: { sim_id: sim.id }, header: csrf() },
        body: { networkType: other },
      }),
    );
    if (answer) {
      setDone(true);
      changed(answer);
    }
  };
  return (
    <section aria-labelledby="network-heading">
      <h2 id="network-heading">Network type</h2>
      <ProblemMessage problem={submit.problem} />
      <p>
        Your SIM uses {sim.networkType}. Switching takes about 30 minutes, and no other change (or data top-up) can be
        made on the line meanwhile.
      </p>
      <button type="button" onClick={onClick} disabled={submit.busy}>
        Switch to {other}
      </button>
      {done && (
        <p role="status" className="success">
          Switch to {other} requested.
        </p>
      )}
    </section>
  );
}

function Reissue({ sim, changed }: { sim: Sim; changed: (sim: Sim) => void }) {
  const { csrf } = useSession();
  const submit = useSubmit();
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState(false);
  if (sim.form !== "esim") {
    return (
      <section aria-labelledby="reissue-heading">
        <h2 id="reissue-heading">New device</h2>
        <p>
          A physical SIM card is replaced by post: <Link to="/support">ask support</Link>.
        </p>
      </section>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const eid = String(new FormData(event.currentTarget).get("eid") ?? "").replace(/\s/g, "");
    setDone(false);
    if (!EID.test(eid)) {
      setInvalid(true); // told here at once; the API refuses it too (NEW_EID_INVALID)
      return;
    }
    setInvalid(false);
    const answer = await submit.run(() =>
      api.POST("/api/sims/{sim_id}/reissue", { params: { path: { sim_id: sim.id }, header: csrf() }, body: { eid } }),
    );
    if (answer) {
      setDone(true);
      changed(answer);
    }
  };
  return (
    <section aria-labelledby="reissue-heading">
      <h2 id="reissue-heading">Move your eSIM to a new device</h2>
      <form onSubmit={onSubmit} className="form" aria-busy={submit.busy} noValidate>
        <ProblemMessage problem={submit.problem} />
        <Field
          label="New device's EID"
          name="eid"
          inputMode="numeric"
          autoComplete="off"
          required
          aria-invalid={invalid}
          hint="32 digits: Settings → General → About on the new phone. Your current eSIM works until the new one is active."
        />
        {invalid && (
          <p className="problem" role="alert" data-testid="eid-invalid">
            An EID is exactly 32 digits. Please check it and try again.
          </p>
        )}
        <button type="submit" disabled={submit.busy}>
          Send a new eSIM profile
        </button>
        {done && (
          <p role="status" className="success">
            A new eSIM profile is on its way to that device.
          </p>
        )}
      </form>
    </section>
  );
}

type PlanChange = NonNullable<Sim["planChange"]>;

const PLAN_CHANGE_WORDS: Record<PlanChange["state"], string> = {
  scheduled: "Scheduled",
  applying: "Being applied",
  completed: "Done",
  cancelled: "Cancelled",
  failed: "Could not be made; our staff have been told",
};

function same(a: string, b: string): boolean {
  return a.replace(/\s/g, "").toLowerCase() === b.replace(/\s/g, "").toLowerCase();
}

/**
 * Another plan of the same kind from the first of next month (Tokyo): chosen from the account's SIM catalog, one
 * Idempotency-Key per submission; a scheduled change is shown and can be cancelled until its cut-off.
 */
function PlanChangeSection({ sim, changed }: { sim: Sim; changed: () => void }) {
  const { csrf } = useSession();
  const catalog = useLoad(() => api.GET("/api/account/services/sim"), []);
  const schedule = useSubmit();
  const cancel = useSubmit();
  const current = sim.planChange;
  // A SIM moves only to a plan of its own kind (voice, data + SMS, data): the kind of the catalog's plan of the
  // same name, or else what the line says of voice.
  const all = catalog.data?.plans ?? [];
  const kind = all.find((p) => same(p.name, sim.productName))?.planType;
  const plans = all.filter((p) =>
    kind ? p.planType === kind : sim.voiceCapable ? p.planType === "Voice" : p.planType !== "Voice",
  );
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const planSku = String(new FormData(event.currentTarget).get("planSku") ?? "");
    const answer = await schedule.run((key) =>
      api.POST("/api/sims/{sim_id}/plan-change", {
        params: { path: { sim_id: sim.id }, header: { ...csrf(), "Idempotency-Key": key } },
        body: { planSku },
      }),
    );
    if (answer) changed();
  };
  const onCancel = async () => {
    const answer = await cancel.run(() =>
      api.DELETE("/api/sims/{sim_id}/plan-change", { params: { path: { sim_id: sim.id }, header: csrf() } }),
    );
    if (answer) changed();
  };
  const open = current && (current.state === "scheduled" || current.state === "applying");
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">Plan</h2>
      {current && current.state !== "cancelled" && (
        <div role="status" className="notice" data-testid="plan-change" data-state={current.state}>
          <p>
            {PLAN_CHANGE_WORDS[current.state]}: from {current.fromPlan.name} to <strong>{current.toPlan.name}</strong>{" "}
            ({money(current.toPlan.monthlyPrice)} a month before tax) on {date(current.effectiveOn)}.
          </p>
          {current.cancellable && (
            <>
              <p>You can cancel this change until {new Date(current.cancellableUntil).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })} (Tokyo time).</p>
              <ProblemMessage problem={cancel.problem} />
              <button type="button" className="secondary" onClick={onCancel} disabled={cancel.busy}>
                Cancel the plan change
              </button>
            </>
          )}
        </div>
      )}
      {!open && (
        <form onSubmit={onSubmit} className="form" aria-busy={schedule.busy}>
          <ProblemMessage problem={schedule.problem ?? catalog.problem} />
          {catalog.loading && <Loading />}
          {plans.length > 0 && (
            <>
              <div className="field">
                <label htmlFor="plan-sku">New plan, from the first of next month</label>
                <select id="plan-sku" name="planSku" defaultValue={plans.find((p) => !same(p.name, sim.productName))?.sku}>
                  {plans.map((p) => (
                    <option key={p.sku} value={p.sku}>
                      {p.name} — {money(p.price)} a month{same(p.name, sim.productName) ? " (your plan)" : ""}
                    </option>
                  ))}
                </select>
              </div>
              <p className="quiet">While a plan change waits for its day, no other change can be made on the line.</p>
              <button type="submit" disabled={schedule.busy}>
                Change plan
              </button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
