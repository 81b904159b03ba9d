/** The /api/auth/me answer: who is signed in, their body and sections, CSRF token and permissions. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localBodies, sections, type Session } from '../db/schema.ts';
import { ROLE_LABELS } from '../domain/labels.ts';
import type { Me } from '../schemas/auth.ts';
import { permissionsOf, type Principal } from './policy.ts';
import { OFFICER_ITEM_FIELDS, OFFICER_MILESTONE_FIELDS } from './rules.ts';

export function meOf(db: Db, p: Principal, session: Session): Me {
  const body =
    p.bodyId === null
      ? null
      : (db
          .select({
            id: localBodies.id,
            code: localBodies.code,
            name: localBodies.name,
            prefectureCode: localBodies.prefectureCode,
            prefectureName: localBodies.prefectureName,
          })
          .from(localBodies)
          .where(eq(localBodies.id, p.bodyId))
          .get() ?? null);
  const prefecture =
    p.prefectureCode === null
      ? null
      : {
          code: p.prefectureCode,
          name:
            db
              .select({ name: localBodies.prefectureName })
              .from(localBodies)
              .where(eq(localBodies.prefectureCode, p.prefectureCode))
              .limit(1)
              .get()?.name ?? null,
        };
  const own =
    p.sectionIds.length === 0
      ? []
      : db.select({ id: sections.id, name: sections.name }).from(sections).where(inArray(sections.id, p.sectionIds)).orderBy(asc(sections.id)).all();
  return {
    user: { id: p.id, username: p.username, displayName: p.displayName, role: p.role, roleLabel: ROLE_LABELS[p.role], mustChangePassword: p.mustChangePassword ?? false },
    body,
    prefecture,
    sections: own,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    permissions: permissionsOf(p, { item: OFFICER_ITEM_FIELDS, milestone: OFFICER_MILESTONE_FIELDS }),
  };
}
