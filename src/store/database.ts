/** The PostgreSQL connection: the user's server (DATABASE_URL) or the embedded one; migrations applied at open. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
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

export function connect(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // an idle client lost (server stopped): the next query reports it
  const db = drizzle(pool, { schema }) as Db;
  return { db, pool, url, close: () => pool.end() };
}

export async function migrateDatabase(database: Database): Promise<void> {
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

export interface OpenedStore extends Database {
  embedded?: EmbeddedServer;
}

/** Opens bianzhi's database: `databaseUrl` when given, else the embedded server on `dataDir`; migrates it. */
export async function openStore(opts: { databaseUrl?: string; dataDir: string; port?: number }): Promise<OpenedStore> {
  let embedded: EmbeddedServer | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedServer({ dataDir: opts.dataDir, port: opts.port });
    await createUtf8Database(embedded.adminUrl, 'bianzhi');
    url = embedded.url;
  }
  const database = connect(url);
  try {
    await migrateDatabase(database);
  } catch (e) {
    await database.close();
    await embedded?.stop();
    throw e;
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
