// The worker threads' entry (server/workers/pool.ts): the server is TypeScript run by tsx, so the
// thread registers tsx's loader before importing its code (inherited when the main thread runs under
// tsx; needed when it does not, e.g. under vitest).
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./thread.ts');
export default run;
