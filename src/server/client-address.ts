import net from "node:net";
import type { Context } from "hono";

/** Where a request came from: the socket's peer, and the X-Forwarded-For header's entries if any. */
export interface RequestOrigin {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * The client's address for login throttling. Behind a reverse proxy every request arrives from the
 * proxy, so the proxy's X-Forwarded-For is used — but only when the socket's peer is one of the
 * trusted proxies (KOHTAAMO_TRUSTED_PROXIES, IPs or CIDRs), since anyone else can write that header.
 * The header is read from the right: each trusted proxy appends the address it received from, so
 * the right-most entry that is not itself a trusted proxy is the client; entries to its left were
 * written by the client and are ignored. An entry that is not an IP address ends the walk at the
 * last trusted hop. Without trusted proxies the socket's peer is the answer, whatever the header says.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): (origin: RequestOrigin) => string {
  const trusted = new net.BlockList();
  for (const entry of trustedProxies) {
    const [address = "", bits] = entry.split("/");
    const family = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  const isTrusted = (address: string) => {
    const family = net.isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
  };
  return ({ socketAddress, forwardedFor }) => {
    const socket = normalized(socketAddress ?? "") || "local";
    if (trustedProxies.length === 0 || !isTrusted(socket) || !forwardedFor) return socket;
    let client = socket;
    const hops = forwardedFor.split(",").map((hop) => normalized(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? "";
      if (net.isIP(hop) === 0) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}

/** The origin of a request served by @hono/node-server (all X-Forwarded-For headers, joined). */
export function requestOrigin(c: Context): RequestOrigin {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return {
    socketAddress: env?.incoming?.socket?.remoteAddress,
    forwardedFor: c.req.header("x-forwarded-for"),
  };
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) → `192.0.2.1`, so one client has one key. */
function normalized(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}
