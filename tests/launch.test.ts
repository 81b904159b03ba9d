/**
 * One way to start the server: `npm start` (package.json "serve") and the systemd unit run node with
 * the options of server/launch.ts, which the tests and benchmarks spawn. A flag added in one place and
 * not the others would make the measured process differ from the one a town hall runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ARGS } from '../server/launch.ts';

const root = new URL('../', import.meta.url);
const commandOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[1]?.trim();

describe('server launch options (server/launch.ts)', () => {
  const expected = `node ${SERVER_ARGS.join(' ')}`;

  it('npm start runs node with them', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
    expect(commandOf(pkg.scripts.serve!, /exec (node .*)$/)).toBe(expected);
  });

  it('the systemd unit runs node with them', () => {
    const unit = readFileSync(new URL('deploy/dx-dashboard.service', root), 'utf8');
    expect(commandOf(unit, /^ExecStart=\/usr\/bin\/(node .*)$/m)).toBe(expected);
  });

  it('they cap the young generation (Node 24 would grow it to 3 × 64 MiB)', () => {
    expect(SERVER_ARGS).toContain('--max-semi-space-size=16');
  });
});
