// Progress of a long run: a cli-progress bar on a terminal (done/total, requests per second,
// ETA, failures), else one plain line to stderr every few seconds; nothing with --quiet.
import cliProgress from 'cli-progress';
import { messages, type Catalog } from '../i18n/catalog.js';

export interface ProgressOptions {
  total: number;
  /** Requests sent so far (the client's counter), for the rate. */
  requests: () => number;
  quiet?: boolean;
  /** Default: stderr is a terminal. */
  interactive?: boolean;
  /** Plain mode: milliseconds between lines (default 3000). */
  intervalMs?: number;
  stream?: NodeJS.WriteStream;
  /** The catalog of the line's words (default English). */
  t?: Catalog;
}

export interface Progress {
  /** One item finished; `failed` when it did not go through. */
  tick(failed: boolean): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { tick: () => undefined, stop: () => undefined };

export function startProgress(options: ProgressOptions): Progress {
  if (options.quiet || options.total === 0) return NO_PROGRESS;
  const stream = options.stream ?? process.stderr;
  const t = options.t ?? messages('en');
  const started = Date.now();
  const startRequests = options.requests();
  let done = 0;
  let failures = 0;
  const rate = (): string => {
    const seconds = (Date.now() - started) / 1000;
    return t.decimal(seconds > 0 ? (options.requests() - startRequests) / seconds : 0);
  };

  if (options.interactive ?? stream.isTTY === true) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: t.runProgressBar,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        // The time left in the language's units (cli-progress's own are English).
        // Its ETA is a number of seconds, or 'NULL'/'INF' while unknown.
        formatTime: (eta: number | string) => (Number.isFinite(Number(eta)) ? t.timeLeft(Number(eta)) : '…'),
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, 0, { rps: '0.0', failures: 0 });
    const timer = setInterval(() => bar.update(done, { rps: rate(), failures }), 500);
    timer.unref();
    return {
      tick(failed) {
        done += 1;
        if (failed) failures += 1;
        bar.update(done, { rps: rate(), failures });
      },
      stop() {
        clearInterval(timer);
        bar.update(done, { rps: rate(), failures });
        bar.stop();
      },
    };
  }

  const line = (): void => {
    stream.write(`${t.runProgressLine(done, options.total, rate(), failures)}\n`);
  };
  const timer = setInterval(line, options.intervalMs ?? 3000);
  timer.unref();
  return {
    tick(failed) {
      done += 1;
      if (failed) failures += 1;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

export interface CountProgress {
  count(value: number): void;
  stop(): void;
}

/**
 * A running count on one terminal line ("Reading the directory: 12,350 users"), redrawn at most
 * every `intervalMs` and erased at the end; nothing when the stream is not a terminal.
 */
export function startCountLine(
  label: (count: number) => string,
  options: { stream?: NodeJS.WriteStream; interactive?: boolean; quiet?: boolean; intervalMs?: number } = {},
): CountProgress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !(options.interactive ?? stream.isTTY === true)) return { count: () => undefined, stop: () => undefined };
  let last = 0;
  let shown = false;
  return {
    count(value) {
      const now = Date.now();
      if (now - last < (options.intervalMs ?? 250)) return;
      last = now;
      shown = true;
      stream.write(`\r${label(value)}\u001b[K`);
    },
    stop() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}

/** The count line's words in English (the commands pass their catalog's). */
export const readingDirectory = messages('en').runReadingDirectory;
