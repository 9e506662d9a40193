import { describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { clientAddressResolver } from "./client-address.ts";

describe("the client address for login throttling", () => {
  const behindProxies = clientAddressResolver(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]);

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const direct = clientAddressResolver([]);
    expect(direct({ socketAddress: "10.1.2.3", forwardedFor: "203.0.113.9" })).toBe("10.1.2.3");
    expect(direct({ socketAddress: "::ffff:198.51.100.4", forwardedFor: undefined })).toBe("198.51.100.4");
    expect(direct({ socketAddress: undefined, forwardedFor: undefined })).toBe("local");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(behindProxies({ socketAddress: "198.51.100.4", forwardedFor: "203.0.113.9" })).toBe(
      "198.51.100.4",
    );
  });

  it("takes the right-most address that is not a trusted proxy, from a trusted one", () => {
    expect(behindProxies({ socketAddress: "10.0.0.5", forwardedFor: "203.0.113.9" })).toBe("203.0.113.9");
    // The client wrote the left entry itself; the proxies appended the rest.
    expect(
      behindProxies({ socketAddress: "::ffff:10.0.0.5", forwardedFor: "1.1.1.1, 203.0.113.9, 192.0.2.1" }),
    ).toBe("203.0.113.9");
    expect(behindProxies({ socketAddress: "2001:db8::7", forwardedFor: "2001:db8::8, 2a00:1450::1" })).toBe(
      "2a00:1450::1",
    );
    // Every hop a trusted proxy: the left-most is as far as anyone can tell.
    expect(behindProxies({ socketAddress: "10.0.0.5", forwardedFor: "10.9.9.9, 192.0.2.1" })).toBe(
      "10.9.9.9",
    );
  });

  it("stops at the last trusted hop when an entry is not an address", () => {
    expect(behindProxies({ socketAddress: "10.0.0.5", forwardedFor: "203.0.113.9, unknown" })).toBe(
      "10.0.0.5",
    );
    expect(behindProxies({ socketAddress: "10.0.0.5", forwardedFor: "garbage, 10.0.0.6" })).toBe("10.0.0.6");
  });

  it("is configured with KOHTAAMO_TRUSTED_PROXIES, and a bad entry is named at start", () => {
    expect(parseConfig({ KOHTAAMO_TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ,192.0.2.1" }).trustedProxies).toEqual([
      "10.0.0.0/8",
      "::1",
      "192.0.2.1",
    ]);
    expect(parseConfig({}).trustedProxies).toEqual([]);
    for (const bad of ["proxy.example.org", "10.0.0.0/33", "10.0.0.1/8/1", "::1/129"]) {
      expect(() => parseConfig({ KOHTAAMO_TRUSTED_PROXIES: `127.0.0.1,${bad}` }), bad).toThrow(
        `KOHTAAMO_TRUSTED_PROXIES: "${bad}" is not an IP address or CIDR range`,
      );
    }
  });
});
