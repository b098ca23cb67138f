/**
 * 增减花名册 and 编制使用台账 of a month as .xlsx (issue 16 item 6). ID numbers follow the rule of every read: whole
 * only for the roles that may see them (and the administrator on the machine), masked otherwise; a reporter gets its
 * own institution only. Every file handed out is audited with its rows and how many whole numbers it holds.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { maskIdNumber } from '../domain/codes.js';
import { forbidden, validationFailed } from '../domain/errors.js';
import type { InstitutionState } from '../domain/ledger.js';
import {
  ledgerLines,
  monthPeriod,
  registerEntries,
  type LedgerApproval,
  type RegisterEntry,
} from '../domain/registers.js';
import {
  addMonths,
  isOpenApproval,
  recruitmentChannelLabels,
  staffingRequestStatusLabels,
} from '../domain/staffing.js';
import { quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { writeReportWorkbook, type ReportSheet } from '../io/table-writer.js';
import { readRegistry } from '../store/registry.repository.js';
import { registerMovements, type RegisterMovementRow } from '../store/registers.repository.js';
import { listStaffingRequests, vacancyFigures } from '../store/staffing.repository.js';
import { auditDisclosure, mayUnmask, reachOf, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { defaultStaffingRules } from './staffing.js';

type Ctx = Pick<CommandContext, 'pool' | 'regionCode' | 'actor' | 'access' | 'today'>;

export const changeRegisterFileName = (month: string) => `增减花名册-${month}.xlsx`;
export const staffingLedgerFileName = (month: string, institution?: string) =>
  institution
    ? `编制使用台账-${institution.replace(/[\\/:*?"<>|]/g, '_')}-${month}.xlsx`
    : `编制使用台账-${month}.xlsx`;

const categoryLabel = (c: string) => quotaCategoryLabels[c as QuotaCategory] ?? c;
const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function period(month: string) {
  const p = monthPeriod(month);
  if (!p) throw validationFailed(`月份"${month}"无效,应为 YYYY-MM`);
  return p;
}

/** What both registers read: the registry, the month's lines, the reach and the ID-number rule. */
async function readMonth(ctx: Ctx, month: string) {
  const { from, to } = period(month);
  const registry = await readRegistry(ctx.pool, ctx.regionCode);
  const scope = await reachOf(ctx);
  const inReach = (id: string) => !scope || scope.has(id);
  const entries = registerEntries(await registerMovements(ctx.pool, ctx.regionCode, from, to)).filter((e) =>
    inReach(e.institutionId),
  );
  const reveal = mayUnmask(ctx);
  let revealed = 0;
  const idNumber = (n: string) => {
    if (!reveal) return maskIdNumber(n);
    revealed++;
    return n;
  };
  const name = (id: string | null) => (id ? (registry.institutions.get(id)?.name ?? '') : '');
  return { from, to, registry, scope, inReach, entries, idNumber, revealed: () => revealed, name };
}

type Month = Awaited<ReturnType<typeof readMonth>>;

/** Institutions in the registry's order (sort order, then name). */
const byRegistryOrder = (registry: Month['registry']) => (a: string, b: string) => {
  const ia = registry.institutions.get(a);
  const ib = registry.institutions.get(b);
  return (ia?.sortOrder ?? 0) - (ib?.sortOrder ?? 0) || (ia?.name ?? a).localeCompare(ib?.name ?? b, 'zh');
};

function changeSheet(
  mo: Month,
  month: string,
  direction: 'added' | 'removed',
  entries: RegisterEntry<RegisterMovementRow>[],
): ReportSheet {
  const what = direction === 'added' ? '增加' : '减少';
  const rows = entries
    .filter((e) => e.direction === direction)
    .map((e, i) => [
      i + 1,
      e.movement.name,
      e.movement.gender,
      mo.idNumber(e.movement.idNumber),
      mo.name(e.institutionId),
      mo.name(e.unitId) || null,
      categoryLabel(e.category),
      e.post,
      e.label,
      e.movement.on,
      e.movement.docNumber,
      [e.movement.reason, e.movement.note].filter(Boolean).join(';') || null,
    ]);
  return {
    name: `${what}人员`,
    title: `${monthTitle(month)}人员${what}花名册(${mo.from} 至 ${mo.to})`,
    columns: [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '性别', width: 6 },
      { header: '身份证号', width: 21, text: true },
      { header: '单位', width: 28 },
      { header: '内设机构', width: 16 },
      { header: '编制类型', width: 14 },
      { header: '职务', width: 14 },
      { header: '变动类型', width: 18 },
      { header: '变动日期', width: 12 },
      { header: '文号', width: 22, text: true },
      { header: '备注', width: 30 },
    ],
    rows,
  };
}

