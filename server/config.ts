/** Configuration from environment variables, read once at start-up. See README「設定」. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535 (got "${env.PORT}")`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databasePath: env.DATABASE_PATH ?? 'data/dx.sqlite',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
