import { type KeyboardEvent, useRef } from "react";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { CalibrationPanel } from "./qa-calibration.tsx";
import { ReviewPanel } from "./qa-review-form.tsx";
import { ScorecardsPanel } from "./qa-scorecards.tsx";
import { OverridesPanel, TrendPanel } from "./qa-trend.tsx";
import "./qa-page.css";

const ALL_TABS = ["review", "calibration", "trend", "overrides", "scorecards"] as const;
type Tab = (typeof ALL_TABS)[number];

/** The sections a role works with: agents read their own trend; reviewers score; admins and analysts also edit scorecards. */
function tabsFor(role: string): readonly Tab[] {
  if (role === "agent") return ["trend"];
  if (role === "manager") return ["review", "calibration", "trend", "overrides"];
  return ALL_TABS;
}

/** /qa: quality reviews with AutoQA, calibration rounds, agents' trend, overrides and scorecards (issue 12). */
export function QaPage() {
  const { t } = useI18n();
  const me = useMe();
  const [query, setQuery] = useQuery();
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  if (me && !(PAGE_ROLES.readQuality as readonly string[]).includes(me.role)) {
    return (
      <>
        <h1>{t("qa.title")}</h1>
        <p className="status status-empty">{t("qa.notAllowed")}</p>
      </>
    );
  }
  const tabs = tabsFor(me?.role ?? "agent");
  const asked = query.get("view") as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : (tabs[0] as Tab);
  const choose = (next: Tab, focus = false) => {
    setQuery({ view: next === tabs[0] ? null : next, round: null }, { replace: true });
    if (focus) tabRefs.current.get(next)?.focus();
  };
  // Arrow keys move between the tabs, Home and End to the first and last (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? tabs[(i + 1) % tabs.length]
        : event.key === "ArrowLeft"
          ? tabs[(i + tabs.length - 1) % tabs.length]
          : event.key === "Home"
            ? tabs[0]
            : event.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    choose(next, true);
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("qa.title")}</h1>
          <p className="muted">{t(me?.role === "agent" ? "qa.introAgent" : "qa.intro")}</p>
        </div>
      </div>
      {tabs.length > 1 ? (
        <div className="qa-tabs" role="tablist" aria-label={t("qa.sections")} onKeyDown={onKeyDown}>
          {tabs.map((id) => (
            <button
              key={id}
              ref={(el) => {
                if (el) tabRefs.current.set(id, el);
              }}
              type="button"
              role="tab"
              id={`qa-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`qa-panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              className="qa-tab"
              onClick={() => choose(id)}
            >
              {t(`qa.tab.${id}` as MessageKey)}
            </button>
          ))}
        </div>
      ) : null}
      <section
        className="qa-panel"
        {...(tabs.length > 1
          ? { role: "tabpanel", id: `qa-panel-${tab}`, "aria-labelledby": `qa-tab-${tab}` }
          : { "aria-label": t(`qa.tab.${tab}` as MessageKey) })}
      >
        {tab === "review" ? <ReviewPanel /> : null}
        {tab === "calibration" ? <CalibrationPanel /> : null}
        {tab === "trend" ? <TrendPanel /> : null}
        {tab === "overrides" ? <OverridesPanel /> : null}
        {tab === "scorecards" ? <ScorecardsPanel /> : null}
      </section>
    </>
  );
}
