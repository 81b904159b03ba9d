import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/sections.ts';
import * as service from '../services/sections.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { ReorganizeResult, Section, SectionCreate, SectionReorganize, SectionUpdate } from '../schemas/sections.ts';
import { reorganizeSections } from '../services/reorganize.ts';
import { type RouteTable } from '../auth/rules.ts';

/** The plan's structure: read by the body's readers, changed by its hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const SECTION_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  update: { rule: { access: 'bodyHq' }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
  reorganize: { rule: { access: 'bodyHq' }, cost: 'write' },
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

  app.post('/bodies/:bodyId/sections/reorganize', {
    config: SECTION_ROUTES.reorganize,
    schema: {
      tags: ['sections'],
      summary: '課の再編（名称変更・統合・分割・廃止。effectiveDate から）',
      description:
        '取組（と担当する標準化対象業務）は引き継ぐ課に移り、DX推進員の担当課も移ります。統合・分割・廃止された課は残り（retiredOn）、' +
        'それ以前の変更履歴・報告にはその課の名前が表示されます。名称変更では、effectiveDate の前日までの変更履歴に旧名称が表示されます。',
      params: bodyParams,
      body: SectionReorganize,
      response: { 200: ReorganizeResult, ...errors },
    },
    handler: async (req) => reorganizeSections(db, req.params.bodyId, req.body),
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
