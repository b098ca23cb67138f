/** Fixtures for the staffing tests: a small district (baseline + roster) imported through the commands. */
import type { CommandContext } from '../src/commands/context.js';
import { importBaseline } from '../src/commands/import-baseline.js';
import { importRoster } from '../src/commands/import-roster.js';
import { idNumberCheckChar } from '../src/domain/codes.js';
import type { InstitutionRecord, PostRecord, QuotaRecord, RosterRecord } from '../src/domain/records.js';

const at = <T>(sheet: string, records: T[]) =>
  records.map((record, i) => ({ record, file: 't.xlsx', sheet, row: i + 2 }));
const opts = { fileName: 't.xlsx', fileSha256: 'x' };

/** A roster row as a file lists it (defaults: 行政编制, 入编 2015-01-01). */
export const rosterRow = (
  name: string,
  idNumber: string,
  institution: string,
  extra: Partial<RosterRecord> = {},
): RosterRecord => ({
  name,
  idNumber,
  institution,
  category: 'admin',
  startOn: '2015-01-01',
  ...extra,
});

/** A valid ID number of the test district for a birth date `YYYYMMDD` and a 3-digit sequence. */
export const idNo = (birth: string, seq: string) => {
  const first17 = `370102${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

export const inst = (
  name: string,
  kind: InstitutionRecord['kind'],
  extra: Partial<InstitutionRecord> = {},
): InstitutionRecord => ({
  name,
  kind,
  alsoNamed: [],
  civilServiceManaged: false,
  ...extra,
});

/**
 * A small district imported through the commands (baseline effective 2010-01-01, then the roster): the ids of its
 * institutions and persons by name.
 */
export async function seedDistrict(
  ctx: CommandContext,
  d: { institutions: InstitutionRecord[]; quotas: QuotaRecord[]; posts: PostRecord[]; roster: RosterRecord[] },
) {
  const baseline = await importBaseline(
    ctx,
    {
      institutions: at('机构', d.institutions),
      quotas: at('编制', d.quotas),
      posts: at('职数', d.posts),
    },
    { ...opts, effectiveOn: '2010-01-01' },
  );
  if (!baseline.ok) throw new Error(JSON.stringify(baseline.problems));
  async function* rows() {
    yield* at('人员', d.roster);
  }
  const roster = await importRoster(ctx, rows(), opts);
  if (!roster.ok) throw new Error(JSON.stringify(roster.problems));
  const ids = await ctx.pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM institutions WHERE region_code = $1`,
    [ctx.regionCode],
  );
  const people = await ctx.pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM persons WHERE region_code = $1`,
    [ctx.regionCode],
  );
  const byName = (rows: { id: string; name: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.id]));
  return { institutions: byName(ids.rows), persons: byName(people.rows) };
}

/**
 * 区财政局 (正科, 行政编制 3, 正科职数 1), 区审计局 (正科, 行政编制 2), 区会计服务中心 (事业 2); roster: 张三 and 李四
 * in 区财政局 (张三 正科), 王五 in 区审计局.
 */
export function seedStaffingDistrict(ctx: CommandContext) {
  return seedDistrict(ctx, {
    institutions: [
      inst('区财政局', 'gov_dept', { rank: '正科' }),
      inst('区审计局', 'gov_dept', { rank: '正科' }),
      inst('区会计服务中心', 'public_institution', { rank: '股级', parent: '区财政局' }),
    ],
    quotas: [
      { institution: '区财政局', category: 'admin', approved: 3 },
      { institution: '区审计局', category: 'admin', approved: 2 },
      { institution: '区会计服务中心', category: 'public_service', approved: 2 },
    ],
    posts: [
      { institution: '区财政局', level: '正科', postClass: 'admin', approved: 1 },
      { institution: '区财政局', level: '副科', postClass: 'admin', approved: 1 },
      { institution: '区审计局', level: '正科', postClass: 'admin', approved: 1 },
    ],
    roster: [
      rosterRow('张三', idNo('19800101', '001'), '区财政局', { leadershipLevel: '正科', post: '局长' }),
      rosterRow('李四', idNo('19900215', '002'), '区财政局'),
      rosterRow('王五', idNo('19750710', '003'), '区审计局'),
    ],
  });
}
