/**
 * One person of the roster: birth, ID number, education, title, party membership, career dates and post, drawn to
 * look like a Chinese 机关/事业单位 roster (teachers mostly women, 公安 mostly men, titles only where a career allows).
 */
import { idNumberCheckChar } from '../domain/codes.js';
import type { RosterRecord } from '../domain/records.js';
import type { QuotaCategory } from '../domain/vocabulary.js';
import { birthplaceWeights, personName } from './names.js';
import type { Rng } from './random.js';
import { addYears, fromDays, maxDate, minDate, toDays, type Profile } from './spec.js';

type Education = NonNullable<RosterRecord['education']>;
type Title = NonNullable<RosterRecord['titleLevel']>;
type Political = NonNullable<RosterRecord['politicalStatus']>;

export interface PersonSpec {
  institution: string;
  category: QuotaCategory;
  profile: Profile;
  age: number;
  gender: '男' | '女';
  leader?: { level: '正科' | '副科'; post: string; postClass: 'admin' | 'public_service' };
  /** Professional titles drawn from a poorer table (PROFESSIONAL_SHORTAGE). */
  fewTitles?: boolean;
  /** Latest possible 入编时间 (a unit nobody has entered for years). */
  startBy?: string;
  post?: string;
  unit?: string;
}

/** Birth date such that the person is exactly `age` on `asOf`. */
export function birthDateFor(rng: Rng, age: number, asOf: string): string {
  const lo = toDays(addYears(asOf, -(age + 1))) + 1;
  const hi = toDays(addYears(asOf, -age));
  return fromDays(rng.int(lo, hi));
}

