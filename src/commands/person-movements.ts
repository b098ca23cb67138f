/**
 * 入编 / 调动 / 任职 / 免职 / 出编 (issue 16): each recorded as a dated movement, checked against the person's own
 * history (domain/movements.ts) and the registry's places, under the district's write lock (two movements of one
 * person, or two entries for the last place, cannot interleave). All or nothing, audited.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { idNumberFacts, maskIdNumber, validateIdNumber } from '../domain/codes.js';
import { calendarDateSchema } from '../domain/dates.js';
import { postKey, quotaKey } from '../domain/ledger.js';
import {
  applyMovement,
  exitTypeLabels,
  exitTypeSchema,
  foldMovements,
  movementTypeLabels,
  MovementError,
  type HeldPlace,
  type MovementType,
  type RosterMovement,
} from '../domain/movements.js';
import { addMonths, availableVacancy, isOpenApproval } from '../domain/staffing.js';
import {
  degrees,
  educationLevels,
  genders,
  politicalStatuses,
  titleLevels,
  leadershipLevelSchema,
  leadershipLevels,
  postClassSchema,
  quotaCategoryLabels,
  quotaCategorySchema,
  allowedQuotaCategories,
  ranks,
} from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { AppError, invariantViolated, notFound, validationFailed } from '../domain/errors.js';
import { appendMovement, loadMovements } from '../store/movements.repository.js';
import { findStaffingRequest, useApprovalPlace, vacancyFigures } from '../store/staffing.repository.js';
import { admitPerson } from '../store/people.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { loadStaffCounts } from '../store/roster.repository.js';
import { insertPerson } from '../store/people.repository.js';
import { uuidv7 } from '../store/ids.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import { reachOf, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { ensureInScope } from './institutions.js';

const uuid = z.string().uuid('标识应为 UUID');
const common = {
  on: calendarDateSchema('变动日期'),
  docNumber: z.string().trim().max(100).nullish(),
  reason: z.string().trim().max(2000).nullish(),
};
const place = {
  institutionId: uuid,
  unitId: uuid.nullish(),
  category: quotaCategorySchema,
  post: z.string().trim().max(100).nullish(),
};
const variants = {
  enter: z.object({
    type: z.literal('enter'),
    ...common,
    ...place,
    /** the open 用编核准 the entry uses */
    approvalId: uuid.nullish(),
    /** an entry without an approval: only as an exception, with its written reason */
    exceptionReason: z.string().trim().max(2000).nullish(),
  }),
  transfer: z.object({ type: z.literal('transfer'), ...common, ...place, approvalId: uuid.nullish() }),
  appoint: z.object({
    type: z.literal('appoint'),
    ...common,
    post: z.string().trim().min(1, '请写明所任职务').max(100),
    level: leadershipLevelSchema,
    postClass: postClassSchema,
  }),
  dismiss: z.object({ type: z.literal('dismiss'), ...common, post: z.string().trim().max(100).nullish() }),
  exit: z.object({ type: z.literal('exit'), ...common, exitType: exitTypeSchema }),
};
/** A movement of the person the route names (the API's body). */
export const personMovementBodySchema = z.discriminatedUnion('type', [
  variants.enter,
  variants.transfer,
  variants.appoint,
  variants.dismiss,
  variants.exit,
]);
const person = { personId: uuid };
/** 入编 of someone not yet in the 实名库: the person (name, ID number) is registered with the entry. */
export const newEntrySchema = variants.enter.extend({
  person: z.object({
    name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过50字'),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((v, c) => {
        const problem = validateIdNumber(v);
        if (problem) c.addIssue({ code: 'custom', message: problem });
      }),
  }),
});
export type NewEntryInput = z.input<typeof newEntrySchema>;
export const personMovementSchema = z.discriminatedUnion('type', [
  variants.enter.extend(person),
  variants.transfer.extend(person),
  variants.appoint.extend(person),
  variants.dismiss.extend(person),
  variants.exit.extend(person),
]);
export type PersonMovementInput = z.input<typeof personMovementSchema>;

/** A recruit's own facts (实名制 person fields): registered before the 入编 that gives the person a place. */
export const newPersonSchema = z.object({
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => validateIdNumber(v) === null, { message: '身份证号码校验不通过' }),
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过50字'),
  gender: z.enum(genders, { message: '性别应为 男 或 女' }).nullish(),
  birthDate: calendarDateSchema('出生日期').nullish(),
  education: z.enum(educationLevels, { message: `学历应为 ${educationLevels.join('、')} 之一` }).nullish(),
  degree: z.enum(degrees, { message: `学位应为 ${degrees.join('、')} 之一` }).nullish(),
  titleLevel: z.enum(titleLevels, { message: `专业技术职称应为 ${titleLevels.join('、')} 之一` }).nullish(),
  politicalStatus: z
    .enum(politicalStatuses, { message: `政治面貌应为 ${politicalStatuses.join('、')} 之一` })
    .nullish(),
  joinedWorkOn: calendarDateSchema('参加工作日期').nullish(),
});
export type NewPersonInput = z.input<typeof newPersonSchema>;

