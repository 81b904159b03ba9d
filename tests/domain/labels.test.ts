import { describe, expect, it } from 'vitest';
import {
  BODY_KIND_LABELS,
  deadlineWord,
  ITEM_STATUSES,
  ITEM_STATUS_LABELS,
  KPI_DIRECTION_LABELS,
  KPI_STATUS_LABELS,
  MILESTONE_STATUSES,
  MILESTONE_STATUS_LABELS,
  itemStatusSeverity,
} from '../../server/domain/labels.ts';
import * as schema from '../../server/db/schema.ts';

describe('labels', () => {
  it('orders item statuses worst first', () => {
    expect(ITEM_STATUSES).toEqual(['past_deadline', 'at_risk', 'delayed', 'start_late', 'not_planned', 'on_track', 'done_late', 'done', 'not_applicable']);
    expect(Object.values(ITEM_STATUS_LABELS)).toEqual(['期限超過', '要注意', '遅延', '着手遅れ', '未計画', '順調', '期限後完了', '完了', '対象外']);
    expect(deadlineWord(false)).toBe('国の期限');
    expect(deadlineWord(true)).toBe('延長後の期限');
    expect(itemStatusSeverity('past_deadline')).toBeLessThan(itemStatusSeverity('at_risk'));
  });
  it('has the Japanese labels users see', () => {
    expect(MILESTONE_STATUS_LABELS).toEqual({
      not_started: '未着手',
      in_progress: '作業中',
      done: '完了',
      not_applicable: '対象外',
    });
    expect(ITEM_STATUS_LABELS.past_deadline).toBe('期限超過');
    expect(ITEM_STATUS_LABELS.at_risk).toBe('要注意');
    expect(ITEM_STATUS_LABELS.delayed).toBe('遅延');
    expect(KPI_STATUS_LABELS.no_data).toBe('未計測');
    expect(KPI_STATUS_LABELS.behind).toBe('遅れ');
    expect(BODY_KIND_LABELS.ward).toBe('特別区');
    expect(BODY_KIND_LABELS.designated_city).toBe('政令指定都市');
    expect(KPI_DIRECTION_LABELS.lower).toBe('低いほど良い');
  });
  it('uses the same codes as the DB schema', () => {
    expect([...MILESTONE_STATUSES]).toEqual([...schema.MILESTONE_STATUSES]);
    expect(Object.keys(BODY_KIND_LABELS)).toEqual([...schema.BODY_KINDS]);
    expect(Object.keys(KPI_DIRECTION_LABELS)).toEqual([...schema.KPI_DIRECTIONS]);
  });
});
