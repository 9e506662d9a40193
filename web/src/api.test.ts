import { describe, expect, it } from "vitest";
import { ApiError, retryAfterOf, SessionRequests } from "./api.ts";

describe("SessionRequests", () => {
  it("aborts the requests in flight when the session ends, and no longer counts them as its own", () => {
    const session = new SessionRequests();
    const a = session.start();
    const b = session.start();
    b.done();
    expect(session.pending).toBe(1);
    expect(a.current()).toBe(true);
    session.end();
    // The one still loading is aborted; a 401 it may still bring is not the next session's end.
    expect(a.signal.aborted).toBe(true);
    expect(a.current()).toBe(false);
    expect(b.signal.aborted).toBe(false);
    expect(session.pending).toBe(0);
    // Requests of the next session are its own, and are not aborted by the end of the one before.
    const c = session.start();
    expect(c.current()).toBe(true);
    expect(c.signal.aborted).toBe(false);
  });

  it("follows the caller's own signal, before and during the request", () => {
    const session = new SessionRequests();
    const outer = new AbortController();
    const r = session.start(outer.signal);
    expect(r.signal.aborted).toBe(false);
    outer.abort();
    expect(r.signal.aborted).toBe(true);
    const already = new AbortController();
    already.abort();
    expect(session.start(already.signal).signal.aborted).toBe(true);
    // Done, it no longer listens: a later abort of the caller's signal changes nothing here.
    const later = new AbortController();
    const s = session.start(later.signal);
    s.done();
    later.abort();
    expect(s.signal.aborted).toBe(false);
  });
});

describe("ApiError.busy", () => {
  it("is a 503 that asks to be tried again, not any 503 or any error", () => {
    const answer = (status: number, retryAfter?: string) =>
      new Response("{}", { status, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } });
    const error = (res: Response) => new ApiError(res.status, "x", null, undefined, retryAfterOf(res));
    expect(retryAfterOf(answer(503, "2"))).toBe(2);
    expect(error(answer(503, "2")).busy).toBe(true);
    // No Retry-After (e.g. /health/ready's 503), a date instead of seconds, or another status: not busy.
    expect(error(answer(503)).busy).toBe(false);
    expect(retryAfterOf(answer(503, "Wed, 21 Oct 2026 07:28:00 GMT"))).toBeNull();
    expect(error(answer(500, "2")).busy).toBe(false);
  });
});
