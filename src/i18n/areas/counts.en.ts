// Counts, numbers and durations in run output: a count reads as label and number (so the label
// agrees with any number), numbers and the progress bar's time left in the language's style.
import { wordsEn } from './words.en.js';

export const countsEn = {
  /** `created 20` in a summary line. */
  countResult: (result: string, count: number) => `${(wordsEn.results as Record<string, string | undefined>)[result] ?? result} ${count}`,
  /** `create 18` in the plan line. */
  countAction: (kind: string, count: number) => `${(wordsEn.actions as Record<string, string | undefined>)[kind] ?? kind} ${count}`,
  /** A number with one decimal (seconds, requests per second). */
  decimal: (value: number) => value.toFixed(1),
  /** A whole number of seconds as the time left: 45s, 2m 5s, 1h 3m. */
  timeLeft: (seconds: number) => duration(seconds, 'h', 'm', 's', ''),
};

/** `seconds` as hours and minutes, minutes and seconds, or seconds, with the units given. */
export function duration(seconds: number, hours: string, minutes: string, secs: string, space: string): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole >= 3600) return `${Math.floor(whole / 3600)}${space}${hours} ${Math.floor((whole % 3600) / 60)}${space}${minutes}`;
  if (whole >= 60) return `${Math.floor(whole / 60)}${space}${minutes} ${whole % 60}${space}${secs}`;
  return `${whole}${space}${secs}`;
}