/**
 * Registers a recruit in the 实名库 without a place (the 入编 that follows gives one); the birth date and gender
 * default to what the ID number encodes. Refused when the ID number is already there. Audited.
 */
export async function registerPerson(ctx: CommandContext, input: NewPersonInput) {
  requirePermission(ctx, 'applyAdjustments', '当前角色无权登记人员');
  const p = newPersonSchema.parse(input);
  const encoded = idNumberFacts(p.idNumber);
  const birthDate = p.birthDate ?? encoded.birthDate;
  if (birthDate > ctx.today) throw validationFailed(`出生日期 ${birthDate} 晚于今天`);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const id = await insertPerson(tx, ctx.regionCode, uuidv7(), {
      idNumber: p.idNumber,
      name: p.name,
      gender: p.gender ?? encoded.gender,
      birthDate,
      education: p.education ?? null,
      degree: p.degree ?? null,
      titleLevel: p.titleLevel ?? null,
      politicalStatus: p.politicalStatus ?? null,
      joinedWorkOn: p.joinedWorkOn ?? null,
    });
    if (!id) throw validationFailed('该身份证号码已在实名库中');
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: 'person.register',
      entity: 'person',
      entityId: id,
      after: { name: p.name, idNumber: maskIdNumber(p.idNumber) },
    });
    return { id, name: p.name };
  });
}

/** How far ahead a movement may be dated (a decision recorded before it takes effect). */
export interface MovementRules {
  futureDays: number;
}
export const defaultMovementRules: MovementRules = { futureDays: 31 };

/** Stands for the person an entry registers until the transaction has its id. */
const unknownPerson = '00000000-0000-4000-8000-000000000000';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Records one movement of a person; returns it with the movement id. Throws a Chinese error and writes nothing. */
export const recordPersonMovement = (
  ctx: CommandContext,
  input: PersonMovementInput,
  rules: MovementRules = defaultMovementRules,
) => movementOf(ctx, input, rules, false);

/** Thrown inside the check's transaction to roll it back with what would have been recorded. */
class CheckedOnly {
  constructor(readonly checks: string[]) {}
}

/**
 * The checks of a movement without recording it (the web shows them before anything is sent): every rule of
 * recordPersonMovement runs on the same transaction, which is then rolled back. A refusal is the answer, not an error.
 */
export async function checkPersonMovement(
  ctx: CommandContext,
  input: PersonMovementInput | NewEntryInput,
  rules: MovementRules = defaultMovementRules,
): Promise<{ ok: true; checks: string[] } | { ok: false; refusal: string }> {
  try {
    await movementOf(ctx, input, rules, true);
    throw new Error('a check must roll back');
  } catch (e) {
    if (e instanceof CheckedOnly) return { ok: true, checks: e.checks };
    if (e instanceof AppError && e.code !== 'forbidden') return { ok: false, refusal: e.message };
    throw e;
  }
}

/** 入编 of a person registered with it (or found by ID number in the 实名库); same rules as recordPersonMovement. */
export const enterNewPerson = (ctx: CommandContext, input: NewEntryInput, rules = defaultMovementRules) =>
  movementOf(ctx, input, rules, false);

/** The checks of enterNewPerson without recording anything. */
export const checkNewEntry = (ctx: CommandContext, input: NewEntryInput, rules = defaultMovementRules) =>
  checkPersonMovement(ctx, input, rules);

