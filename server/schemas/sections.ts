import { Type, type Static } from '@sinclair/typebox';

export const Section = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SectionCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, description: '課の名称' }) },
  { additionalProperties: false },
);
export const SectionUpdate = SectionCreate;
export type SectionCreate = Static<typeof SectionCreate>;
