// parsePhone's shortcut for Russian mobile numbers (normalize.ts) must answer exactly what
// libphonenumber answers, for every spelling it takes and for the near misses it must leave alone.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, parsePhone } from '../src/records/normalize.js';

function byLibrary(text: string, region: string): string | undefined {
  const phone = parsePhoneNumberFromString(collapseSpaces(text), { defaultCountry: region as CountryCode, extract: false });
  return phone && phone.isValid() && !phone.ext ? phone.number : undefined;
}

function spellings(digits: string): string[] {
  const [a, b, c, d] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8)];
  return [
    `+7${digits}`, `+7 ${a} ${b} ${c} ${d}`, `+7 (${a}) ${b}-${c}-${d}`, `8 (${a}) ${b}-${c}-${d}`, `8${digits}`,
    `8-${a}-${b}-${c}-${d}`, ` +7 ${a} ${b}${c}${d} `, `+7(${a})${b}${c}${d}`, `7${digits}`, digits, `+7 ${a}\u00a0${b} ${c} ${d}`,
  ];
}

describe('parsePhone shortcut for Russian mobiles', () => {
  it('gives what libphonenumber gives, in every region, for many numbers and spellings', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const texts: string[] = [];
    for (let n = 0; n < 100; n++) {
      const digits = `9${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      texts.push(...spellings(digits));
    }
    // Near misses: too short or long, not a mobile, another country, letters, extensions.
    texts.push('+7 916 123 45 6', '+7 916 123 45 678', '+7 816 123 45 67', '+7 716 123 45 67', '8 800 555 35 35',
      '+79161234567 доб. 5', '+7 916 123-45-67 ext. 5', '+7.916.123.45.67', '++79161234567', '89161234567 8', '+8 916 123 45 67');
    for (const region of ['RU', 'KZ', 'BY', 'US']) {
      for (const text of texts) {
        const parsed = parsePhone(text, region);
        const expected = byLibrary(text, region);
        if (expected === undefined) {
          expect(parsed.ok && !('warning' in parsed && parsed.warning) ? parsed.value : undefined, `${text} in ${region}`).toBeUndefined();
        } else {
          expect(parsed, `${text} in ${region}`).toEqual({ ok: true, value: expected });
        }
      }
    }
  });
});
