import { useState, type FormEvent } from "react";
import { api, date } from "../api/client";
import { useLoad, useSubmit } from "../hooks";
import { useAccountLive } from "../live";
import { useSession } from "../session";
import { Loading, Page, ProblemMessage } from "../ui";

const STATUS_WORDS: Record<string, string> = {
  "Not Submitted": "We have no ID from you yet.",
  Pending: "We are checking your documents. We will email you, usually within two business days.",
  Verified: "Your ID is verified.",
  Rejected: "We could not accept your documents. Please send new ones.",
};
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * ID verification: the status as the CRM has it, and an upload of a residence card's two sides (or one or two pages of
 * another document) as multipart. The API checks each file's bytes; the page only says the limits and sizes first.
 */
export function VerificationPage() {
  const { version } = useAccountLive();
  const status = useLoad(() => api.GET("/api/account/verification"), [version]);
  const { csrf } = useSession();
  const submit = useSubmit();
  const [document, setDocument] = useState<"residence_card" | "other">("residence_card");
  const [tooLarge, setTooLarge] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const files = ["front", "back"].map((name) => form.get(name)).filter((f): f is File => f instanceof File && f.size > 0);
    if (files.some((f) => f.size > MAX_BYTES)) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    const answer = await submit.run(() =>
      api.POST("/api/account/verification/documents", {
        params: { header: csrf() },
        // The generated type says strings for the binary parts; the body goes as multipart form data.
        body: { document, front: "", back: null },
        bodySerializer: () => {
          const body = new FormData();
          body.set("document", document);
          const [front, back] = files;
          if (front) body.set("front", front, front.name);
          if (back) body.set("back", back, back.name);
          return body;
        },
      }),
    );
    if (answer) status.reload();
  };
  const v = status.data;
  return (
    <Page title="ID verification">
      {status.loading && <Loading />}
      <ProblemMessage problem={status.problem} />
      {v && (
        <div role="status" className={v.status === "Verified" ? "success" : v.status === "Rejected" ? "problem" : "notice"}>
          <p data-testid="verification-status" data-status={v.status}>
            {STATUS_WORDS[v.status] ?? v.status}
          </p>
          {v.rejectionReason && <p>Reason: {v.rejectionReason}</p>}
          {v.submittedAt && <p className="quiet">Sent {date(v.submittedAt)}</p>}
        </div>
      )}
      {v?.canSubmit && (
        <form onSubmit={onSubmit} className="form" aria-busy={submit.busy}>
          <ProblemMessage problem={submit.problem} />
          <fieldset>
            <legend>Document</legend>
            <label className="choice">
              <input
                type="radio"
                name="document"
                checked={document === "residence_card"}
                onChange={() => setDocument("residence_card")}
              />{" "}
              Residence card (front and back)
            </label>
            <label className="choice">
              <input type="radio" name="document" checked={document === "other"} onChange={() => setDocument("other")} />{" "}
              Another document (one or two pages)
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="id-front">{document === "residence_card" ? "Front side" : "First page"}</label>
            <input id="id-front" name="front" type="file" accept="image/jpeg,image/png,application/pdf" required aria-describedby="id-files-hint" />
          </div>
          <div className="field">
            <label htmlFor="id-back">{document === "residence_card" ? "Back side" : "Second page (optional)"}</label>
            <input
              id="id-back"
              name="back"
              type="file"
              accept="image/jpeg,image/png,application/pdf"
              required={document === "residence_card"}
              aria-describedby="id-files-hint"
            />
          </div>
          <small id="id-files-hint" className="quiet">
            JPEG, PNG or PDF, at most 5 MB each. Photo details (location, camera) are removed before we keep them.
          </small>
          {tooLarge && (
            <p className="problem" role="alert">
              A file is larger than 5 MB. Please send a smaller photo or scan.
            </p>
          )}
          <button type="submit" disabled={submit.busy}>
            Send my documents
          </button>
        </form>
      )}
    </Page>
  );
}
