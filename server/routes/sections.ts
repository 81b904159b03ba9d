import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/sections.ts';
import * as service from '../services/sections.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { Section, SectionCreate, SectionUpdate } from '../schemas/sections.ts';
import { type RouteTable } from '../auth/rules.ts';

/** The plan's structure: read by the body's readers, changed by its hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const SECTION_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  update: { rule: { access: 'bodyHq' }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const sections: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const bodyParams = idParams('bodyId');
  const params = idParams('sectionId');

  app.get('/bodies/:bodyId/sections', {
    config: SECTION_ROUTES.list,
    schema: { tags: ['sections'], summary: '団体の課の一覧', params: bodyParams, response: { 200: Type.Array(Section), ...readErrors } },
    handler: async (req) => {
      getBody(db, req.params.bodyId);
      return repo.listSections(db, req.params.bodyId);
    },
  });

  app.post('/bodies/:bodyId/sections', {
    config: SECTION_ROUTES.create,
    schema: { tags: ['sections'], summary: '課の登録', params: bodyParams, body: SectionCreate, response: { 201: Section, ...errors } },
    handler: async (req, reply) => reply.status(201).send(service.createSection(db, req.params.bodyId, req.body.name)),
  });

  app.get('/sections/:sectionId', {
    config: SECTION_ROUTES.get,
    schema: { tags: ['sections'], summary: '課', params, response: { 200: Section, ...readErrors } },
    handler: async (req) => repo.getSection(db, req.params.sectionId),
  });

  app.patch('/sections/:sectionId', {
    config: SECTION_ROUTES.update,
    schema: { tags: ['sections'], summary: '課の名称変更', params, body: SectionUpdate, response: { 200: Section, ...errors } },
    handler: async (req) => service.renameSection(db, req.params.sectionId, req.body.name),
  });

  app.delete('/sections/:sectionId', {
    config: SECTION_ROUTES.delete,
    schema: { tags: ['sections'], summary: '課の削除（担当する取組がない場合のみ）', params, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      service.deleteSection(db, req.params.sectionId);
      return reply.status(204).send(null);
    },
  });
};

export default sections;
