// Asking before changing anything: on a terminal a yes/no question; without a terminal the
// caller must have passed --yes.
import { createInterface } from 'node:readline/promises';

/** True when the answer is yes (y, yes, д, да); anything else is no. */
export function isYes(answer: string): boolean {
  return /^(y|yes|д|да)$/i.test(answer.trim());
}

/**
 * No when the answer is not yes. Ctrl+C at the question (readline catches it on a terminal)
 * calls `onInterrupt` and is a no; so is an abort of `signal` (SIGTERM) while waiting.
 */
export async function askYesNo(question: string, interrupt?: { signal: AbortSignal; interrupt(): void }, choices = '[y/N]'): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  readline.on('SIGINT', () => interrupt?.interrupt());
  try {
    return isYes(await readline.question(`${question} ${choices} `, interrupt ? { signal: interrupt.signal } : {}));
  } catch (error) {
    if (interrupt?.signal.aborted) return false;
    throw error;
  } finally {
    readline.close();
  }
}

export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}
