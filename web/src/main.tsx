import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { I18nProvider } from "./i18n/i18n-context.tsx";
import { preloadPage } from "./pages.tsx";
// The stylesheets, in cascade order: of two rules of equal specificity, the one loaded later wins.
// First styles.css: the tokens, the elements and the shared components (.button, .badge, .card …).
// Then every page's and component's own stylesheet (page-styles.ts): a page's modifier of a shared
// component wins without raising its specificity (class="badge qa-critical" shows the critical
// colour, class="button button-danger" looks destructive), as does a page stylesheet that loads
// later with its page's chunk. Last utilities.css (.muted, .small, …): added to one element to make it
// differ (class="theme-figure-sub muted"), they win over both.
import "./styles.css";
import "./page-styles.ts";
import "./utilities.css";

// The page the app opens at: its code is fetched while the session is checked (each page is a chunk
// of its own, pages.tsx), not after; a signed-out visitor signs in first and meets it fetched.
preloadPage(location.pathname);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
