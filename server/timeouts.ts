/**
 * Connection timeouts and the per-client connection cap, so a slow or stuck client cannot hold a
 * connection (and a temp file, a descriptor) for long. Set from config (README「設定」):
 *
 * - headersMs (HEADERS_TIMEOUT_MS, 20 s): a request's headers must have arrived; browsers and proxies send
 *   them at once. Node's default is 60 s.
 * - requestMs (REQUEST_TIMEOUT_MS, 120 s): the whole request must have arrived (the body included): a 50 MB
 *   spreadsheet at 3.5 Mbit/s. Answered 408 by Node, then the connection is closed. Answers (exports)
 *   are not limited by it.
 * - idleMs (IDLE_TIMEOUT_MS, 30 s): a connection on which nothing moves either way is closed (a client that
 *   promised 100 bytes and sent one; a download nobody reads).
 * - keepAliveMs (KEEP_ALIVE_TIMEOUT_MS, 10 s): an idle keep-alive connection is closed after this; browsers
 *   open a new one. A proxy that keeps upstream connections must close them sooner.
 * - connectionsPerClient (MAX_CONNECTIONS_PER_CLIENT, 500): open connections per client address; more are
 *   closed at once. 500 leaves room for ~80 browsers behind one office NAT (6 connections each); not
 *   applied behind a trusted proxy (TRUST_PROXY), where every connection comes from the proxy: limit
 *   there (nginx `limit_conn`).
 * Node checks the header and request timeouts every `connectionsCheckingInterval`: one second here, so a
 * slow client is cut within a second of its deadline, not up to 30 s later (Node's default).
 */
import type { FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Timeouts {
  requestMs: number;
  headersMs: number;
  keepAliveMs: number;
  idleMs: number;
  connectionsPerClient: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 120_000, headersMs: 20_000, keepAliveMs: 10_000, idleMs: 30_000, connectionsPerClient: 500 };

/** The Fastify server options that carry the timeouts. */
export function serverTimeoutOptions(t: Timeouts) {
  return {
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionTimeout: t.idleMs,
    http: { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: Math.min(1000, t.headersMs) },
  };
}

/** Closes new connections of a client address that already has `max` open. */
export function capConnectionsPerClient(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = socket.remoteAddress ?? '';
    const n = (open.get(key) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}

/**
 * Runs `work` with the connection's idle timeout (idleMs) off, then puts it back. While the server reads, checks,
 * applies or writes a file in a worker thread — a 50,000-row apply, a council PDF queued behind another job — nothing
 * moves on the connection because the server works, not because the client stalls, and the idle timeout would close
 * it and lose the answer (an apply past 30 s on a busy server: 「other side closed」, found by `npm run bench`). The
 * work itself is bounded (the import limits, one heavy job at a time); the answer's bytes are under the timeout again.
 */
export async function whileServerWorks<T>(req: FastifyRequest, work: () => Promise<T>): Promise<T> {
  const socket = req.raw.socket as Socket | undefined;
  // (`app.inject` requests have no real socket.)
  const idle = typeof socket?.setTimeout === 'function' ? (socket.timeout ?? 0) : null;
  if (idle !== null) socket!.setTimeout(0);
  try {
    return await work();
  } finally {
    if (idle !== null && !socket!.destroyed) socket!.setTimeout(idle);
  }
}
