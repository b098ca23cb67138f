/** The PostgreSQL connection: the user's server (DATABASE_URL) or the embedded one; migrations applied at open. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from './errors.js';
import * as schema from './schema.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';

// Dates stay 'YYYY-MM-DD' strings and bigint ids numbers (they stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The role the application works as (migration 0003): it may append audit events but never change or delete them. */
export const applicationRole = 'bianzhi_app';

export function connect(url: string, max = 10, role?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // set at connection start, before any statement of ours runs
    options: role ? `-c role=${role}` : undefined,
    // If this process dies mid-transaction (kill -9), PostgreSQL notices within a second and rolls back, releasing
    // the district's write lock, instead of when the running statement ends. PostgreSQL ≥ 14; older ones refuse the
    // setting, which is ignored. Awaited by the pool before the connection is handed out.
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
    },
  });
  pool.on('error', () => undefined); // an idle client lost (server stopped): the next query reports it
  const db = drizzle(pool, { schema }) as Db;
  return { db, pool, url, close: () => pool.end() };
}

/**
 * Applies the migrations not yet applied. A database that already has the newest one is left alone without any DDL,
 * so that a login of the application's role (bianzhi_app, migration 0003), which may not create schemas, can open it.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = journal.entries.at(-1)!.when;
  const applied = await database.pool
    .query('SELECT 1 FROM drizzle.__drizzle_migrations WHERE created_at = $1', [newest])
    .catch(() => undefined); // no migrations table yet
  if (applied?.rowCount) return;
  await migrate(database.db, { migrationsFolder });
}

/** CREATE DATABASE with a UTF-8 LC_CTYPE, so that pg_trgm and Chinese text work (DESIGN §7). */
export async function createUtf8Database(adminUrl: string, name: string, template = 'template0'): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    const locale = template === 'template0' ? ` ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'` : '';
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"${locale}`);
  } finally {
    await client.end();
  }
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A connection failure in Chinese, naming the server (never the password). */
export function connectionError(url: string, e: unknown): AppError {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  const err = e as { code?: string; message?: string };
  const why =
    err.code === 'ECONNREFUSED'
      ? '连接被拒绝(服务器未启动或端口不对)'
      : err.code === '28P01' || err.code === '28000'
        ? '用户名或密码不正确'
        : err.code === '3D000'
          ? '数据库不存在'
          : (err.message ?? String(e));
  return new AppError('database', `无法连接数据库 ${where}:${why}`);
}

export interface OpenedStore extends Database {
  embedded?: EmbeddedServer;
}

/** Opens bianzhi's database: `databaseUrl` when given, else the embedded server on `dataDir`; migrates it. */
export async function openStore(opts: {
  databaseUrl?: string;
  dataDir: string;
  port?: number;
  /** let other bianzhi processes on dataDir connect to this process's embedded PostgreSQL (the server does) */
  share?: boolean;
}): Promise<OpenedStore> {
  let embedded: EmbeddedServer | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedServer({ dataDir: opts.dataDir, port: opts.port, share: opts.share });
    await createUtf8Database(embedded.adminUrl, 'bianzhi');
    url = embedded.url;
  }
  let database = connect(url);
  try {
    await database.pool.query('SELECT 1').catch((e: unknown) => {
      throw connectionError(url!, e);
    });
    await migrateDatabase(database);
  } catch (e) {
    await database.close();
    await embedded?.stop();
    throw e;
  }
  if (embedded) {
    // the embedded server's only login is its superuser: once migrated, the application works as bianzhi_app, so that a
    // bug or a stray statement can neither change nor delete audit events nor switch their triggers off (the session
    // could still SET ROLE back: this guards against mistakes; a separate login is for a server given by DATABASE_URL)
    const role = await database.pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [applicationRole]);
    if (role.rowCount) {
      await database.close();
      database = connect(url, 10, applicationRole);
    }
  }
  return {
    ...database,
    embedded,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}
