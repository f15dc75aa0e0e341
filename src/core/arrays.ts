// `target.push(...items)` passes every item as an argument, and past ~125,000 of them the call
// overflows the stack: every "add all of these" in the product goes through here instead.

/** Appends the items to the target, one by one; returns the target. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
