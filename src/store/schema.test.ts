/**
 * schema.ts and the migrations tell one story: every migration in the journal has the drizzle-kit snapshot of the
 * schema after it, each chained to the one before, and the newest snapshot is schema.ts — so `npm run db:generate`
 * on an unchanged schema writes nothing, and a change to schema.ts comes with its own migration.
 * (Collation and data statements are written into the SQL by hand; drizzle-kit does not model them.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './database.js';
import * as schema from './schema.js';

type Snapshot = Parameters<typeof generateMigration>[0];

const meta = join(migrationsFolder, 'meta');
const journal = JSON.parse(readFileSync(join(meta, '_journal.json'), 'utf8')) as {
  entries: { idx: number; tag: string }[];
};
const snapshotFile = (idx: number) => join(meta, `${String(idx).padStart(4, '0')}_snapshot.json`);
const snapshot = (idx: number) => JSON.parse(readFileSync(snapshotFile(idx), 'utf8')) as Snapshot;

describe('schema.ts and the migrations', () => {
  it('Given the journal When each migration is looked up Then its SQL and its snapshot exist, each snapshot following the one before', () => {
    for (const { idx, tag } of journal.entries) {
      expect(existsSync(join(migrationsFolder, `${tag}.sql`)), tag).toBe(true);
      expect(existsSync(snapshotFile(idx)), `${tag}: meta/${idx}_snapshot.json`).toBe(true);
      if (idx > 0) expect(snapshot(idx).prevId, tag).toBe(snapshot(idx - 1).id);
    }
  });

  it('Given schema.ts When compared with the newest snapshot Then drizzle-kit finds nothing to migrate', async () => {
    const newest = snapshot(journal.entries.at(-1)!.idx);
    const statements = await generateMigration(newest, generateDrizzleJson(schema, newest.id));
    expect(statements).toEqual([]);
  });
});