/** An ID number (GB 11643) not yet in `taken`: birthplace, birth date, sequence with the gender digit, check. */
export function makeIdNumber(rng: Rng, birthDate: string, gender: '男' | '女', taken: Set<string>): string {
  const area = rng.weighted(birthplaceWeights);
  const ymd = birthDate.replaceAll('-', '');
  for (;;) {
    const seq = String(rng.int(0, 99)).padStart(2, '0');
    const g = gender === '男' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
    const first17 = `${area}${ymd}${seq}${g}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

const educationTables: Record<Profile | 'worker', readonly (readonly [Education, number])[]> = {
  organ: [
    ['研究生', 16],
    ['大学本科', 66],
    ['大学专科', 14],
    ['中专', 4],
  ],
  school: [
    ['研究生', 14],
    ['大学本科', 76],
    ['大学专科', 10],
  ],
  kindergarten: [
    ['大学本科', 52],
    ['大学专科', 42],
    ['中专', 6],
  ],
  hospital: [
    ['研究生', 14],
    ['大学本科', 58],
    ['大学专科', 24],
    ['中专', 4],
  ],
  health: [
    ['研究生', 10],
    ['大学本科', 60],
    ['大学专科', 26],
    ['中专', 4],
  ],
  tech: [
    ['研究生', 24],
    ['大学本科', 66],
    ['大学专科', 10],
  ],
  finance: [
    ['研究生', 26],
    ['大学本科', 66],
    ['大学专科', 8],
  ],
  service: [
    ['研究生', 8],
    ['大学本科', 62],
    ['大学专科', 24],
    ['中专', 6],
  ],
  culture: [
    ['研究生', 12],
    ['大学本科', 64],
    ['大学专科', 20],
    ['中专', 4],
  ],
  elderly: [
    ['大学本科', 30],
    ['大学专科', 45],
    ['中专', 20],
    ['高中', 5],
  ],
  enforcement: [
    ['研究生', 6],
    ['大学本科', 66],
    ['大学专科', 24],
    ['中专', 4],
  ],
  worker: [
    ['大学专科', 25],
    ['中专', 30],
    ['高中', 38],
    ['初中及以下', 7],
  ],
};

const titleTables: Record<Profile, readonly (readonly [Title, number])[]> = {
  organ: [
    ['中级', 4],
    ['初级', 4],
    ['无', 92],
  ],
  school: [
    ['正高', 2],
    ['副高', 22],
    ['中级', 42],
    ['初级', 26],
    ['无', 8],
  ],
  kindergarten: [
    ['副高', 8],
    ['中级', 38],
    ['初级', 40],
    ['无', 14],
  ],
  hospital: [
    ['正高', 4],
    ['副高', 16],
    ['中级', 35],
    ['初级', 35],
    ['无', 10],
  ],
  health: [
    ['正高', 2],
    ['副高', 14],
    ['中级', 38],
    ['初级', 34],
    ['无', 12],
  ],
  tech: [
    ['正高', 2],
    ['副高', 18],
    ['中级', 40],
    ['初级', 24],
    ['无', 16],
  ],
  finance: [
    ['正高', 1],
    ['副高', 17],
    ['中级', 42],
    ['初级', 24],
    ['无', 16],
  ],
  service: [
    ['副高', 4],
    ['中级', 26],
    ['初级', 28],
    ['无', 42],
  ],
  culture: [
    ['副高', 10],
    ['中级', 36],
    ['初级', 30],
    ['无', 24],
  ],
  elderly: [
    ['副高', 2],
    ['中级', 18],
    ['初级', 34],
    ['无', 46],
  ],
  enforcement: [
    ['中级', 6],
    ['初级', 6],
    ['无', 88],
  ],
};
const fewTitles: readonly (readonly [Title, number])[] = [
  ['副高', 2],
  ['中级', 6],
  ['初级', 10],
  ['无', 82],
];
/** Youngest age at which each title is plausible. */
const titleMinAge: Record<Title, number> = { 正高: 42, 副高: 34, 中级: 28, 初级: 23, 无: 0 };
const titleOrder: Title[] = ['正高', '副高', '中级', '初级', '无'];

const startAge: Record<Education, number> = {
  研究生: 25,
  大学本科: 22,
  大学专科: 21,
  中专: 19,
  高中: 18,
  初中及以下: 18,
};

function education(rng: Rng, p: PersonSpec): Education {
  const table = p.category === 'worker' ? educationTables.worker : educationTables[p.profile];
  let e = rng.weighted(table);
  // older cohorts studied less before work (and topped up later only in part)
  if (p.age >= 50 && e === '研究生' && rng.chance(0.5)) e = '大学本科';
  if (p.age >= 50 && e === '大学本科' && rng.chance(0.3)) e = '大学专科';
  if (p.fewTitles && e === '研究生' && rng.chance(0.7)) e = '大学本科';
  return e;
}

function degree(rng: Rng, e: Education, p: PersonSpec): NonNullable<RosterRecord['degree']> {
  if (e === '研究生') return (p.profile === 'hospital' || p.profile === 'tech') && rng.chance(0.1) ? '博士' : '硕士';
  if (e === '大学本科') return rng.chance(0.9) ? '学士' : '无';
  return '无';
}

function title(rng: Rng, p: PersonSpec, e: Education): Title {
  if (p.category === 'worker') return '无';
  let t = rng.weighted(p.fewTitles ? fewTitles : titleTables[p.profile]);
  let i = titleOrder.indexOf(t);
  while (t !== '无' && p.age < titleMinAge[t]) t = titleOrder[++i]!;
  // senior titles need at least a college degree
  if ((t === '正高' || t === '副高') && !['研究生', '大学本科', '大学专科'].includes(e)) t = '中级';
  return t;
}

function political(rng: Rng, p: PersonSpec): Political {
  if (p.leader) return rng.chance(0.94) ? '中共党员' : '民主党派';
  const organ = p.profile === 'organ' || p.profile === 'enforcement';
  if (p.age < 28 && rng.chance(0.35)) return rng.chance(0.15) ? '中共预备党员' : '共青团员';
  return rng.weighted<Political>(
    organ
      ? [
          ['中共党员', 84],
          ['中共预备党员', 2],
          ['民主党派', 2],
          ['群众', 12],
        ]
      : [
          ['中共党员', 48],
          ['中共预备党员', 2],
          ['民主党派', 6],
          ['群众', 44],
        ],
  );
}

const civilRanks: [number, string][] = [
  [28, '一级科员'],
  [35, '四级主任科员'],
  [44, '三级主任科员'],
  [52, '二级主任科员'],
  [99, '一级主任科员'],
];
const policeRanks: [number, string][] = [
  [27, '二级警员'],
  [32, '一级警员'],
  [38, '四级警长'],
  [45, '三级警长'],
  [52, '二级警长'],
  [99, '一级警长'],
];

function byAge(ranks: [number, string][], age: number): string {
  return ranks.find(([max]) => age < max)![1];
}

function postOf(rng: Rng, p: PersonSpec, t: Title): string {
  if (p.category === 'worker')
    return rng.weighted([
      ['驾驶员', 35],
      ['工勤技能岗', 45],
      ['后勤服务人员', 20],
    ]);
  switch (p.profile) {
    case 'organ':
      if (p.institution === '区公安分局') return byAge(policeRanks, p.age);
      if (p.institution === '区人民法院')
        return rng.weighted([
          ['法官', 40],
          ['法官助理', 35],
          ['书记员', 20],
          ['司法警察', 5],
        ]);
      if (p.institution === '区人民检察院')
        return rng.weighted([
          ['检察官', 45],
          ['检察官助理', 35],
          ['书记员', 20],
        ]);
      return byAge(civilRanks, p.age);
    case 'school':
      return rng.weighted([
        ['专任教师', 86],
        ['教辅人员', 7],
        ['管理人员', 7],
      ]);
    case 'kindergarten':
      return rng.weighted([
        ['幼儿教师', 76],
        ['保育员', 14],
        ['保健医', 5],
        ['管理人员', 5],
      ]);
    case 'hospital':
    case 'health': {
      const role = rng.weighted([
        ['医', 40],
        ['护', 42],
        ['技', 12],
        ['管', 6],
      ]);
      if (role === '管') return '管理人员';
      const names: Record<string, Record<Title, string>> = {
        医: { 正高: '主任医师', 副高: '副主任医师', 中级: '主治医师', 初级: '医师', 无: '医士' },
        护: { 正高: '主任护师', 副高: '副主任护师', 中级: '主管护师', 初级: '护师', 无: '护士' },
        技: { 正高: '主任技师', 副高: '副主任技师', 中级: '主管技师', 初级: '技师', 无: '技士' },
      };
      return names[role]![t];
    }
    case 'tech':
      return { 正高: '正高级工程师', 副高: '高级工程师', 中级: '工程师', 初级: '助理工程师', 无: '技术员' }[t];
    case 'finance':
      return { 正高: '正高级经济师', 副高: '高级经济师', 中级: '经济师', 初级: '助理经济师', 无: '工作人员' }[t];
    case 'culture':
      return { 正高: '研究馆员', 副高: '副研究馆员', 中级: '馆员', 初级: '助理馆员', 无: '工作人员' }[t];
    case 'elderly':
      return rng.weighted([
        ['护理员', 50],
        ['社会工作者', 20],
        ['管理人员', 20],
        ['医护人员', 10],
      ]);
    case 'enforcement':
      return '执法队员';
    case 'service':
      return rng.weighted([
        ['管理人员', 45],
        ['专业技术人员', 40],
        ['窗口工作人员', 15],
      ]);
  }
}

export function makePerson(rng: Rng, p: PersonSpec, asOf: string, taken: Set<string>): RosterRecord {
  const birthDate = birthDateFor(rng, p.age, asOf);
  const idNumber = makeIdNumber(rng, birthDate, p.gender, taken);
  const e = education(rng, p);
  const t = title(rng, p, e);
  const latest = fromDays(toDays(asOf) - 45);
  let joinedWorkOn = fromDays(toDays(addYears(birthDate, startAge[e])) + rng.int(30, 330));
  joinedWorkOn = minDate(maxDate(joinedWorkOn, addYears(birthDate, 18)), latest);
  let startOn: string;
  if (p.leader) {
    startOn = maxDate(joinedWorkOn, fromDays(toDays(asOf) - rng.int(150, 2900)));
  } else if (toDays(asOf) - toDays(joinedWorkOn) < 4 * 365 || rng.chance(0.45)) {
    startOn = joinedWorkOn;
  } else {
    startOn = fromDays(rng.int(toDays(joinedWorkOn), toDays(latest)));
  }
  if (p.startBy && startOn > p.startBy) startOn = maxDate(joinedWorkOn, p.startBy);
  const person: RosterRecord = {
    name: personName(rng, p.gender),
    idNumber,
    gender: p.gender,
    birthDate,
    education: e,
    degree: degree(rng, e, p),
    titleLevel: t,
    politicalStatus: political(rng, p),
    joinedWorkOn,
    institution: p.institution,
    category: p.category,
    post: p.leader?.post ?? p.post ?? postOf(rng, p, t),
    leadershipLevel: p.leader?.level,
    postClass: p.leader?.postClass,
    startOn,
  };
  if (p.unit) person.unit = p.unit;
  return person;
}
