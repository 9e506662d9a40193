// Every page's and component's stylesheet, loaded with the first file rather than with its page's
// chunk: together they are small (~7 KB gzipped) and a page never waits for its CSS. main.tsx imports
// this after styles.css and before utilities.css, so a page's rule wins over a shared one of equal
// specificity (`.qa-critical` over `.badge`, `.button-danger` over `.button`) and a utility wins over
// a page's (`.muted` over `.theme-figure-sub`). A stylesheet missing here still loads, with its page's
// chunk, after styles.css as here: only a utility's tie with it would turn the other way. The order
// below is the order the pages imported them in; it decides ties between two pages' stylesheets.
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
