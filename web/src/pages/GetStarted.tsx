import { useState, type FormEvent } from "react";
import { api, type Schemas } from "../api/client";
import { useSubmit } from "../hooks";
import { Link, useRouter } from "../router";
import { optionalCsrf, useSession } from "../session";
import { Field, Page, ProblemMessage } from "../ui";

type Verified = Schemas["EmailVerified"];

function values(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  return Object.fromEntries([...new FormData(event.currentTarget)].map(([k, v]) => [k, String(v)]));
}

/**
 * Get started with an email code: the address is proven first (a six-digit code mailed to it), then the answer
 * says what comes next — a new customer gives their details here, an address that already has a billing or a
 * portal login is sent to link it or to log in. The proof lives in this page's memory only.
 */
export function GetStartedPage() {
  const [email, setEmail] = useState<string | null>(null);
  const [verified, setVerified] = useState<Verified | null>(null);
  return (
    <Page title="Get started">
      {email === null ? (
        <SendCode sent={setEmail} />
      ) : verified === null ? (
        <VerifyCode email={email} verified={setVerified} startAgain={() => setEmail(null)} />
      ) : verified.nextStep === "signUp" && verified.proof ? (
        <Complete email={email} proof={verified.proof} />
      ) : verified.nextStep === "linkBilling" ? (
        <p role="status" className="notice">
          {email} already has a billing login with us. <Link to="/link">Link it</Link> to use it here.
        </p>
      ) : (
        <p role="status" className="notice">
          {email} already has a portal login. <Link to="/login">Log in</Link> or{" "}
          <Link to="/reset-password">reset your password</Link>.
        </p>
      )}
    </Page>
  );
}

function SendCode({ sent }: { sent: (email: string) => void }) {
  const { session } = useSession();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const email = values(event)["email"] ?? "";
    const answer = await run(() =>
      api.POST("/api/auth/get-started/code", { params: { header: optionalCsrf(session) }, body: { email } }),
    );
    if (answer) sent(email);
  };
  return (
    <>
      <p>New to Sakura Hikari? Start with your email address: we send it a code to prove it is yours.</p>
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <Field label="Email address" name="email" type="email" required autoComplete="email" />
        <button type="submit" disabled={busy}>
          Send me a code
        </button>
      </form>
      <p>
        Have a customer number from your contract? <Link to="/signup">Sign up with it</Link>.
      </p>
    </>
  );
}

function VerifyCode({
  email,
  verified,
  startAgain,
}: {
  email: string;
  verified: (answer: Verified) => void;
  startAgain: () => void;
}) {
  const { session } = useSession();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const code = (values(event)["code"] ?? "").replace(/\s/g, "");
    const answer = await run(() =>
      api.POST("/api/auth/get-started/verify", { params: { header: optionalCsrf(session) }, body: { email, code } }),
    );
    if (answer) verified(answer);
  };
  return (
    <>
      <p role="status" className="success">
        We have sent a six-digit code to {email}. It works for 10 minutes, and for three tries.
      </p>
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <Field
          label="Code from the email"
          name="code"
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*\d{6}\s*"
          maxLength={8}
        />
        <button type="submit" disabled={busy}>
          Check the code
        </button>
      </form>
      <p>
        No email? Check your spam folder, or{" "}
        <button type="button" className="link" onClick={startAgain}>
          use another address
        </button>
        .
      </p>
    </>
  );
}

function Complete({ email, proof }: { email: string; proof: string }) {
  const { session, signedIn } = useSession();
  const { navigate } = useRouter();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const f = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/get-started/complete", {
        params: { header: optionalCsrf(session) },
        body: {
          proof,
          password: f["password"] ?? "",
          lastName: f["lastName"] ?? "",
          firstName: f["firstName"] ?? "",
          phone: f["phone"] ?? "",
          address: {
            postcode: f["postcode"] ?? "",
            prefecture: f["prefecture"] ?? "",
            city: f["city"] ?? "",
            street: f["street"] ?? "",
          },
          checkInternetAvailability: f["checkInternetAvailability"] === "on",
          notes: f["notes"] ?? "",
        },
      }),
    );
    if (answer) {
      signedIn(answer);
      navigate("/dashboard");
    }
  };
  return (
    <>
      <p role="status" className="success">
        {email} is confirmed. A few details, and you are a customer.
      </p>
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <div className="row">
          <Field label="Family name" name="lastName" required autoComplete="family-name" />
          <Field label="Given name" name="firstName" required autoComplete="given-name" />
        </div>
        <Field label="Phone" name="phone" type="tel" required autoComplete="tel" placeholder="090-1234-5678" />
        <fieldset>
          <legend>Address</legend>
          <Field label="Postcode" name="postcode" required autoComplete="postal-code" placeholder="150-0001" />
          <Field label="Prefecture" name="prefecture" required autoComplete="address-level1" placeholder="東京都" />
          <Field label="City or ward" name="city" required autoComplete="address-level2" placeholder="渋谷区" />
          <Field label="Street" name="street" required autoComplete="address-line1" placeholder="神宮前1-2-3" />
        </fieldset>
        <label className="choice">
          <input type="checkbox" name="checkInternetAvailability" /> Check whether fibre Internet is available at this
          address
        </label>
        <div className="field">
          <label htmlFor="get-started-notes">Anything we should know? (optional)</label>
          <textarea id="get-started-notes" name="notes" rows={3} maxLength={1000} />
        </div>
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <button type="submit" disabled={busy}>
          Become a customer
        </button>
      </form>
    </>
  );
}
