/** An answer other than 2xx, with the API's own message and request id when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId: string | null,
    /** The error's `details` when the API sent them (e.g. which fields or patterns are wrong). */
    readonly details?: unknown,
    /** Seconds the server asked to wait before trying again (its Retry-After), when it said. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }

  /** The server was too busy for the request (503 with Retry-After): nothing was done, try again. */
  get busy(): boolean {
    return this.status === 503 && this.retryAfterS !== null;
  }
}

/** The Retry-After header in seconds, or null when there is none (or it is a date). */
export function retryAfterOf(res: Response): number | null {
  const value = res.headers.get("retry-after");
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

let csrfToken: string | null = null;

/** Remembered from sign-in or /auth/me: writes made with the session cookie must echo it. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Listeners told when the session has ended (any 401), so the app can show the sign-in page. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * The requests of one session. Signing out ends them: those still in flight are aborted, and one that
 * answers 401 all the same (it reached the server after the sign-out) is not taken for the end of the
 * next session — otherwise a page still loading when its user signed out would greet them with
 * "session ended" on the sign-in page, or sign out the user who had just signed in again.
 */
export class SessionRequests {
  private generation = 0;
  private readonly inFlight = new Set<AbortController>();

  /** A request of the current session: its signal (aborted when the session ends or `outer` aborts). */
  start(outer?: AbortSignal): { signal: AbortSignal; current(): boolean; done(): void } {
    const controller = new AbortController();
    const started = this.generation;
    const abort = () => controller.abort();
    if (outer?.aborted) controller.abort();
    else outer?.addEventListener("abort", abort);
    this.inFlight.add(controller);
    return {
      signal: controller.signal,
      current: () => started === this.generation,
      done: () => {
        this.inFlight.delete(controller);
        outer?.removeEventListener("abort", abort);
      },
    };
  }

  /** Ends the session's requests (signing out). */
  end(): void {
    this.generation++;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }

  /** Requests in flight (for tests). */
  get pending(): number {
    return this.inFlight.size;
  }
}

const session = new SessionRequests();

/** Signing out: the requests still in flight are aborted and their 401s no longer end a session. */
export function endSessionRequests(): void {
  session.end();
}

/** Calls the API under /api/v1 and parses its JSON; errors become ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; quietUnauthenticated?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.method && init.method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const request = session.start(init.signal);
  let res: Response;
  let text: string;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: request.signal,
      credentials: "same-origin",
    });
    text = await res.text();
  } finally {
    request.done();
  }
  const body = jsonOf(text);
  if (!res.ok) {
    if (res.status === 401 && !init.quietUnauthenticated && request.current())
      for (const l of signedOutListeners) l();
    throw apiErrorOf(res, body);
  }
  return body as T;
}

/** An answer's body as JSON, or null when it is empty or not JSON. */
export function jsonOf(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The ApiError of an answer other than 2xx: the API's message, request id, details and Retry-After. */
export function apiErrorOf(res: Response, body: unknown): ApiError {
  const error = (body as { error?: { message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    res.status,
    error?.message ?? `HTTP ${res.status}`,
    res.headers.get("x-request-id"),
    error?.details,
    retryAfterOf(res),
  );
}

/** A query string from the values that are set. */
export function query(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
