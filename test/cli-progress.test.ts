import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { readingDirectory, startCountLine, startProgress } from '../src/cli/progress.js';

function captured(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('the running count while the directory is listed', () => {
  it('redraws one terminal line and erases it at the end', () => {
    const out = captured();
    const line = startCountLine(readingDirectory, { stream: out.stream, interactive: true, intervalMs: 0 });
    line.count(1);
    line.count(12_350);
    line.stop();
    expect(out.text()).toBe('\rReading the directory: 1 user\u001b[K\rReading the directory: 12,350 users\u001b[K\r\u001b[K');
  });

  it('prints nothing when the stream is not a terminal, or with --quiet', () => {
    for (const options of [{ interactive: false }, { interactive: true, quiet: true }]) {
      const out = captured();
      const line = startCountLine(readingDirectory, { stream: out.stream, intervalMs: 0, ...options });
      line.count(5);
      line.stop();
      expect(out.text()).toBe('');
    }
  });
});

describe('the apply progress without a terminal', () => {
  it('writes a plain line with done/total, rate and failures every interval (a fake clock)', async () => {
    const out = captured();
    let requests = 0;
    vi.useFakeTimers();
    try {
      const progress = startProgress({ total: 3, requests: () => requests, stream: out.stream, interactive: false, intervalMs: 20 });
      requests = 2;
      progress.tick(false);
      progress.tick(true);
      vi.advanceTimersByTime(20);
      progress.stop();
    } finally {
      vi.useRealTimers();
    }
    await new Promise((resolve) => setImmediate(resolve));
    // 2 requests in the 20 ms the clock moved: 100 a second.
    expect(out.text()).toMatch(/^progress: 2\/3 done, 100\.0 req\/s, 1 failed\n/);
  });
});
