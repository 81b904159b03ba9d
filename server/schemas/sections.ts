import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum } from './common.ts';

export const Section = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  name: Type.String(),
  retiredOn: Nullable(Type.String({ description: '再編（統合・分割・廃止）で使われなくなった日。null は現行の課' })),
  mergedIntoId: Nullable(Type.Integer({ description: '統合先の課' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SectionCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, description: '課の名称' }) },
  { additionalProperties: false },
);
export const SectionUpdate = SectionCreate;
export type SectionCreate = Static<typeof SectionCreate>;

const SectionName = Type.String({ minLength: 1, maxLength: 100, description: '課の名称' });
const Effective = IsoDate;

/**
 * 課の再編 (issue 20), effective from a date (usually April 1): rename (the old name stays in the history
 * of earlier dates), merge several into one (existing or new), split one (choosing which items go where),
 * retire one (no items left). Items, their history and officers' assignments follow.
 */
export const SectionReorganize = Type.Union(
  [
    Type.Object({ kind: StringEnum(['rename'] as const), sectionId: Id, name: SectionName, effectiveDate: Effective }, { additionalProperties: false }),
    Type.Object(
      {
        kind: StringEnum(['merge'] as const),
        sectionIds: Type.Array(Id, { minItems: 1, maxItems: 50, description: '統合する課（統合先の課を含めてもよい）' }),
        intoSectionId: Type.Optional(Id),
        intoName: Type.Optional(SectionName),
        effectiveDate: Effective,
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: StringEnum(['split'] as const),
        sectionId: Id,
        parts: Type.Array(Type.Object({ name: SectionName, itemIds: Type.Array(Id, { maxItems: 5000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }),
        effectiveDate: Effective,
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: StringEnum(['retire'] as const), sectionId: Id, effectiveDate: Effective }, { additionalProperties: false }),
  ],
  { description: '課の再編（名称変更・統合・分割・廃止）' },
);
export type SectionReorganize = Static<typeof SectionReorganize>;

export const ReorganizeResult = Type.Object({
  sections: Type.Array(Section, { description: '団体の課（再編後。廃止・統合された課を含む）' }),
  movedItems: Type.Integer({ description: '担当課が変わった取組の数' }),
  movedOfficers: Type.Integer({ description: '担当課が変わったDX推進員の数' }),
});
