/**
 * A server on a fresh test database with a small district and one signed-in user per role: what the HTTP tests need.
 * The district: 区财政局 (with its 办公室 and 预算股), 区审计局, 区财政服务中心 (事业单位 under 财政局), 12 people.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { applyAdjustment, createAdjustment } from '../src/commands/adjustments.js';
import type { CommandContext } from '../src/commands/context.js';
import { importFile } from '../src/commands/import-file.js';
import { changePassword, createUser } from '../src/commands/users.js';
import { idNumberCheckChar } from '../src/domain/codes.js';
import { roles, type Role } from '../src/domain/vocabulary.js';
import { buildServer } from '../src/server/app.js';
import { afterAll, beforeAll } from 'vitest';
import { createTestContext } from './context.js';
import { createInstitutionItem, setQuotaItem } from './factories.js';

export const testPassword = '编办-Test-Password-2026';

export interface SmallDistrict {
  finance: string;
  financeOffice: string;
  budgetSection: string;
  audit: string;
  financeCenter: string;
}

export function idNumber(serial: number, birth = '19850312'): string {
  const first17 = `370102${birth}${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export async function buildSmallDistrict(ctx: CommandContext): Promise<SmallDistrict> {
  const finance = createInstitutionItem('区财政局', 'gov_dept', { sortOrder: 1 });
  const financeOffice = createInstitutionItem('办公室', 'internal_unit', { parentId: finance.id, rank: '股级' });
  const budgetSection = createInstitutionItem('预算股', 'internal_unit', { parentId: finance.id, rank: '股级' });
  const audit = createInstitutionItem('区审计局', 'gov_dept', { sortOrder: 2 });
  const financeCenter = createInstitutionItem('区财政服务中心', 'public_institution', {
    parentId: finance.id,
    sortOrder: 3,
    piClass: '公益一类',
    funding: '全额',
  });
  const a = await createAdjustment(ctx, {
    docNumber: '示编〔2024〕1号',
    title: '初始机构编制',
    effectiveOn: '2024-01-01',
    items: [
      finance,
      financeOffice,
      budgetSection,
      audit,
      financeCenter,
      setQuotaItem(finance.id, 'admin', 10),
      setQuotaItem(audit.id, 'admin', 8),
      setQuotaItem(financeCenter.id, 'public_service', 6),
      { op: 'set_posts', institutionId: finance.id, level: '正科', postClass: 'admin', approved: 1 },
      { op: 'set_posts', institutionId: finance.id, level: '副科', postClass: 'admin', approved: 2 },
    ],
  });
  await applyAdjustment(ctx, a.id, { allowUnapproved: true });

  const header =
    '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
  const rows = [
    [
      '张伟',
      idNumber(11),
      '男',
      '1985-03-12',
      '大学本科',
      '区财政局',
      '行政编制',
      '局长',
      '正科',
      '行政类',
      '2010-07-01',
      '',
    ],
    [
      '李娜',
      idNumber(22),
      '女',
      '1985-03-12',
      '研究生',
      '区财政局',
      '行政编制',
      '副局长',
      '副科',
      '行政类',
      '2012-07-01',
      '',
    ],
    [
      '王芳',
      idNumber(32),
      '女',
      '1985-03-12',
      '大学本科',
      '区财政局',
      '行政编制',
      '科员',
      '',
      '',
      '2015-07-01',
      '办公室',
    ],
    [
      '赵磊',
      idNumber(41),
      '男',
      '1985-03-12',
      '大学本科',
      '区财政局',
      '行政编制',
      '科员',
      '',
      '',
      '2016-07-01',
      '预算股',
    ],
    ['刘洋', idNumber(51), '男', '1985-03-12', '大学专科', '区财政局', '行政编制', '科员', '', '', '2018-07-01', ''],
    [
      '陈静',
      idNumber(62),
      '女',
      '1985-03-12',
      '大学本科',
      '区审计局',
      '行政编制',
      '局长',
      '正科',
      '行政类',
      '2009-07-01',
      '',
    ],
    ['杨帆', idNumber(71), '男', '1985-03-12', '研究生', '区审计局', '行政编制', '科员', '', '', '2019-07-01', ''],
    ['黄敏', idNumber(82), '女', '1985-03-12', '大学本科', '区审计局', '行政编制', '科员', '', '', '2020-07-01', ''],
    [
      '周强',
      idNumber(91),
      '男',
      '1985-03-12',
      '大学本科',
      '区财政服务中心',
      '事业编制',
      '主任',
      '',
      '',
      '2011-07-01',
      '',
    ],
    [
      '吴丽',
      idNumber(102),
      '女',
      '1985-03-12',
      '大学本科',
      '区财政服务中心',
      '事业编制',
      '职员',
      '',
      '',
      '2014-07-01',
      '',
    ],
    [
      '徐刚',
      idNumber(111),
      '男',
      '1985-03-12',
      '大学专科',
      '区财政服务中心',
      '事业编制',
      '职员',
      '',
      '',
      '2017-07-01',
      '',
    ],
    [
      '孙悦',
      idNumber(122),
      '女',
      '1985-03-12',
      '研究生',
      '区财政服务中心',
      '事业编制',
      '职员',
      '',
      '',
      '2021-07-01',
      '',
    ],
  ];
  const dir = await mkdtemp(join(tmpdir(), 'bianzhi-roster-'));
  try {
    const path = join(dir, '实名制人员.csv');
    await writeFile(path, [header, ...rows.map((r) => r.join(','))].join('\n'));
    const r = await importFile(ctx, path, 'roster');
    if (!r.ok) throw new Error(`roster fixture did not import: ${JSON.stringify(r.problems.slice(0, 3))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    finance: finance.id,
    financeOffice: financeOffice.id,
    budgetSection: budgetSection.id,
    audit: audit.id,
    financeCenter: financeCenter.id,
  };
}

/** One user per role (the reporter belongs to 区财政局), each with `testPassword` already set. */
export async function createRoleUsers(ctx: CommandContext) {
  for (const role of roles) {
    const u = await createUser(ctx, {
      username: role,
      role,
      institution: role === 'reporter' ? '区财政局' : undefined,
    });
    await changePassword(ctx, role, u.oneTimePassword, testPassword);
  }
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

export async function signIn(app: FastifyInstance, username: string, password = testPassword): Promise<SignedIn> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((x) => x.name === 'bianzhi_session')!;
  return { cookie: `bianzhi_session=${c.value}`, csrfToken: r.json().csrfToken };
}

