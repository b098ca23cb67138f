/** The benchmark district (100 bureaus with room for everyone) and its generated people. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type pg from 'pg';
import { importBaseline } from '../src/commands/import-baseline.js';
import { defineRegion } from '../src/commands/regions.js';
import { idNumberCheckChar } from '../src/domain/codes.js';
import { recordColumns } from '../src/domain/records.js';

export const region = '370102';
const institutions = 100;
export const instName = (i: number) => `区第${String(i).padStart(3, '0')}局`;

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
export function person(i: number) {
  const day = i % 14_600;
  const birth = new Date(Date.UTC(1965, 0, 1) + day * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const seq = String(Math.floor(i / 14_600)).padStart(3, '0');
  const first17 = `370102${ymd}${seq}`;
  const id = first17 + idNumberCheckChar(first17);
  return {
    name: surnames[i % surnames.length]! + given[(i * 7) % given.length]! + given[(i * 13) % given.length]!,
    idNumber: id,
    gender: Number(seq[2]) % 2 === 1 ? '男' : '女',
    birthDate: birth.toISOString().slice(0, 10),
    education: '大学本科',
    degree: '学士',
    titleLevel: '无',
    politicalStatus: '群众',
    joinedWorkOn: '2010-07-01',
    institution: instName(i % institutions),
    category: '行政编制',
    post: '科员',
    leadershipLevel: '',
    postClass: '',
    startOn: '2012-01-01',
    unit: '',
  };
}

export async function setupBenchDistrict(pool: pg.Pool) {
  const ctx = { pool: pool, regionCode: region, actor: 'bench', today: new Date().toISOString().slice(0, 10) };
  await defineRegion(ctx, { regionCode: region, name: '基准测试区' });
  const loc = (i: number) => ({ file: 'bench', sheet: '机构', row: i + 2 });
  const base = await importBaseline(
    ctx,
    {
      institutions: Array.from({ length: institutions }, (_, i) => ({
        ...loc(i),
        record: { name: instName(i), kind: 'gov_dept' as const, alsoNamed: [], civilServiceManaged: false },
      })),
      quotas: Array.from({ length: institutions }, (_, i) => ({
        ...loc(i),
        record: { institution: instName(i), category: 'admin' as const, approved: 10_000 },
      })),
      posts: [],
    },
    { fileName: 'bench', fileSha256: '' },
  );
  if (!base.ok) throw new Error(JSON.stringify(base.problems));
}

/** A roster CSV of the given rows (keyed by column key), in the template's columns. */
export async function writeRosterCsv(file: string, rows: Iterable<Record<string, string>>) {
  const specs = recordColumns.roster;
  const w = createWriteStream(file);
  let buf = specs.map((s) => s.header).join(',') + '\n';
  for (const p of rows) {
    buf += specs.map((s) => p[s.key] ?? '').join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!w.write(buf)) await once(w, 'drain');
      buf = '';
    }
  }
  w.end(buf);
  await once(w, 'finish');
}

/** The first `n` bench persons as CSV rows. */
export function* people(n: number) {
  for (let i = 0; i < n; i++) yield person(i) as Record<string, string>;
}
