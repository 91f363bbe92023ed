import { type ReactNode } from "react";
import { api } from "./api/client";
import { AccountPage, InvoicesPage, SubscriptionsPage } from "./pages/Account";
import { LinkPage, LoginPage, ResetPasswordPage, SignUpPage } from "./pages/Auth";
import { CancellationPage } from "./pages/Cancellation";
import { CatalogPage } from "./pages/Catalog";
import { DashboardPage, NotificationsLink, NotificationsPage } from "./pages/Dashboard";
import { GetStartedPage } from "./pages/GetStarted";
import { SimPage } from "./pages/Sims";
import { VerificationPage } from "./pages/Verification";
import { OrderPage, OrdersPage, PlaceOrderPage } from "./pages/Orders";
import { CasePage, SupportPage } from "./pages/Support";
import { Link, useRouter } from "./router";
import { useSession } from "./session";
import { Loading, Page } from "./ui";

function Header() {
  const { session, csrf, signedOut } = useSession();
  const { navigate } = useRouter();
  const logOut = async () => {
    await api.POST("/api/auth/logout", { params: { header: csrf() } }).catch(() => undefined);
    signedOut();
    navigate("/");
  };
  return (
    <header className="top">
      <Link to="/" className="brand">
        Sakura Hikari
      </Link>
      <nav aria-label="Main">
        <Link to="/">Services</Link>
        {session?.authenticated ? (
          <>
            <Link to="/dashboard">Dashboard</Link>
            <NotificationsLink />
            <Link to="/account">Account</Link>
            <Link to="/invoices">Invoices</Link>
            <Link to="/subscriptions">Subscriptions</Link>
            <Link to="/orders">Orders</Link>
            <Link to="/support">Support</Link>
            <button type="button" className="link" onClick={logOut}>
              Log out
            </button>
          </>
        ) : (
          <>
            <Link to="/get-started">Get started</Link>
            <Link to="/login">Log in</Link>
            <Link to="/signup">Sign up</Link>
          </>
        )}
      </nav>
    </header>
  );
}

function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const { location } = useRouter();
  if (session === null) return <Loading />;
  if (!session.authenticated) {
    return (
      <Page title="Please log in">
        <p>
          This page is for customers. <Link to={`/login?next=${encodeURIComponent(location.path)}`}>Log in</Link> or{" "}
          <Link to="/signup">sign up</Link>.
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}

function route(path: string): ReactNode {
  const caseMatch = /^\/support\/([^/]+)$/.exec(path);
  const orderMatch = /^\/orders\/([^/]+)$/.exec(path);
  const simMatch = /^\/sims\/(\d+)$/.exec(path);
  const cancelMatch = /^\/subscriptions\/(\d+)\/cancel$/.exec(path);
  switch (path) {
    case "/":
      return <CatalogPage />;
    case "/login":
      return <LoginPage />;
    case "/get-started":
      return <GetStartedPage />;
    case "/signup":
      return <SignUpPage />;
    case "/link":
      return <LinkPage />;
    case "/reset-password":
      return <ResetPasswordPage />;
    case "/dashboard":
      return <SignedIn><DashboardPage /></SignedIn>;
    case "/notifications":
      return <SignedIn><NotificationsPage /></SignedIn>;
    case "/verification":
      return <SignedIn><VerificationPage /></SignedIn>;
    case "/account":
      return <SignedIn><AccountPage /></SignedIn>;
    case "/invoices":
      return <SignedIn><InvoicesPage /></SignedIn>;
    case "/subscriptions":
      return <SignedIn><SubscriptionsPage /></SignedIn>;
    case "/support":
      return <SignedIn><SupportPage /></SignedIn>;
    case "/order":
      return <SignedIn><PlaceOrderPage /></SignedIn>;
    case "/orders":
      return <SignedIn><OrdersPage /></SignedIn>;
  }
  if (caseMatch?.[1]) return <SignedIn><CasePage id={decodeURIComponent(caseMatch[1])} /></SignedIn>;
  if (cancelMatch?.[1]) return <SignedIn><CancellationPage id={Number(cancelMatch[1])} /></SignedIn>;
  if (simMatch?.[1]) return <SignedIn><SimPage id={Number(simMatch[1])} /></SignedIn>;
  if (orderMatch?.[1]) return <SignedIn><OrderPage id={decodeURIComponent(orderMatch[1])} /></SignedIn>;
  return (
    <Page title="Page not found">
      <p>
        There is no page here. <Link to="/">Back to our services</Link>.
      </p>
    </Page>
  );
}

export function App() {
  const { location } = useRouter();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {route(location.path)}
      </main>
      <footer className="quiet">Sakura Hikari Networks · 東京</footer>
    </>
  );
}
