import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { Problem } from "./api/client";
import { NETWORK_PROBLEM, PROBLEM_WORDS, UNKNOWN_PROBLEM } from "./api/problem-words";

/** "address.postcode" → "Postcode", "customerNumber" → "Customer number": the API's field paths in plain words. */
function fieldName(path: string): string {
  const last = path.split(".").pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the customer reads for a problem answer: plain words for its code, field details, the id to quote. */
export function ProblemMessage({ problem }: { problem: Problem | "network" | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  if (problem === "network") {
    return (
      <div className="problem" role="alert" tabIndex={-1} ref={ref}>
        {NETWORK_PROBLEM}
      </div>
    );
  }
  const words = PROBLEM_WORDS[problem.code] ?? UNKNOWN_PROBLEM;
  const fields = Object.entries(problem.errors ?? {});
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref} data-code={problem.code}>
      <p>{words}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              {fieldName(field)}: {message}
            </li>
          ))}
        </ul>
      )}
      {Object.entries(problem.links ?? {}).map(([relation, href]) => (
        <p key={relation}>
          <a href={href}>{relation === "addPaymentMethod" ? "Add a payment method" : relation}</a>
        </p>
      ))}
      {problem.requestId && <p className="quiet">Reference for support: {problem.requestId}</p>}
    </div>
  );
}

export function Field({ label, hint, ...input }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && (
        <small id={`${id}-hint`} className="quiet">
          {hint}
        </small>
      )}
    </div>
  );
}

export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Sakura Hikari`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

export function Loading() {
  return (
    <p role="status" className="quiet">
      Loading…
    </p>
  );
}
