/**
 * Issue 19 "done when": axe (WCAG 2.x A/AA, serious and critical) stays clean on every page at 1366×768 and at
 * 390×844 (a phone), signed in as the administrator (who sees every control) on the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, E2E_HOOK_TIMEOUT);
afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

describe('axe on every page at 1366×768 and 390×844', () => {
  it('has no serious or critical violation', { timeout: 600_000 }, async () => {
    const body = await e2e.api<any>(`/api/bodies/${e2e.bodyId}`);
    const item = (await e2e.dashboard()).attention[0].itemId;
    const pages = [
      '/',
      `/bodies/${e2e.bodyId}`,
      `/bodies/${e2e.bodyId}/timeline`,
      `/bodies/${e2e.bodyId}/kpis`,
      `/bodies/${e2e.bodyId}/deadlines`,
      `/bodies/${e2e.bodyId}/review`,
      `/bodies/${e2e.bodyId}/updates`,
      `/bodies/${e2e.bodyId}/audit`,
      `/bodies/${e2e.bodyId}/import`,
      `/bodies/${e2e.bodyId}/next-plan`,
      `/items/${item}`,
      '/national',
      `/prefectures/${body.prefectureCode}`,
      '/reference',
    ];
    const found: string[] = [];
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      for (const path of pages) {
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto(e2e.base + path);
        await waitForSettled(page, 30_000);
        for (const [width, height] of [[1366, 768], [390, 844]] as const) {
          await page.setViewportSize({ width, height });
          const violations = await axe(page);
          if (violations.length) found.push(`${path} at ${width}×${height}:\n${describeViolations(violations)}`);
        }
      }
      expect(found, found.join('\n\n')).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
