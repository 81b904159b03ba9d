import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { readableBodyIds } from '../auth/visibility.ts';
import * as repo from '../repositories/bodies.ts';
import * as service from '../services/bodies.ts';
import { Body, BodyCreate, BodyListQuery, BodyUpdate } from '../schemas/bodies.ts';
import { errors, idParams, Page, readErrors } from '../schemas/common.ts';
import { type RouteTable } from '../auth/rules.ts';

/** Bodies: read by those who may read them (the list is filtered); created and changed by admin. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const BODY_ROUTES = {
  list: { rule: { access: 'authenticated', filtered: true }, cost: 'read' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'admin' }, cost: 'write' },
  update: { rule: { access: 'admin' }, cost: 'write' },
  delete: { rule: { access: 'admin' }, cost: 'write' },
} as const satisfies RouteTable;

const params = idParams('bodyId');

const bodies: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  app.get('/bodies', {
    config: BODY_ROUTES.list,
    schema: {
      tags: ['bodies'],
      summary: '団体の一覧（閲覧できる団体のみ）',
      querystring: BodyListQuery,
      response: { 200: Page(Body), ...readErrors },
    },
    handler: async (req) => repo.listBodies(db, req.query, readableBodyIds(db, req.principal!)),
  });

  app.get('/bodies/:bodyId', {
    config: BODY_ROUTES.get,
    schema: { tags: ['bodies'], summary: '団体', params, response: { 200: Body, ...readErrors } },
    handler: async (req) => repo.getBody(db, req.params.bodyId),
  });

  app.post('/bodies', {
    config: BODY_ROUTES.create,
    schema: { tags: ['bodies'], summary: '団体の登録', body: BodyCreate, response: { 201: Body, ...errors } },
    handler: async (req, reply) => reply.status(201).send(service.createBody(db, req.body)),
  });

  app.patch('/bodies/:bodyId', {
    config: BODY_ROUTES.update,
    schema: { tags: ['bodies'], summary: '団体の更新', params, body: BodyUpdate, response: { 200: Body, ...errors } },
    handler: async (req) => service.updateBody(db, req.params.bodyId, req.body),
  });

  app.delete('/bodies/:bodyId', {
    config: BODY_ROUTES.delete,
    schema: { tags: ['bodies'], summary: '団体の削除（計画がない場合のみ）', params, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      service.deleteBody(db, req.params.bodyId);
      return reply.status(204).send(null);
    },
  });
};

export default bodies;
