import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { readableBodyIds } from '../auth/visibility.ts';
import * as repo from '../repositories/bodies.ts';
import * as service from '../services/bodies.ts';
import { Body, BodyCreate, BodyListQuery, BodyUpdate } from '../schemas/bodies.ts';
import { errors, idParams, Page, readErrors } from '../schemas/common.ts';

const params = idParams('bodyId');

const bodies: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  app.get('/bodies', {
    schema: {
      tags: ['bodies'],
      summary: '団体の一覧（閲覧できる団体のみ）',
      querystring: BodyListQuery,
      response: { 200: Page(Body), ...readErrors },
    },
    handler: async (req) => repo.listBodies(db, req.query, readableBodyIds(db, req.principal!)),
  });

  app.get('/bodies/:bodyId', {
    schema: { tags: ['bodies'], summary: '団体', params, response: { 200: Body, ...readErrors } },
    handler: async (req) => repo.getBody(db, req.params.bodyId),
  });

  app.post('/bodies', {
    schema: { tags: ['bodies'], summary: '団体の登録', body: BodyCreate, response: { 201: Body, ...errors } },
    handler: async (req, reply) => reply.status(201).send(service.createBody(db, req.body)),
  });

  app.patch('/bodies/:bodyId', {
    schema: { tags: ['bodies'], summary: '団体の更新', params, body: BodyUpdate, response: { 200: Body, ...errors } },
    handler: async (req) => service.updateBody(db, req.params.bodyId, req.body),
  });

  app.delete('/bodies/:bodyId', {
    schema: { tags: ['bodies'], summary: '団体の削除（計画がない場合のみ）', params, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      service.deleteBody(db, req.params.bodyId);
      return reply.status(204).send(null);
    },
  });
};

export default bodies;