/** 增减花名册 of `month` into `path`: sheets 增加人员 and 减少人员. Returns the rows of each. */
export async function writeChangeRegister(ctx: Ctx, path: string, month: string) {
  requirePermission(ctx, 'exportData');
  const mo = await readMonth(ctx, month);
  const order = byRegistryOrder(mo.registry);
  const entries = [...mo.entries].sort(
    (a, b) =>
      (a.movement.on < b.movement.on ? -1 : a.movement.on > b.movement.on ? 1 : 0) ||
      order(a.institutionId, b.institutionId),
  );
  const rows = await writeReportWorkbook(path, [
    changeSheet(mo, month, 'added', entries),
    changeSheet(mo, month, 'removed', entries),
  ]);
  const counts = { added: rows['增加人员'] ?? 0, removed: rows['减少人员'] ?? 0 };
  await auditDisclosure(ctx, {
    action: 'register.export',
    entity: 'export',
    after: {
      register: '增减花名册',
      month,
      ...counts,
      idNumbersMasked: !mayUnmask(ctx),
      idNumbersRevealed: mo.revealed(),
    },
  });
  return counts;
}

/**
 * 编制使用台账 of `month` into `path` (one institution when given; a reporter's own institution only): 汇总 (per
 * institution and category: 核定, 实有, 已核准待入编, 可用空编 on the month's last day or today if earlier, and the
 * month's approvals, entries, transfers and exits), 用编核准 (approvals of the month and those still holding places),
 * 明细 (every approval and movement of the month by institution).
 */
