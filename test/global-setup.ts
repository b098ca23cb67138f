/**
 * Store tests run on a real PostgreSQL: TEST_DATABASE_URL when set (CI: the machine's server), else an embedded server
 * started here. A template database is migrated once; each test file clones its own fresh database from it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { env } from '../src/config/env.js';
import {
  connect,
  createUtf8Database,
  migrateDatabase,
  migrationsFolder,
  withDatabaseName,
} from '../src/store/database.js';
import { startEmbeddedServer, type EmbeddedServer } from '../src/store/embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    runId: string;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl = env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'bianzhi-test-pg-'));
    embedded = await startEmbeddedServer({ dataDir, quiet: true });
    adminUrl = embedded.adminUrl;
  }
  // The template is named after the migrations, so a changed schema never reuses a stale template.
  const hash = createHash('sha256');
  for (const f of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(readFileSync(join(migrationsFolder, f)));
  }
  const templateDatabase = `bianzhi_tmpl_${hash.digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Drop leftovers of killed runs: test databases are named bianzhi_t_<pid of the run>_…, so a run only drops those
    // of runs no longer alive, never another live run's.
    const old = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'bianzhi\\_t\\_%'`,
    );
    for (const { datname } of old.rows) {
      const pid = Number(datname.split('_')[2]);
      if (pid && isAlive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [templateDatabase]);
    if (!exists.rowCount) {
      await createUtf8Database(adminUrl, `${templateDatabase}_build`);
      const db = connect(withDatabaseName(adminUrl, `${templateDatabase}_build`), 1);
      await db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await migrateDatabase(db);
      await db.close();
      await admin.query(`ALTER DATABASE "${templateDatabase}_build" RENAME TO "${templateDatabase}"`);
    }
  } finally {
    await admin.end();
  }
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', String(process.pid));
  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
