/**
 * 公開設定 (issue 21): HQ decides what residents see. A body-wide default (off until HQ turns it on) and, per
 * item, published / not published / follow the default, the public text (公開用の説明・実績, separate from the
 * internal notes) and the milestones and KPIs of the item kept out. Every write is audited by the triggers of
 * `public_settings` and `item_publications`; a write names the version it read (0 before the first) and a
 * stale one is refused with 409 and the current row.
 */
import type { Static } from '@sinclair/typebox';
import type { Db } from '../db/client.ts';
import { invalidField, versionConflict } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import {
  findItemPublication,
  findPublicSettings,
  listItemPublications,
  liveItemsForPublication,
  saveItemPublication,
  saveSettings,
} from '../repositories/publication.ts';
import type { ItemPublicationInput, PublicationSettings, PublicationSettingsInput } from '../schemas/public.ts';
import { quarterLabels } from './quarters.ts';
import { closedOn, DEFAULT_LICENCE, isPublished, latestClosedSnapshot } from './public-view.ts';
import { nowIso } from '../repositories/versioned.ts';
import type { Quarter } from '../domain/fiscal.ts';

type Settings = Static<typeof PublicationSettings>;

export function getPublication(db: Db, bodyId: number): Settings {
  const body = getBody(db, bodyId);
  const settings = findPublicSettings(db, bodyId);
  const pubs = new Map(listItemPublications(db, bodyId).map((p) => [p.itemId, p]));
  const live = liveItemsForPublication(db, bodyId);
  const snap = latestClosedSnapshot(db, bodyId);
  return {
    bodyId,
    bodyCode: body.code,
    defaultPublished: settings?.defaultPublished ?? false,
    licence: settings?.licence ?? DEFAULT_LICENCE,
    version: settings?.version ?? 0,
    publicQuarter: snap
      ? { label: quarterLabels({ fiscalYear: snap.fiscalYear, quarter: snap.quarter as Quarter }).label, asOf: snap.asOf, closedOn: closedOn(snap) }
      : null,
    items: live.items.map((i) => {
      const p = pubs.get(i.itemId);
      const hiddenMs = new Set(p?.hiddenMilestoneIds ?? []);
      const hiddenKpis = new Set(p?.hiddenKpiIds ?? []);
      return {
        ...i,
        published: p?.published ?? null,
        effectivePublished: isPublished(settings, p),
        publicText: p?.publicText ?? '',
        milestones: live.milestones.filter((m) => m.itemId === i.itemId).map((m) => ({ id: m.id, title: m.title, hidden: hiddenMs.has(m.id) })),
        kpis: live.kpis.filter((k) => k.itemId === i.itemId).map((k) => ({ id: k.id, name: k.name, hidden: hiddenKpis.has(k.id) })),
        version: p?.version ?? 0,
      };
    }),
  };
}

export function updateSettings(db: Db, bodyId: number, input: Static<typeof PublicationSettingsInput>): Settings {
  db.transaction((tx) => {
    const existing = findPublicSettings(tx as unknown as Db, bodyId);
    if ((existing?.version ?? 0) !== input.version) throw versionConflict('公開設定', existing ?? null);
    saveSettings(tx as unknown as Db, bodyId, { defaultPublished: input.defaultPublished, licence: input.licence.trim() }, existing, nowIso());
  });
  return getPublication(db, bodyId);
}

export function updateItemPublication(db: Db, bodyId: number, itemId: number, input: Static<typeof ItemPublicationInput>) {
  const live = liveItemsForPublication(db, bodyId);
  const msIds = new Set(live.milestones.filter((m) => m.itemId === itemId).map((m) => m.id));
  const kpiIds = new Set(live.kpis.filter((k) => k.itemId === itemId).map((k) => k.id));
  const strangerMs = input.hiddenMilestoneIds.find((id) => !msIds.has(id));
  if (strangerMs !== undefined) {
    throw invalidField('hiddenMilestoneIds', 'not_of_item', `マイルストーン（ID: ${strangerMs}）はこの取組のものではありません。`);
  }
  const strangerKpi = input.hiddenKpiIds.find((id) => !kpiIds.has(id));
  if (strangerKpi !== undefined) throw invalidField('hiddenKpiIds', 'not_of_item', `指標（ID: ${strangerKpi}）はこの取組のものではありません。`);
  db.transaction((tx) => {
    const existing = findItemPublication(tx as unknown as Db, itemId);
    if ((existing?.version ?? 0) !== input.version) throw versionConflict('取組の公開設定', existing ?? null);
    const values = {
      published: input.published,
      publicText: input.publicText,
      hiddenMilestoneIds: [...input.hiddenMilestoneIds].sort((a, b) => a - b),
      hiddenKpiIds: [...input.hiddenKpiIds].sort((a, b) => a - b),
    };
    saveItemPublication(tx as unknown as Db, itemId, values, existing, nowIso());
  });
  return getPublication(db, bodyId).items.find((i) => i.itemId === itemId)!;
}
