import { useCallback, useEffect, useState } from "react";

/**
 * A router the size of the need: pages are paths, filters are the query string, both live in the
 * address bar so any view can be shared as a link. Back and forward work through popstate.
 */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return url;
}

const NAVIGATE_EVENT = "kohtaamo:navigate";

/** Goes to a path (keeping the query unless given), pushing a history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = new URL(to, location.href);
  if (target.href === location.href) return;
  if (options.replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The query's values, and a setter that writes changes back to the address (empty values removed). */
export function useQuery(): [
  URLSearchParams,
  (changes: Record<string, string | null>, options?: { replace?: boolean }) => void,
] {
  const url = useLocation();
  const set = useCallback((changes: Record<string, string | null>, options: { replace?: boolean } = {}) => {
    const next = new URL(location.href);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.searchParams.delete(k);
      else next.searchParams.set(k, v);
    }
    navigate(next.href, options);
  }, []);
  return [url.searchParams, set];
}