export async function writeStaffingLedger(ctx: Ctx, path: string, month: string, institutionId?: string) {
  requirePermission(ctx, 'readOwnUnit');
  const mo = await readMonth(ctx, month);
  if (institutionId && !mo.inReach(institutionId)) throw forbidden('单位填报员无权查看其他单位的编制使用台账');
  if (!institutionId && mo.scope)
    throw forbidden('单位填报员无权下载全区的编制使用台账,只能下载本单位的(请指定本单位)');
  if (institutionId && !mo.registry.institutions.has(institutionId)) throw validationFailed('机构不存在');
  const only = (id: string) => !institutionId || id === institutionId;
  const figuresOn = mo.to < ctx.today ? mo.to : ctx.today;
  const figures = new Map(
    [
      ...(await vacancyFigures(
        ctx.pool,
        ctx.regionCode,
        figuresOn,
        addMonths(figuresOn, -defaultStaffingRules.replacementMonths),
      )),
    ].filter(([key]) => only(key.split('|')[0]!)),
  );
  const requests = (await listStaffingRequests(ctx.pool, ctx.regionCode)).filter(
    (r) =>
      only(r.institutionId) &&
      r.approvedOn !== null &&
      r.approvedOn <= mo.to &&
      (r.approvedOn >= mo.from || isOpenApproval(r, figuresOn)),
  );
  const approvedInMonth: LedgerApproval[] = requests.filter((r) => r.approvedOn! >= mo.from);
  const entries = mo.entries.filter((e) => only(e.institutionId));
  const order = byRegistryOrder(mo.registry);
  const lines = ledgerLines(figures, entries, approvedInMonth)
    .filter((l) => {
      const inst = mo.registry.institutions.get(l.institutionId) as InstitutionState | undefined;
      return inst?.status === 'active' || l.actual > 0 || l.entered + l.exited + l.transferredIn + l.transferredOut > 0;
    })
    .sort((a, b) => order(a.institutionId, b.institutionId) || a.category.localeCompare(b.category));
  const scopeTitle = institutionId ? mo.name(institutionId) : '全区';
  const details: { institutionId: string; on: string; row: (string | number | null)[] }[] = [];
  for (const r of requests.filter((x) => x.approvedOn! >= mo.from)) {
    details.push({
      institutionId: r.institutionId,
      on: r.approvedOn!,
      row: [
        mo.name(r.institutionId),
        categoryLabel(r.category),
        r.approvedOn,
        '用编核准',
        `${r.count}名`,
        null,
        r.docNumber,
        r.reason,
      ],
    });
  }
  for (const e of entries) {
    details.push({
      institutionId: e.institutionId,
      on: e.movement.on,
      row: [
        mo.name(e.institutionId),
        categoryLabel(e.category),
        e.movement.on,
        e.label,
        e.movement.name,
        mo.idNumber(e.movement.idNumber),
        e.movement.docNumber,
        e.movement.note,
      ],
    });
  }
  details.sort((a, b) => order(a.institutionId, b.institutionId) || (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const sheets: ReportSheet[] = [
    {
      name: '汇总',
      title: `${scopeTitle}编制使用台账(${monthTitle(month)},编制数截至 ${figuresOn})`,
      columns: [
        { header: '序号', width: 6 },
        { header: '单位', width: 28 },
        { header: '编制类型', width: 14 },
        { header: '核定编制', width: 10 },
        { header: '实有人数', width: 10 },
        { header: '已核准待入编(占编)', width: 12 },
        { header: '可用空编', width: 10 },
        { header: '本月核准用编', width: 10 },
        { header: '本月入编', width: 10 },
        { header: '本月调入', width: 10 },
        { header: '本月调出', width: 10 },
        { header: '本月出编', width: 10 },
      ],
      rows: lines.map((l, i) => [
        i + 1,
        mo.name(l.institutionId),
        categoryLabel(l.category),
        l.approved,
        l.actual,
        l.reserved,
        l.available,
        l.approvedPlaces,
        l.entered,
        l.transferredIn,
        l.transferredOut,
        l.exited,
      ]),
    },
    {
      name: '用编核准',
      title: `${scopeTitle}用编核准及占编情况(${monthTitle(month)})`,
      columns: [
        { header: '序号', width: 6 },
        { header: '单位', width: 28 },
        { header: '编制类型', width: 14 },
        { header: '核准文号', width: 22, text: true },
        { header: '核准日期', width: 12 },
        { header: '有效期至', width: 12 },
        { header: '核准名额', width: 10 },
        { header: '已入编', width: 10 },
        { header: '尚占编', width: 10 },
        { header: '状态', width: 10 },
        { header: '补充方式', width: 12 },
      ],
      rows: requests
        .sort((a, b) => order(a.institutionId, b.institutionId) || a.approvedOn!.localeCompare(b.approvedOn!))
        .map((r, i) => {
          const open = isOpenApproval(r, figuresOn);
          const state = r.status !== 'approved' ? r.status : r.used >= r.count ? 'used' : open ? 'approved' : 'expired';
          return [
            i + 1,
            mo.name(r.institutionId),
            categoryLabel(r.category),
            r.docNumber,
            r.approvedOn,
            r.expiresOn,
            r.count,
            r.used,
            open ? r.count - r.used : 0,
            staffingRequestStatusLabels[state as keyof typeof staffingRequestStatusLabels] ?? state,
            recruitmentChannelLabels[r.channel as keyof typeof recruitmentChannelLabels] ?? r.channel,
          ];
        }),
    },
    {
      name: '明细',
      title: `${scopeTitle}编制使用明细(${mo.from} 至 ${mo.to})`,
      columns: [
        { header: '序号', width: 6 },
        { header: '单位', width: 28 },
        { header: '编制类型', width: 14 },
        { header: '日期', width: 12 },
        { header: '事项', width: 18 },
        { header: '姓名/名额', width: 10 },
        { header: '身份证号', width: 21, text: true },
        { header: '文号', width: 22, text: true },
        { header: '备注', width: 30 },
      ],
      rows: details.map((d, i) => [i + 1, ...d.row]),
    },
  ];
  const rows = await writeReportWorkbook(path, sheets);
  await auditDisclosure(ctx, {
    action: 'register.export',
    entity: 'export',
    entityId: institutionId ?? null,
    after: {
      register: '编制使用台账',
      month,
      rows,
      idNumbersMasked: !mayUnmask(ctx),
      idNumbersRevealed: mo.revealed(),
    },
  });
  return { lines: lines.length, approvals: requests.length, details: details.length };
}

/**
 * Both registers of `month` into `dir` (`bianzhi registers`): the 增减花名册, the district's 编制使用台账 and, with
 * `perInstitution`, one 台账 per institution holding quota (in a folder of the month).
 */
export async function writeRegisters(
  ctx: Ctx,
  dir: string,
  opts: { month: string; institution?: string; perInstitution?: boolean },
) {
  period(opts.month);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const changes = await writeChangeRegister(ctx, join(dir, changeRegisterFileName(opts.month)), opts.month);
  files.push(changeRegisterFileName(opts.month));
  const registry = await readRegistry(ctx.pool, ctx.regionCode);
  const byName = (name: string) => {
    const inst = [...registry.institutions.values()].find((i) => i.name === name && i.status === 'active');
    if (!inst) throw validationFailed(`机构"${name}"不存在(请写机构全称)`);
    return inst;
  };
  if (opts.institution) {
    const inst = byName(opts.institution);
    const file = staffingLedgerFileName(opts.month, inst.name);
    await writeStaffingLedger(ctx, join(dir, file), opts.month, inst.id);
    files.push(file);
  } else {
    await writeStaffingLedger(ctx, join(dir, staffingLedgerFileName(opts.month)), opts.month);
    files.push(staffingLedgerFileName(opts.month));
  }
  if (opts.perInstitution && !opts.institution) {
    const sub = `编制使用台账-${opts.month}`;
    await mkdir(join(dir, sub), { recursive: true });
    const withQuota = new Set([...registry.quotas.keys()].map((k) => k.split('|')[0]!));
    for (const inst of registry.institutions.values()) {
      if (inst.status !== 'active' || !withQuota.has(inst.id)) continue;
      const file = join(sub, staffingLedgerFileName(opts.month, inst.name));
      await writeStaffingLedger(ctx, join(dir, file), opts.month, inst.id);
      files.push(file);
    }
  }
  return { files, changes };
}