export type Caller = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/** Requests as a signed-in user: the session cookie, and the CSRF header on writes. */
export function callerFor(app: FastifyInstance, s: SignedIn): Caller {
  return (opts) =>
    app.inject({
      ...opts,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(opts.headers ?? {}) },
    });
}

export async function createServerFixture() {
  const { ctx, database } = await createTestContext();
  const ids = await buildSmallDistrict(ctx);
  await createRoleUsers(ctx);
  const app = await buildServer({
    pool: ctx.pool,
    regionCode: ctx.regionCode,
    today: () => ctx.today,
    loginAttemptsPerMinute: 10_000,
  });
  const as = {} as Record<Role, Caller>;
  for (const role of roles) as[role] = callerFor(app, await signIn(app, role));
  return {
    ctx,
    app,
    ids,
    as,
    pool: ctx.pool,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A multipart upload of one file (field "file"), as the import and sync routes take it. */
export const multipart = (fileName: string, content: string) => {
  const boundary = '----bianzhi-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

export type ServerFixture = Awaited<ReturnType<typeof createServerFixture>>;

/**
 * The test file's server fixture: built before the file's tests (and before the hooks registered after this call),
 * closed after them. The object is filled in when the hooks run: read its fields inside hooks and tests.
 */
export function useServerFixture(): ServerFixture {
  const f = {} as ServerFixture;
  beforeAll(async () => {
    Object.assign(f, await createServerFixture());
  });
  afterAll(async () => {
    if ('close' in f) await f.close();
  });
  return f;
}