async function movementOf(
  ctx: CommandContext,
  input: PersonMovementInput | NewEntryInput,
  rules: MovementRules,
  checkOnly: boolean,
) {
  requirePermission(ctx, 'applyAdjustments', '当前角色无权办理人员变动');
  const checks: string[] = [];
  const newPerson = 'person' in input ? newEntrySchema.parse(input).person : undefined;
  const m = personMovementSchema.parse(newPerson ? { ...input, person: undefined, personId: unknownPerson } : input);
  const what = movementTypeLabels[m.type];
  if (m.on > addDays(ctx.today, rules.futureDays)) {
    throw validationFailed(`${what}日期 ${m.on} 晚于今天 ${rules.futureDays} 天以上,不能预先记录`);
  }
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    if (newPerson) {
      const facts = idNumberFacts(newPerson.idNumber);
      const admitted = await admitPerson(tx, ctx.regionCode, { ...newPerson, ...facts });
      m.personId = admitted.id;
      checks.push(
        admitted.created
          ? `${newPerson.name}(身份证号码校验通过)登记入实名库`
          : `${newPerson.name}已在实名库中(曾在编),按其原有记录办理`,
      );
    }
    const person = await tx.query<{ name: string; birth_date: string | null; id_number: string }>(
      `SELECT name, birth_date::text AS birth_date, id_number FROM persons WHERE region_code = $1 AND id = $2 FOR UPDATE`,
      [ctx.regionCode, m.personId],
    );
    const p = person.rows[0];
    if (!p) throw notFound('人员');
    const birth =
      p.birth_date ?? (validateIdNumber(p.id_number) === null ? idNumberFacts(p.id_number).birthDate : null);
    if (birth && m.on <= birth) throw validationFailed(`${p.name}的${what}日期 ${m.on} 不晚于其出生日期 ${birth}`);
    checks.push(`${what}日期 ${m.on}:在出生日期之后,且不超过今天之后${rules.futureDays}天`);

    const state = foldMovements(await loadMovements(tx, ctx.regionCode, m.personId));
    const openId = state.open.get(m.personId);
    const current = openId ? state.assignments.get(openId) : undefined;
    const scope = await reachOf(ctx);
    if (current) ensureInScope(scope, current.institutionId);
    const registry = await readRegistry(tx, ctx.regionCode);
    const institution = (id: string) => {
      const inst = registry.institutions.get(id);
      if (!inst) throw notFound('机构');
      if (inst.status !== 'active') throw validationFailed(`机构"${inst.name}"已撤销`);
      return inst;
    };

    let next: HeldPlace | null = null;
    let approvalId: string | null = null;
    let note: string | null = null;
    let exceptionReason: string | null = null;
    if (m.type === 'enter' || m.type === 'transfer') {
      const inst = institution(m.institutionId);
      ensureInScope(scope, inst.id);
      if (!allowedQuotaCategories[inst.kind].includes(m.category)) {
        throw validationFailed(`"${inst.name}"不能使用${quotaCategoryLabels[m.category]}(编制不得混用)`);
      }
      if (m.unitId) {
        const unit = institution(m.unitId);
        if (unit.parentId !== inst.id) throw validationFailed(`内设机构"${unit.name}"不属于"${inst.name}"`);
      }
      const sameUnit = m.type === 'transfer' && current?.institutionId === inst.id && current.category === m.category;
      if (m.approvalId) {
        const a = await findStaffingRequest(tx, ctx.regionCode, m.approvalId, true);
        if (!a) throw notFound('用编核准');
        const name = a.docNumber ?? '该用编申请';
        if (a.status === 'withdrawn') throw invariantViolated(`${name}已撤回,不能据以${what}`);
        if (a.status !== 'approved') throw invariantViolated(`${name}尚未核准,不能据以${what}`);
        if (a.used >= a.count) throw invariantViolated(`${name}核准的${a.count}名已全部使用,不能再据以${what}`);
        if (!isOpenApproval(a, ctx.today) || (a.expiresOn !== null && m.on > a.expiresOn)) {
          throw invariantViolated(`${name}已于 ${a.expiresOn} 过期,不能据以${what}`);
        }
        if (a.institutionId !== inst.id || a.category !== m.category) {
          throw invariantViolated(
            `${name}核准的是"${a.institutionName}"${quotaCategoryLabels[a.category as keyof typeof quotaCategoryLabels]},与${what}的"${inst.name}"${quotaCategoryLabels[m.category]}不符`,
          );
        }
        await useApprovalPlace(tx, ctx.regionCode, a.id);
        approvalId = a.id;
        checks.push(
          `依据${name}(核准"${a.institutionName}"${quotaCategoryLabels[m.category]}${a.count}名,已用${a.used}名,有效期至 ${a.expiresOn}),本次${what}用去1名,尚余${a.count - a.used - 1}名`,
        );
      } else if (m.type === 'enter') {
        if (!m.exceptionReason) {
          throw invariantViolated(
            `入编须依据"${inst.name}"${quotaCategoryLabels[m.category]}的有效用编核准;如确属例外,须写明例外理由`,
          );
        }
        exceptionReason = m.exceptionReason;
        note = `例外入编(无用编核准):${exceptionReason}`;
        checks.push(`无用编核准的例外入编:例外理由记入审计日志,并由诊断列出`);
      } else if (!sameUnit) {
        // a transfer into another unit: its vacancy is checked like a request's
        const f = (
          await vacancyFigures(tx, ctx.regionCode, ctx.today, addMonths(ctx.today, -12), {
            institutionId: inst.id,
            category: m.category,
          })
        ).get(quotaKey(inst.id, m.category))!;
        if (availableVacancy(f) < 1) {
          throw invariantViolated(
            `调入"${inst.name}"${quotaCategoryLabels[m.category]}没有可用空编(核定${f.approved}名,实有${f.actual}名,已核准待入编${f.reserved}名);须先经用编核准`,
          );
        }
        checks.push(
          `调入"${inst.name}"${quotaCategoryLabels[m.category]}:可用空编${availableVacancy(f)}名(核定${f.approved}名,实有${f.actual}名,已核准待入编${f.reserved}名)`,
        );
      } else {
        checks.push(`在"${inst.name}"${quotaCategoryLabels[m.category]}内调整,不占新的编制`);
      }
      next = {
        institutionId: inst.id,
        unitId: m.unitId ?? null,
        category: m.category,
        post: m.post ?? null,
        // a transfer ends the leadership post of the origin; an appointment at the destination is its own movement
        leadershipLevel: null,
        postClass: null,
      };
    } else if (m.type === 'appoint') {
      if (!current) throw invariantViolated(`${p.name}当前不在编,不能任职`);
      const inst = institution(current.institutionId);
      if (inst.rank && leadershipLevels.indexOf(m.level) < ranks.indexOf(inst.rank as (typeof ranks)[number])) {
        throw invariantViolated(`"${inst.name}"规格为${inst.rank},不能任命${m.level}职务(超规格)`);
      }
      const approved = registry.posts.get(postKey(inst.id, m.level, m.postClass)) ?? 0;
      const { leaders } = await loadStaffCounts(tx, ctx.regionCode, m.on);
      const held =
        (leaders.get(postKey(inst.id, m.level, m.postClass)) ?? 0) -
        (current.leadershipLevel === m.level && current.postClass === m.postClass ? 1 : 0);
      if (held >= approved) {
        throw invariantViolated(`"${inst.name}"${m.level}领导职数核定${approved}名,已配${held}名,没有空缺职数`);
      }
      checks.push(
        `"${inst.name}"${m.level}领导职数核定${approved}名,已配${held}名,任职后${held + 1}名;${inst.rank ? `未超过机构规格(${inst.rank})` : '机构未定规格'}`,
      );
      next = { ...current, post: m.post, leadershipLevel: m.level, postClass: m.postClass };
    } else if (m.type === 'dismiss') {
      if (!current) throw invariantViolated(`${p.name}当前不在编,不能免职`);
      if (!current.leadershipLevel) throw invariantViolated(`${p.name}当前未担任领导职务,无可免职务`);
      next = { ...current, post: m.post ?? null, leadershipLevel: null, postClass: null };
      checks.push(
        `免去${current.leadershipLevel}领导职务,释放"${institution(current.institutionId).name}"1个${current.leadershipLevel}领导职数`,
      );
    } else if (m.type === 'exit') {
      if (current) {
        checks.push(
          `${exitTypeLabels[m.exitType]}出编:"${registry.institutions.get(current.institutionId)?.name ?? ''}"${quotaCategoryLabels[current.category as keyof typeof quotaCategoryLabels]}实有减少1名`,
        );
      }
    }

    const movement: Omit<RosterMovement, 'id'> = {
      personId: m.personId,
      type: m.type as MovementType,
      on: m.on,
      assignmentId: next ? randomUUID() : null,
      place: next
        ? {
            institutionId: next.institutionId,
            unitId: next.unitId,
            category: next.category,
            post: next.post,
            leadershipLevel: next.leadershipLevel,
            postClass: next.postClass,
          }
        : null,
      exitType: m.type === 'exit' ? m.exitType : null,
      importId: null,
    };
    try {
      applyMovement(state, { ...movement, id: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (e instanceof MovementError) throw invariantViolated(`${p.name}:${e.message}`);
      throw e;
    }
    if (current && next && current.institutionId !== next.institutionId) {
      checks.push(`调出"${registry.institutions.get(current.institutionId)?.name ?? ''}",其编制随之释放`);
    }
    if (checkOnly) throw new CheckedOnly(checks);
    const id = await appendMovement(tx, ctx.regionCode, {
      movement,
      fromInstitutionId: current?.institutionId ?? null,
      docNumber: m.docNumber ?? null,
      reason: m.reason ?? null,
      note,
      recordedBy: ctx.actor,
      approvalId,
      exceptionReason,
    });
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: `person.${m.type}`,
      entity: 'person',
      entityId: m.personId,
      before: current
        ? { institutionId: current.institutionId, category: current.category, level: current.leadershipLevel }
        : undefined,
      after: {
        movementId: id,
        on: m.on,
        place: movement.place,
        exitType: m.type === 'exit' ? exitTypeLabels[m.exitType] : undefined,
        docNumber: m.docNumber ?? null,
        approvalId,
        exception: note,
        registered: newPerson ? newPerson.name : undefined,
      },
    });
    return { id, ...movement, approvalId, note };
  });
}
