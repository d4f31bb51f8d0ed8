// Asking before changing anything: on a terminal a yes/no question; without a terminal the
// caller must have passed --yes.
import { createInterface } from 'node:readline/promises';

/** True when the answer is yes (y, yes, д, да); anything else is no. */
export function isYes(answer: string): boolean {
  return /^(y|yes|д|да)$/i.test(answer.trim());
}

export async function askYesNo(question: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return isYes(await readline.question(`${question} [y/N] `));
  } finally {
    readline.close();
  }
}

export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}
