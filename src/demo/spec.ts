/**
 * Shared shapes and small pure helpers of the demo generator: the catalog entry types, the compact duty notation the
 * catalogs use, dates, Chinese numerals and the GB 32100 / GB 11714 codes.
 */
import { usccCheckChar } from '../domain/codes.js';
import { Rng } from './random.js';
import type { DutyRecord } from '../domain/records.js';
import type { InstitutionKind, QuotaCategory, Rank } from '../domain/vocabulary.js';

/** How a unit's people look (education, titles) and which workload it reports. */
export type Profile =
  | 'organ'
  | 'school'
  | 'kindergarten'
  | 'hospital'
  | 'health'
  | 'tech'
  | 'finance'
  | 'service'
  | 'culture'
  | 'elderly'
  | 'enforcement';

/**
 * A duty in catalog notation: `领域1,领域2|正文` for a lead duty, `~领域|正文` for an assisting one. Keeps the catalogs
 * readable: one line per 三定 sentence.
 */
export type DutyLine = string;

/** A 机关 (party, government, dispatched, organ, mass organization) as the catalog describes it. */
export interface DeptSpec {
  name: string;
  kind: InstitutionKind;
  alsoNamed?: string[];
  quota: Partial<Record<QuotaCategory, number>>;
  /** Approved leadership posts [正科, 副科]. */
  posts: [number, number];
  /** Titles of the head and the deputies, e.g. ['局长', '副局长']. */
  titles: [string, string];
  units: string[];
  sanding: DutyLine[];
  /** Duties present only when problems are planted / only in the clean district. */
  planted?: DutyLine[];
  clean?: DutyLine[];
  host?: string;
  /** Only in the planted district (e.g. a bureau above the cap). */
  plantedOnly?: boolean;
}

/** A 事业单位 as the catalog describes it. */
export interface PublicSpec {
  name: string;
  parent?: string;
  host?: string;
  piClass: '承担行政职能' | '公益一类' | '公益二类' | '生产经营';
  funding: '全额' | '差额' | '自收自支';
  rank: Rank;
  /** Approved 事业编制 (and 工勤编制). */
  quota: number;
  worker?: number;
  profile: Profile;
  sanding: DutyLine[];
  civilServiceManaged?: boolean;
  /** Title of the head and the deputies. */
  titles?: [string, string];
  /** Only in the planted / only in the clean district. */
  plantedOnly?: boolean;
  cleanOnly?: boolean;
}

/** Parses the catalog notation into a 三定 duty record of one institution. */
export function sandingDuty(institution: string, line: DutyLine): DutyRecord {
  const assist = line.startsWith('~');
  const body = assist ? line.slice(1) : line;
  const bar = body.indexOf('|');
  const domains = bar > 0 ? body.slice(0, bar).split(',') : [];
  const text = bar >= 0 ? body.slice(bar + 1) : body;
  return {
    institution,
    source: 'sanding',
    category: undefined,
    title: dutyTitle(text),
    text,
    domains,
    role: assist ? 'assist' : 'lead',
  };
}

/** The first clause of a duty sentence is its title, as 三定 tables list them. */
export function dutyTitle(text: string): string {
  const cut = text.search(/[，。；]/);
  const t = cut > 0 ? text.slice(0, cut) : text;
  return t.length > 60 ? t.slice(0, 60) : t;
}

// ---------- dates (YYYY-MM-DD strings; UTC arithmetic only, so no time zone can move a day) ----------

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function toDays(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;
}

export function fromDays(days: number): string {
  const d = new Date(days * 86400000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  let d = Number(date.slice(8, 10));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) d = last; // 29 Feb in a common year
  return ymd(y, m, d);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Whole years between two dates (age on `on` of someone born on `birth`). */
export function yearsBetween(birth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) years--;
  return years;
}

// ---------- Chinese numerals, as article numbers are written (第八十三条) ----------

const digits = '零一二三四五六七八九';

export function chineseNumber(n: number): string {
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  const rest = n % 100;
  const head = `${digits[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  if (rest < 10) return `${head}零${digits[rest]}`;
  return head + (rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest));
}

// ---------- institution codes ----------

const orgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organization code (8 digits + check) — the middle of a USCC. */
export function organizationCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * orgCodeWeights[i]!;
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** A valid 统一社会信用代码: registering authority + kind (11 机关, 12 事业单位, 13 群团), region, org code, check. */
export function makeUscc(prefix: '11' | '12' | '13', regionCode: string, serial: number): string {
  // a spread-out 8-digit body so neighbouring units do not get neighbouring codes
  const body = String((serial * 7919 + 0x4c1d) % 100000000).padStart(8, '0');
  const first17 = prefix + regionCode + organizationCode(body);
  return first17 + usccCheckChar(first17);
}

/** USCC prefix of an institution kind. */
export function usccPrefix(kind: InstitutionKind): '11' | '12' | '13' | undefined {
  if (kind === 'public_institution') return '12';
  if (kind === 'mass_org') return '13';
  if (kind === 'coordination' || kind === 'internal_unit') return undefined;
  return '11';
}

// ---------- per-label random streams ----------

/** FNV-1a of a label: a stable number for a name, whatever else is added to the district. */
export function nameHash(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A random stream of its own for one label (usually an institution name), so planting a problem in one unit leaves
 * every other unit's people and figures exactly as in the clean district.
 */
export function streamFor(seed: number, label: string): Rng {
  const r = new Rng((seed ^ nameHash(label)) >>> 0);
  r.next(); // decorrelate neighbouring seeds
  return r;
}
