import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: being written.
const plugin: FastifyPluginAsyncTypebox = async () => {};
export default plugin;
