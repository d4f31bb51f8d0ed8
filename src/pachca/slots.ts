// The in-flight gate of the rate limiter: at most `limit` jobs hold a slot; the others wait in
// order, urgent ones first. It replaces bottleneck, whose every submit, start and release went
// through timers (setTimeout 0, a few per job, serialized behind a lock): on a busy machine that
// alone held request starts below 50 a second. Here a freed slot passes to the next waiter at once.

export class Slots {
  private held = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];

  constructor(private limitNow: number) {}

  get limit(): number {
    return this.limitNow;
  }

  /** Changes how many may hold a slot; raising it lets waiters in at once. */
  setLimit(limit: number): void {
    this.limitNow = Math.max(1, limit);
    this.grant();
  }

  /** Resolves when the caller holds a slot; call release() once done. */
  acquire(urgent = false): Promise<void> {
    return new Promise((resolve) => {
      (urgent ? this.urgent : this.normal).push(resolve);
      this.grant();
    });
  }

  /**
   * Frees the slot once the current turn of the event loop is over: the job's caller first sees
   * its result, so a follow-up it queues as urgent gets the slot, and a stop it decides on (a 402,
   * no free seats) is known before the next queued request is sent.
   */
  release(): void {
    setImmediate(() => {
      this.held--;
      this.grant();
    });
  }

  private grant(): void {
    while (this.held < this.limitNow) {
      const next = this.urgent.shift() ?? this.normal.shift();
      if (!next) return;
      this.held++;
      next();
    }
  }
}
