/**
 * How the server process is started — the one list of Node options and arguments that `npm start`
 * (package.json "serve"), the systemd unit (deploy/dx-dashboard.service), the tests that run the real
 * process and the benchmarks all use (tests/launch.test.ts checks the first two against it).
 *
 * `--max-semi-space-size=16`: Node 24's V8 lets the young generation grow to 3 × 64 MiB (Node 20: 3 × 16),
 * and start-up alone (tsx compiling the server's modules) fills it, so an idle server sat at ~270 MiB RSS;
 * with 16 MiB semi-spaces it idles at ~160 MiB (measured; issue 16's ≤ 300 MiB target). Scavenges of a
 * 16 MiB semi-space take well under a millisecond for this server's short-lived request objects.
 * Worker threads set their own heap limits (server/workers/pool.ts).
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=16'] as const;

/** `node …SERVER_ARGS` from the repository's root starts the server as `npm start` does. */
export const SERVER_ARGS = [...SERVER_NODE_OPTIONS, '--import', 'tsx', 'server/server.ts'] as const;
