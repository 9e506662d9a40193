import { randomUUID } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence that keeps ids
 * made within one millisecond in order (method 3 of the RFC: when it runs out, the clock part moves
 * on by a millisecond), then 62 random bits taken from a version 4 UUID. Ids made one after another
 * sort in that order, so a batch's rows go to the right-hand end of their indexes instead of
 * scattering over them (cases, whose id is also the key case_history's foreign key looks up).
 * Example: 0193a1b2-c3d4-7000-9f3e-5a6b7c8d9e0f.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, "0");
  // randomUUID: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; its last 17 characters keep the variant bits.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, "0")}-${randomUUID().slice(19)}`;
}
