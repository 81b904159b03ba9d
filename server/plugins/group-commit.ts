/**
 * Group commit for the API's writes (server/db/group-commit.ts): the auth plugin runs each write
 * handler through `app.groupCommit.run`, and this hook holds every response until the changes made so
 * far are committed — a write is acknowledged only once it is on disk, and a read never shows changes
 * that could still be rolled back.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GroupCommit } from '../db/group-commit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    groupCommit: GroupCommit;
  }
}

async function groupCommitPlugin(app: FastifyInstance) {
  app.decorate('groupCommit', new GroupCommit(app.db.$client, () => app.responseCache.clear()));
  app.addHook('onSend', async () => {
    await app.groupCommit.settled();
  });
}

export default fp(groupCommitPlugin, { name: 'group-commit' });
