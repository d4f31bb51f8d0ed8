// Applies run in the background while the page watches: each apply is a job whose events (from
// the apply use case) are kept, so a page that connects late (or reconnects) is told everything
// from the start. One job per run folder at a time here; the folder's lock keeps out other processes.
import type { AppEvent } from '../app/events.js';
import type { RunResult } from '../app/apply-run.js';
import type { RunSummary } from '../reports/report.js';
import { outcomeView, type OutcomeView } from './views.js';
import { redactSecrets } from '../redact.js';

export type JobEvent =
  | { type: 'started'; total: number; at: number }
  | { type: 'outcome'; done: number; total: number; requests: number; at: number; outcome: OutcomeView }
  | { type: 'warning'; text: string }
  | { type: 'stopped'; message: string }
  | { type: 'finished'; status: RunResult['status']; counts: RunSummary['counts'] | undefined; exitCode: number | undefined; files: string[] }
  | { type: 'failed'; message: string };

type Listener = (event: JobEvent) => void;

export class ApplyJob {
  readonly events: JobEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private total = 0;
  private done = 0;
  private requests: () => number = () => 0;
  finished = false;
  private settle: () => void = () => undefined;
  /** Settles when the apply has ended (its report written). */
  readonly ended = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  constructor(private readonly now: () => number) {}

  /** The use case's events, turned into the page's. */
  readonly sink = (event: AppEvent): void => {
    switch (event.type) {
      case 'apply-started':
        this.total = event.total;
        this.requests = event.requests;
        this.push({ type: 'started', total: event.total, at: this.now() });
        break;
      case 'action-done':
        this.done += 1;
        this.push({ type: 'outcome', done: this.done, total: this.total, requests: this.requests(), at: this.now(), outcome: outcomeView(event.outcome) });
        break;
      case 'warning':
        this.push({ type: 'warning', text: redactSecrets(event.text) });
        break;
      case 'stopped':
        this.push({ type: 'stopped', message: redactSecrets(event.message) });
        break;
      default:
        break;
    }
  };

  end(event: Extract<JobEvent, { type: 'finished' | 'failed' }>): void {
    this.push(event);
    this.finished = true;
    this.listeners.clear();
    this.settle();
  }

  /** Replays what happened so far, then follows; returns the unsubscribe. */
  follow(listener: Listener): () => void {
    for (const event of this.events) listener(event);
    if (this.finished) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private push(event: JobEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

export class ApplyJobs {
  private readonly jobs = new Map<string, ApplyJob>();

  constructor(private readonly now: () => number) {}

  get(run: string): ApplyJob | undefined {
    return this.jobs.get(run);
  }

  /** Settles when every apply started so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.ended));
  }

  running(): Set<string> {
    return new Set([...this.jobs].filter(([, job]) => !job.finished).map(([run]) => run));
  }

  /** A new job for the run, or undefined while one is still running. */
  start(run: string): ApplyJob | undefined {
    if (this.jobs.get(run)?.finished === false) return undefined;
    const job = new ApplyJob(this.now);
    this.jobs.set(run, job);
    return job;
  }
}
