/**
 * The privacy floor (docs/security.md): in what viewers, managers and agents are served, a group
 * built from fewer than `minGroup` answers or encounters is listed by its key with
 * `suppressed: true` and nothing else — no value, interval, test or count — so no one can read an
 * individual's answer from a breakdown. Analysts and admins, and the CLI (a local operator), get
 * the report as built. Each report entry in the registry declares how its groups are suppressed,
 * from the helpers here.
 */

/** Whether a group of n answers or encounters is below the floor. Empty groups hold no one's answer. */
export function belowFloor(n: number, minGroup: number): boolean {
  return n > 0 && n < minGroup;
}

/**
 * Primary and complementary suppression of a breakdown whose total is shown as well (NPS by agent
 * next to the overall NPS). Hiding only the small groups would not be enough there: the overall
 * minus the groups shown gives the hidden group back. So while the hidden groups together hold
 * fewer than `minGroup`, the smallest group still shown is hidden too (secondary suppression, as
 * statistical offices do).
 *
 * Example, floor 5: agents with 3, 20 and 57 answers → 3 and 20 are hidden (3 alone could be
 * recovered from the total), 57 is shown.
 */
export function hideSmallGroups<T, S>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  minGroup: number,
  hide: (item: T) => S,
  options: { complement: boolean },
): (T | S)[] {
  const hidden = items.map((item) => belowFloor(sizeOf(item), minGroup));
  if (options.complement) {
    const hiddenTotal = () => items.reduce((s, item, i) => s + (hidden[i] ? sizeOf(item) : 0), 0);
    while (belowFloor(hiddenTotal(), minGroup)) {
      let smallest = -1;
      items.forEach((item, i) => {
        if (hidden[i] || sizeOf(item) === 0) return;
        if (smallest < 0 || sizeOf(item) < sizeOf(items[smallest] as T)) smallest = i;
      });
      if (smallest < 0) break;
      hidden[smallest] = true;
    }
  }
  return items.map((item, i) => (hidden[i] ? hide(item) : item));
}

export function isSuppressed(item: object): item is { suppressed: true } {
  return "suppressed" in item && item.suppressed === true;
}
