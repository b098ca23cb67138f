/** A fresh database for a benchmark: on DATABASE_URL / TEST_DATABASE_URL's server, else on an embedded server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, createUtf8Database, migrateDatabase, withDatabaseName } from '../src/store/database.js';
import { startEmbeddedServer } from '../src/store/embedded-server.js';

export async function benchDatabase(name: string) {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let where = adminUrl ? 'PostgreSQL at TEST_DATABASE_URL/DATABASE_URL' : 'embedded PostgreSQL';
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'bianzhi-bench-pg-'));
    const server = await startEmbeddedServer({ dataDir: dir, quiet: true });
    adminUrl = server.adminUrl;
    stopEmbedded = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await createUtf8Database(adminUrl, name);
  const url = withDatabaseName(adminUrl, name);
  const db = connect(url);
  await migrateDatabase(db);
  const version = (await db.pool.query('SHOW server_version')).rows[0].server_version;
  where += ` ${version}`;
  return {
    ...db,
    url,
    where,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
      await stopEmbedded?.();
    },
  };
}
