import { type FormEvent } from "react";
import { api, date } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { Link } from "../router";
import { useSession } from "../session";
import { Field, Loading, Page, ProblemMessage } from "../ui";

const CATEGORIES = ["Technical", "Billing", "Account", "Other"] as const;
type Category = (typeof CATEGORIES)[number];

export function SupportPage() {
  const cases = useLoad(() => api.GET("/api/support/cases"), []);
  const { csrf } = useSession();
  const open = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const category = String(f.get("category")) as Category;
    const answer = await open.run((key) =>
      api.POST("/api/support/cases", {
        params: { header: { ...csrf(), "Idempotency-Key": key } },
        body: { subject: String(f.get("subject")), description: String(f.get("description")), category },
      }),
    );
    if (answer) {
      form.reset();
      cases.reload();
    }
  };
  return (
    <Page title="Support">
      <section aria-labelledby="new-case">
        <h2 id="new-case">Ask us something</h2>
        <form onSubmit={onSubmit} className="form" aria-busy={open.busy}>
          <ProblemMessage problem={open.problem} />
          <Field label="Subject" name="subject" required maxLength={255} />
          <div className="field">
            <label htmlFor="case-category">Topic</label>
            <select id="case-category" name="category" defaultValue="Technical">
              {CATEGORIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-description">What happened?</label>
            <textarea id="case-description" name="description" required rows={4} />
          </div>
          <button type="submit" disabled={open.busy}>
            Send to support
          </button>
        </form>
      </section>
      <section aria-labelledby="my-cases">
        <h2 id="my-cases">My cases</h2>
        {cases.loading && <Loading />}
        <ProblemMessage problem={cases.problem} />
        <ul className="list">
          {cases.data?.items.map((c) => (
            <li key={c.id}>
              <Link to={`/support/${c.id}`}>
                {c.caseNumber}: {c.subject ?? "(no subject)"}
              </Link>{" "}
              <span className={`badge ${c.isClosed ? "" : "good"}`}>{c.status}</span> · opened {date(c.createdAt)}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

export function CasePage({ id }: { id: string }) {
  const detail = useLoad(() => api.GET("/api/support/cases/{case_id}", { params: { path: { case_id: id } } }), [id]);
  const { csrf } = useSession();
  const comment = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = String(new FormData(form).get("body"));
    const answer = await comment.run((key) =>
      api.POST("/api/support/cases/{case_id}/comments", {
        params: { path: { case_id: id }, header: { ...csrf(), "Idempotency-Key": key } },
        body: { body },
      }),
    );
    if (answer) {
      form.reset();
      detail.reload();
    }
  };
  const c = detail.data;
  return (
    <Page title={c ? `Case ${c.caseNumber}` : "Support case"}>
      {detail.loading && <Loading />}
      <ProblemMessage problem={detail.problem} />
      {c && (
        <>
          <p>
            <strong>{c.subject}</strong> <span className="badge">{c.status}</span>
          </p>
          <p className="prewrap">{c.description}</p>
          <h2>Conversation</h2>
          <ol className="list">
            {c.comments.map((m) => (
              <li key={m.id}>
                <span className="quiet">
                  {m.fromCustomer ? "You" : "Support"}, {date(m.createdAt)}:
                </span>{" "}
                <span className="prewrap">{m.body}</span>
              </li>
            ))}
          </ol>
          {!c.isClosed && (
            <form onSubmit={onSubmit} className="form" aria-busy={comment.busy}>
              <ProblemMessage problem={comment.problem} />
              <div className="field">
                <label htmlFor="comment-body">Add a message</label>
                <textarea id="comment-body" name="body" required rows={3} />
              </div>
              <button type="submit" disabled={comment.busy}>
                Send message
              </button>
            </form>
          )}
        </>
      )}
      <p>
        <Link to="/support">All cases</Link>
      </p>
    </Page>
  );
}
