import { useEffect, useState, type FormEvent } from "react";
import { api, date } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { Link } from "../router";
import { useSession } from "../session";
import { Loading, Page, ProblemMessage } from "../ui";

const STATE_WORDS: Record<string, string> = {
  scheduled: "Cancellation requested",
  withdrawing: "Withdrawing the cancellation…",
  withdrawn: "Cancellation withdrawn",
  confirmed: "Cancellation confirmed (final)",
  completed: "Cancelled",
  needs_staff: "Cancellation requested; our staff are finishing it",
};

const LINE_RETURN: { value: "ship_back" | "collection" | "nothing_rented"; words: string }[] = [
  { value: "ship_back", words: "I will send the rented router and ONU back by post" },
  { value: "collection", words: "Please collect the rented equipment" },
  { value: "nothing_rented", words: "I rent no equipment" },
];

function moment(value: string): string {
  return new Date(value).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
}

/**
 * Cancel an Internet or SIM subscription at the end of a month the API offers now, with the cut-off said for each;
 * a cancellation is shown with its state and withdrawn until its cut-off. One Idempotency-Key per submission.
 */
export function CancellationPage({ id }: { id: number }) {
  const status = useLoad(
    () => api.GET("/api/subscriptions/{subscription_id}/cancellation", { params: { path: { subscription_id: id } } }),
    [id],
  );
  const { csrf } = useSession();
  const request = useSubmit();
  const withdraw = useSubmit();
  const [endDate, setEndDate] = useState<string>("");
  const s = status.data;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lineReturn = form.get("lineReturn");
    const answer = await request.run((key) =>
      api.POST("/api/subscriptions/{subscription_id}/cancellation", {
        params: { path: { subscription_id: id }, header: { ...csrf(), "Idempotency-Key": key } },
        body: {
          endDate: endDate || (s?.endDates[0]?.endDate ?? ""),
          moving: form.get("moving") === "on",
          lineReturn: s?.kind === "internet" && typeof lineReturn === "string" ? (lineReturn as (typeof LINE_RETURN)[number]["value"]) : null,
        },
      }),
    );
    if (answer) status.reload();
  };
  const onWithdraw = async () => {
    const answer = await withdraw.run(() =>
      api.POST("/api/subscriptions/{subscription_id}/cancellation/withdrawal", {
        params: { path: { subscription_id: id }, header: csrf() },
      }),
    );
    if (answer) status.reload();
  };
  const current = s?.current;
  // A withdrawal is carried out by the worker: the page asks again every 2 s until it has settled.
  useEffect(() => {
    if (current?.state !== "withdrawing") return;
    const timer = window.setTimeout(status.reload, 2000);
    return () => window.clearTimeout(timer);
  }, [current, status.reload]);
  return (
    <Page title="Cancel a service">
      {status.loading && <Loading />}
      <ProblemMessage problem={status.problem} />
      {current && current.state !== "withdrawn" && (
        <div role="status" className="notice" data-testid="cancellation" data-state={current.state}>
          <p>
            <strong>{STATE_WORDS[current.state] ?? current.state}</strong>: the service ends on {date(current.endDate)}.
          </p>
          {current.withdrawable ? (
            <>
              <p>You can change your mind until {moment(current.withdrawableUntil)} (Tokyo time).</p>
              <ProblemMessage problem={withdraw.problem} />
              <button type="button" onClick={onWithdraw} disabled={withdraw.busy}>
                Keep my service (withdraw the cancellation)
              </button>
            </>
          ) : current.state === "withdrawing" ? (
            <p>We are taking it back; this page updates when it is done.</p>
          ) : (
            <p>It can no longer be withdrawn.</p>
          )}
        </div>
      )}
      {s && s.endDates.length > 0 && (
        <form onSubmit={onSubmit} className="form" aria-busy={request.busy}>
          <ProblemMessage problem={request.problem} />
          <fieldset>
            <legend>Last day of the service</legend>
            {s.endDates.map((option, i) => (
              <label key={option.endDate} className="choice">
                <input
                  type="radio"
                  name="endDate"
                  value={option.endDate}
                  checked={(endDate || s.endDates[0]?.endDate) === option.endDate}
                  onChange={() => setEndDate(option.endDate)}
                />{" "}
                {date(option.endDate)}
                {i === 0 ? " (the earliest)" : ""} — you can withdraw until {moment(option.withdrawableUntil)}
              </label>
            ))}
          </fieldset>
          {s.kind === "internet" && (
            <fieldset>
              <legend>Rented equipment</legend>
              {LINE_RETURN.map((option, i) => (
                <label key={option.value} className="choice">
                  <input type="radio" name="lineReturn" value={option.value} defaultChecked={i === 0} required />{" "}
                  {option.words}
                </label>
              ))}
            </fieldset>
          )}
          <label className="choice">
            <input type="checkbox" name="moving" /> I am moving house
          </label>
          <p className="quiet">
            A service ends at the end of a month. Each month&apos;s choice closes at the end of its 25th day (Tokyo time).
          </p>
          <button type="submit" disabled={request.busy}>
            Request cancellation
          </button>
        </form>
      )}
      <p>
        <Link to="/subscriptions">All subscriptions</Link>
      </p>
    </Page>
  );
}
