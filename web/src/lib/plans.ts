// The body's plans (issue 20): the current one and the ended ones, for the 「計画」 selector.
import { planPeriodLabel } from '$domain/wareki.ts';
import type { PlanInfo } from './timeline-types.ts';

/**
 * Options of the 「計画」 selector: '' = the current plan, then the ended ones, newest first —
 * 「現行: 第2期DX推進計画 ― 2026年度（令和8年度）〜2030年度（令和12年度）」, 「終了: …」 (no nested parentheses).
 */
export function planOptions(plans: readonly PlanInfo[]): { value: string; label: string }[] {
  const label = (p: PlanInfo) => `${p.endedOn ? '終了' : '現行'}: ${p.title} ― ${planPeriodLabel(p.startFiscalYear, p.endFiscalYear)}`;
  const current = plans.filter((p) => p.endedOn === null);
  const ended = plans.filter((p) => p.endedOn !== null).sort((a, b) => b.startFiscalYear - a.startFiscalYear || b.id - a.id);
  return [...current.map((p) => ({ value: '', label: label(p) })), ...ended.map((p) => ({ value: String(p.id), label: label(p) }))];
}
