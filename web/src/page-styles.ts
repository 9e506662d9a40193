// Every page's and component's stylesheet, loaded with the first file rather than with its page's
// chunk: together they are small (~7 KB gzipped), a page never waits for its CSS, and the cascade is
// the single-file build's. In that order, styles.css comes last and wins between rules of equal
// specificity (`.badge` over `.qa-critical`, `.muted` over `.theme-figure-sub`); a page's CSS loaded
// after it would turn that around. main.tsx imports this before styles.css. The order below is the
// order the pages imported them in; a stylesheet missing here still loads, with its page's chunk.
import "./pages/admin-notifications.css";
import "./pages/admin-page.css";
import "./pages/cases-page.css";
import "./pages/coaching-page.css";
import "./pages/consistency-page.css";
import "./components/driver-quadrant.css";
import "./pages/import-page.css";
import "./pages/initiatives-page.css";
import "./pages/management-report-page.css";
import "./components/analysis-pending.css";
import "./pages/qa-page.css";
import "./pages/taxonomy.css";
import "./components/team-chart.css";
import "./components/theme-page.css";
