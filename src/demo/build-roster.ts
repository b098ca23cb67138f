/**
 * The 实名制 roster: for every staffed unit, people per quota category near the approved figure, leaders per approved
 * post, ages around the unit's own mean. Planted distortions (over quota, long vacancy, mixed categories, excess
 * leaders, an ageing bureau, titles missing in 科技/金融 units, an understaffed street) touch only the units named in
 * the plan; every other unit draws from its own stream and is identical in both districts.
 */
import type { RosterRecord } from '../domain/records.js';
import type { QuotaCategory } from '../domain/vocabulary.js';
import type { UnitModel } from './build-institutions.js';
import { makePerson, type PersonSpec } from './people.js';
import { plan } from './plan.js';
import type { Rng } from './random.js';
import { streamFor, type Profile } from './spec.js';

const maleShare: Record<Profile, number> = {
  organ: 0.58,
  school: 0.3,
  kindergarten: 0.04,
  hospital: 0.36,
  health: 0.38,
  tech: 0.6,
  finance: 0.45,
  service: 0.5,
  culture: 0.45,
  elderly: 0.3,
  enforcement: 0.78,
};

const localLeaders = {
  street: {
    正科: ['党工委书记', '办事处主任', '人大街道工委主任'],
    副科: ['党工委副书记', '办事处副主任', '纪工委书记', '办事处副主任', '武装部长', '办事处副主任'],
  },
  township: {
    正科: ['党委书记', '镇长', '人大主席'],
    副科: ['党委副书记', '副镇长', '纪委书记', '副镇长', '组织委员', '武装部长', '副镇长'],
  },
};

function leaderPost(m: UnitModel, level: '正科' | '副科', i: number): string {
  if (m.kind === 'street' || m.kind === 'township') {
    const list = localLeaders[m.kind][level];
    return list[i % list.length]!;
  }
  if (m.kind === 'public_institution') return i === 0 ? m.titles[0] : i === 1 ? '党支部书记' : m.titles[1];
  return level === '正科' ? m.titles[0] : m.titles[1];
}

/** Head of an internal unit by the unit's name (科长, 主任, 庭长…). */
function unitHeadTitle(unit: string): string {
  const table: [string, string][] = [
    ['大队', '大队长'],
    ['科', '科长'],
    ['庭', '庭长'],
    ['局', '局长'],
    ['部', '部长'],
    ['队', '队长'],
    ['组', '组长'],
  ];
  for (const [end, t] of table) if (unit.endsWith(end)) return unit + t;
  return `${unit}主任`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/** People on a category: the approved figure less a little natural vacancy. */
function filled(rng: Rng, approved: number): number {
  if (approved <= 2) return rng.chance(0.8) ? approved : approved - 1;
  return clamp(Math.round(approved * (0.84 + rng.next() * 0.16)), 1, approved);
}

function mainCategory(m: UnitModel): QuotaCategory {
  return (Object.keys(m.quota) as QuotaCategory[]).find((c) => c !== 'worker') ?? 'worker';
}

interface Slot {
  category: QuotaCategory;
  leader?: PersonSpec['leader'];
  profile: Profile;
}

function slotsOf(rng: Rng, m: UnitModel, planted: boolean): Slot[] {
  const slots: Slot[] = [];
  const main = mainCategory(m);
  const leaders: Slot[] = [];
  for (const post of m.posts) {
    let holders = post.approved;
    if (holders >= 2 && rng.chance(0.15)) holders--; // a post waiting to be filled
    const excess = plan.leadershipExcess.find((e) => e.name === m.name && e.level === post.level);
    if (planted && excess) holders = post.approved + excess.extra;
    for (let i = 0; i < holders; i++) {
      const level = post.level as '正科' | '副科';
      leaders.push({
        category: main,
        profile: m.profile,
        leader: { level, post: leaderPost(m, level, i), postClass: post.postClass },
      });
    }
  }
  for (const [category, approved] of Object.entries(m.quota) as [QuotaCategory, number][]) {
    let n = filled(rng, approved);
    if (planted) {
      const over = plan.overQuota.find((o) => o.name === m.name && o.category === category);
      if (over) n = approved + over.extra;
      if (m.name === plan.vacant.name && category === main) n = plan.vacant.actual;
      if (m.name === plan.overloadedStreet && category === main) n = plan.overloadedActual;
    }
    const own = category === main ? leaders.splice(0, n) : [];
    slots.push(...own);
    for (let i = own.length; i < n; i++) slots.push({ category, profile: m.profile });
  }
  if (planted) {
    for (const mix of plan.mixed.filter((x) => x.name === m.name)) {
      for (let i = 0; i < mix.count; i++) slots.push({ category: mix.category, profile: 'service' });
    }
  }
  return slots;
}

function drawAges(rng: Rng, m: UnitModel, slots: Slot[], planted: boolean): number[] {
  const ageing = planted && m.name === plan.ageing;
  const longVacant = planted && m.name === plan.vacant.name;
  const target = ageing ? 54 : clamp(rng.normal(41.5, 2.3), 37, 46);
  const ages = slots.map((s) => {
    if (ageing) return clamp(Math.round(rng.normal(target, 3.5)), 44, 59);
    const a = Math.round(rng.normal(target, 8.5));
    // nobody has entered the long-vacant unit for years, so nobody there is young
    const floor = longVacant ? 38 : 23;
    if (s.leader?.level === '正科') return clamp(a + 6, Math.max(38, floor), 57);
    if (s.leader) return clamp(a + 3, Math.max(31, floor), 56);
    return clamp(a, floor, 59);
  });
  // no ordinary unit should look old by chance: pull a high mean back
  if (!ageing && ages.length > 0) {
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    if (mean > 46)
      for (let i = 0; i < ages.length; i++) ages[i] = Math.max(longVacant ? 38 : 23, ages[i]! - Math.ceil(mean - 45));
  }
  return ages;
}

export function buildRoster(seed: number, planted: boolean, models: UnitModel[], asOf: string): RosterRecord[] {
  const roster: RosterRecord[] = [];
  const taken = new Set<string>();
  for (const m of models) {
    const rng = streamFor(seed, `staff:${m.name}`);
    const slots = slotsOf(rng, m, planted);
    const ages = drawAges(rng, m, slots, planted);
    const fewTitles = planted && plan.shortage.includes(m.name);
    // internal units: the first member placed in each becomes its head
    const headed = new Set<string>();
    slots.forEach((s, i) => {
      let age = ages[i]!;
      const maleP = s.leader
        ? 0.74
        : s.category === 'worker'
          ? 0.8
          : m.name === '区公安分局'
            ? 0.86
            : maleShare[s.profile];
      const gender = rng.chance(maleP) ? '男' : '女';
      if (gender === '女' && age > 54) age = 54 - rng.int(0, 3); // women retire earlier
      let unit: string | undefined;
      let post: string | undefined;
      if (!s.leader && m.units.length > 0 && s.category !== 'worker') {
        unit = m.units[i % m.units.length];
        if (unit && !headed.has(unit) && age >= 32) {
          headed.add(unit);
          post = unitHeadTitle(unit);
        }
      }
      roster.push(
        makePerson(
          rng,
          {
            institution: m.name,
            category: s.category,
            profile: s.profile,
            age,
            gender,
            leader: s.leader,
            fewTitles,
            startBy: planted && m.name === plan.vacant.name ? plan.vacant.lastStartOn : undefined,
            post,
            unit,
          },
          asOf,
          taken,
        ),
      );
    });
  }
  return roster;
}
