import { useCallback, useEffect, useRef, useState } from "react";
import { newIdempotencyKey, type Problem } from "./api/client";

type Answer<T> = { data?: T; error?: Problem | undefined };
export type Shown = Problem | "network" | null;

/** Load a document when the page opens (and on reload()); a refused or failed fetch becomes a problem to show. */
export function useLoad<T>(load: () => Promise<Answer<T>>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Shown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (answer) => {
        if (!live) return;
        setData(answer.data);
        setProblem(answer.data === undefined ? (answer.error ?? "network") : null);
      },
      () => live && setProblem("network"),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, problem, reload, loading: data === undefined && problem === null };
}

/**
 * One form's submissions: busy while one is in flight (a second click does nothing), the problem of the last one,
 * and an Idempotency-Key that stays the same while a submission is retried and is fresh once it got an answer.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Shown>(null);
  const key = useRef(newIdempotencyKey());
  const run = useCallback(async <T,>(send: (idempotencyKey: string) => Promise<Answer<T>>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await send(key.current);
      key.current = newIdempotencyKey(); // answered: the next submission is a new one
      if (answer.data === undefined) setProblem(answer.error ?? "network");
      return answer.data;
    } catch {
      setProblem("network"); // no answer: a retry keeps the key, so it cannot act twice
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run, setProblem };
}
