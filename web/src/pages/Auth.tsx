import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useSubmit } from "../hooks";
import { Link, useRouter } from "../router";
import { optionalCsrf, useSession } from "../session";
import { Field, Page, ProblemMessage } from "../ui";

function values(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  return Object.fromEntries([...new FormData(event.currentTarget)].map(([k, v]) => [k, String(v)]));
}

export function LoginPage() {
  const { session, signedIn } = useSession();
  const { navigate, location } = useRouter();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const form = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/login", {
        params: { header: optionalCsrf(session) },
        body: { email: form["email"] ?? "", password: form["password"] ?? "" },
      }),
    );
    if (answer) {
      signedIn(answer);
      const next = location.query.get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/dashboard");
    }
  };
  return (
    <Page title="Log in">
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <Field label="Email address" name="email" type="email" autoComplete="username" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          Log in
        </button>
      </form>
      <p>
        <Link to="/reset-password">Forgot your password?</Link> · <Link to="/signup">Sign up</Link> ·{" "}
        <Link to="/link">Link your existing billing login</Link>
      </p>
    </Page>
  );
}

export function SignUpPage() {
  const { session, signedIn } = useSession();
  const { navigate } = useRouter();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const f = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/signup", {
        params: { header: optionalCsrf(session) },
        body: {
          customerNumber: f["customerNumber"] ?? "",
          email: f["email"] ?? "",
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
        },
      }),
    );
    if (answer) {
      signedIn(answer);
      navigate("/account");
    }
  };
  return (
    <Page title="Sign up">
      <p>Use the customer number from your contract letter (for example SH-100003).</p>
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <Field label="Customer number" name="customerNumber" required placeholder="SH-100003" autoComplete="off" />
        <div className="row">
          <Field label="Family name" name="lastName" required autoComplete="family-name" />
          <Field label="Given name" name="firstName" required autoComplete="given-name" />
        </div>
        <Field label="Email address" name="email" type="email" required autoComplete="email" />
        <Field label="Phone" name="phone" type="tel" required autoComplete="tel" placeholder="090-1234-5678" />
        <fieldset>
          <legend>Address</legend>
          <Field label="Postcode" name="postcode" required autoComplete="postal-code" placeholder="160-0022" />
          <Field label="Prefecture" name="prefecture" required autoComplete="address-level1" placeholder="Tokyo" />
          <Field label="City or ward" name="city" required autoComplete="address-level2" placeholder="Shinjuku-ku" />
          <Field label="Street" name="street" required autoComplete="address-line1" placeholder="3-1-1 Shinjuku" />
        </fieldset>
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <button type="submit" disabled={busy}>
          Create my login
        </button>
      </form>
    </Page>
  );
}

export function LinkPage() {
  const { session, signedIn } = useSession();
  const { navigate } = useRouter();
  const { busy, problem, run } = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    const f = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/link", {
        params: { header: optionalCsrf(session) },
        body: { email: f["email"] ?? "", password: f["password"] ?? "", newPassword: f["newPassword"] ?? "" },
      }),
    );
    if (answer) {
      signedIn(answer);
      navigate("/account");
    }
  };
  return (
    <Page title="Link your billing login">
      <p>Already pay your bills online with us? Sign in with that login once; it becomes your portal login.</p>
      <form onSubmit={onSubmit} className="form" aria-busy={busy}>
        <ProblemMessage problem={problem} />
        <Field label="Billing login email" name="email" type="email" required autoComplete="username" />
        <Field label="Billing password" name="password" type="password" required autoComplete="current-password" />
        <Field
          label="New portal password"
          name="newPassword"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <button type="submit" disabled={busy}>
          Link and log in
        </button>
      </form>
    </Page>
  );
}

export function ResetPasswordPage() {
  const { session } = useSession();
  const { location } = useRouter();
  const token = location.query.get("token");
  const { busy, problem, run } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const onRequest = async (event: FormEvent<HTMLFormElement>) => {
    const f = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/password-reset", {
        params: { header: optionalCsrf(session) },
        body: { email: f["email"] ?? "" },
      }),
    );
    if (answer) setDone("If that address has a login, we have sent it a link. It works once, for a short time.");
  };
  const onConfirm = async (event: FormEvent<HTMLFormElement>) => {
    const f = values(event);
    const answer = await run(() =>
      api.POST("/api/auth/password-reset/confirm", {
        params: { header: optionalCsrf(session) },
        body: { token: token ?? "", newPassword: f["newPassword"] ?? "" },
      }),
    );
    if (answer) setDone("Your password is changed. Log in with the new one.");
  };
  return (
    <Page title={token ? "Choose a new password" : "Reset your password"}>
      {done ? (
        <p role="status" className="success">
          {done} {token && <Link to="/login">Log in</Link>}
        </p>
      ) : token ? (
        <form onSubmit={onConfirm} className="form" aria-busy={busy}>
          <ProblemMessage problem={problem} />
          <Field label="New password" name="newPassword" type="password" required autoComplete="new-password" />
          <button type="submit" disabled={busy}>
            Set password
          </button>
        </form>
      ) : (
        <form onSubmit={onRequest} className="form" aria-busy={busy}>
          <ProblemMessage problem={problem} />
          <Field label="Email address" name="email" type="email" required autoComplete="email" />
          <button type="submit" disabled={busy}>
            Send me a link
          </button>
        </form>
      )}
    </Page>
  );
}
