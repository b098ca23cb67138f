/**
 * The bad-input corpus (test/fixtures/bad, written by make-bad-fixtures.ts) through the real CLI: every file is
 * rejected with its Chinese reason at its row and column, a non-zero exit and no stack trace, and the database stays
 * exactly as it was (row counts and a content hash of every table).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/commands/import-file.js';
import { importKinds, type ImportKind } from '../src/domain/records.js';
import { useTestContext, databaseFingerprint } from './context.js';
import type { CorpusEntry } from './fixtures/make-bad-fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const badDir = join(root, 'test/fixtures/bad');
const goodDir = join(root, 'test/fixtures/good');
const corpus = JSON.parse(readFileSync(join(badDir, 'corpus.json'), 'utf8')) as CorpusEntry[];

/** Child processes at a time: the machine has two cores. */
const parallelChildren = 2;
const childTimeoutMs = 60_000;

const context = useTestContext();
let initialFingerprint: string;

beforeAll(async () => {
  for (const [file, kind] of [
    ['机构编制.xlsx', 'baseline'],
    ['人员.xlsx', 'roster'],
  ] as const) {
    const r = await importFile(context.ctx, join(goodDir, file), kind);
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
  }
  initialFingerprint = await databaseFingerprint(context.ctx.pool);
});

// ---------- running the CLI ----------

let running = 0;
const waiting: (() => void)[] = [];
/** Runs `fn` when one of the `parallelChildren` slots is free; a finished run hands its slot to the next in line. */
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running < parallelChildren) running++;
  else await new Promise<void>((go) => waiting.push(go));
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return limited(
    () =>
      new Promise<CliRun>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
          cwd: root,
          // eslint-disable-next-line no-restricted-properties -- the child inherits this environment (PATH, HOME…) with the test database
          env: { ...process.env, DATABASE_URL: context.database.url, BIANZHI_REGION: context.ctx.regionCode },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        const timer = setTimeout(() => child.kill('SIGKILL'), childTimeoutMs);
        child.on('error', (e) => {
          clearTimeout(timer);
          fail(e);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
        });
      }),
  );
}

const stackLine = /^\s+at\s/m;
const matches = (line: string, e: CorpusEntry) => (e.regex ? new RegExp(e.expect).test(line) : line.includes(e.expect));

// ---------- the corpus itself ----------

describe('the bad-input corpus', () => {
  it('Given the manifest When it is read Then it lists at least 30 small files that exist, for every import kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const onDisk = readdirSync(badDir).filter((f) => f !== 'corpus.json');
    expect(new Set(corpus.map((e) => e.file))).toEqual(new Set(onDisk));
    for (const kind of importKinds)
      expect(
        corpus.some((e) => e.kind === kind),
        kind,
      ).toBe(true);
    for (const e of corpus) expect(statSync(join(badDir, e.file)).size, e.file).toBeLessThan(100 * 1024);
  });
});

// ---------- each bad file through the CLI ----------

describe.concurrent('bianzhi import <bad file>', () => {
  for (const entry of corpus) {
    it(`Given ${entry.file} (${entry.what}) When imported as ${entry.kind} Then it is rejected with "${entry.expect}" and the database is unchanged`, async ({
      expect,
    }) => {
      const before = await databaseFingerprint(context.ctx.pool);
      const run = await runCli(['import', join(badDir, entry.file), '--kind', entry.kind]);
      const after = await databaseFingerprint(context.ctx.pool);
      const output = `${run.stdout}\n${run.stderr}`;

      expect(run.code, output).toBe(1);
      expect(run.stderr, output).toContain('数据库未作任何修改');
      expect(output).not.toMatch(stackLine);
      // the problem is reported on one line with its place
      const line = run.stderr.split('\n').find((l) => matches(l, entry));
      expect(line, `no line with "${entry.expect}" in:\n${run.stderr}`).toBeDefined();
      if (entry.row !== undefined) expect(line).toContain(`第${entry.row}行`);
      if (entry.column !== undefined) expect(line).toContain(`"${entry.column}"列`);
      // a huge cell or a bomb must not be echoed back
      expect(output.length).toBeLessThan(20_000);
      expect(after).toBe(before);
    }, 180_000);
  }
});

// ---------- --dry-run on good files ----------

describe.concurrent('bianzhi import <good file> --dry-run', () => {
  const good: [string, ImportKind][] = [
    ['机构编制.xlsx', 'baseline'],
    ['人员-新增.csv', 'roster'],
    ['职能.xlsx', 'duties'],
    ['工作量.csv', 'workload'],
    ['区域指标.csv', 'indicators'],
  ];
  for (const [file, kind] of good) {
    it(`Given the good ${file} When imported as ${kind} with --dry-run Then it validates, exits 0 and writes nothing`, async ({
      expect,
    }) => {
      const before = await databaseFingerprint(context.ctx.pool);
      const run = await runCli(['import', join(goodDir, file), '--kind', kind, '--dry-run']);
      const after = await databaseFingerprint(context.ctx.pool);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toContain('校验通过(试运行,未写入)');
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(stackLine);
      expect(after).toBe(before);
    }, 180_000);
  }
});

describe('after the whole corpus', () => {
  it('Given every bad file was rejected and every good file only dry-run When the database is compared with the state after the good imports Then nothing changed', async () => {
    expect(await databaseFingerprint(context.ctx.pool)).toBe(initialFingerprint);
  });
});
