// plan.xlsx is written while an import's requests go out: exceljs is loaded a package per turn of
// the event loop, and the steps must be exceljs's real dependencies (else they load nothing).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WARM_STEPS, warmExcelJs } from '../src/sheets/exceljs-warm.js';
import { excelJs } from '../src/sheets/exceljs.js';

describe('exceljs warm-up', () => {
  it('resolves every step from exceljs, gives the event loop turns between them, and leaves exceljs loaded', async () => {
    const steps = WARM_STEPS;
    expect(steps.length).toBeGreaterThan(10);
    const besideExcelJs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
    for (const step of steps) expect(() => besideExcelJs.resolve(step), step).not.toThrow();

    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    tick();
    await warmExcelJs();
    ticking = false;
    expect(turns).toBeGreaterThanOrEqual(steps.length);
    expect(typeof excelJs().stream.xlsx.WorkbookWriter).toBe('function');
  });
});
