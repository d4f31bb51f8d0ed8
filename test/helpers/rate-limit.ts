// Checks that a client paused after a 429, from the server's side, without a timing margin:
// requests that had already left the client when it learned of the 429 may still arrive during
// the pause, so they are counted (from the client's own send times) rather than guessed by delay.

/**
 * How many requests reached the server in (`from`, `until`) beyond those already on the wire:
 * sent by the client at or before `clientKnewBy` and not yet arrived at `from`. 0 when the
 * client sent nothing new in that window.
 */
export function arrivalsBeyondOnTheWire(
  arrivals: readonly number[],
  sends: readonly number[],
  window: { from: number; until: number },
  clientKnewBy: number,
): number {
  const inWindow = arrivals.filter((at) => at > window.from && at < window.until).length;
  const onTheWire = sends.filter((at) => at <= clientKnewBy).length - arrivals.filter((at) => at <= window.from).length;
  return Math.max(0, inWindow - onTheWire);
}
