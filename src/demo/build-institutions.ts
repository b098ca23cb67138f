/**
 * Institutions, quotas and leadership posts of the demo district, plus one model per staffed unit that the roster and
 * workload builders read. Order matters to the importer only for readability: parents and hosts come first.
 */
import type { InstitutionRecord, PostRecord, QuotaRecord } from '../domain/records.js';
import type { InstitutionKind, QuotaCategory } from '../domain/vocabulary.js';
import { localQuota, localUnits, streets, townships, type LocalSpec } from './catalog-local.js';
import { coordinationBodies, massOrgs, organs, partyDepts } from './catalog-party.js';
import { govDepts } from './catalog-gov.js';
import { hostedUnits, publicInstitutions } from './catalog-public.js';
import { plan } from './plan.js';
import {
  makeUscc,
  nameHash,
  streamFor,
  usccPrefix,
  ymd,
  type DeptSpec,
  type Profile,
  type PublicSpec,
} from './spec.js';

/** What the roster and workload builders need to know about one staffed unit. */
export interface UnitModel {
  name: string;
  kind: InstitutionKind;
  profile: Profile;
  quota: Partial<Record<QuotaCategory, number>>;
  posts: PostRecord[];
  /** Internal units people may sit in. */
  units: string[];
  /** Titles of the head and the deputies. */
  titles: [string, string];
  parent?: string;
  local?: LocalSpec;
}

export interface Registry {
  institutions: InstitutionRecord[];
  quotas: QuotaRecord[];
  posts: PostRecord[];
  models: UnitModel[];
  depts: DeptSpec[];
  publics: PublicSpec[];
  locals: LocalSpec[];
}

function record(
  regionCode: string,
  r: Partial<InstitutionRecord> & Pick<InstitutionRecord, 'name' | 'kind'>,
): InstitutionRecord {
  const prefix = usccPrefix(r.kind);
  const out: InstitutionRecord = {
    name: r.name,
    kind: r.kind,
    rank: r.rank,
    code: prefix ? makeUscc(prefix, regionCode, nameHash(r.name)) : undefined,
    alsoNamed: r.alsoNamed ?? [],
    piClass: r.piClass,
    funding: r.funding,
    civilServiceManaged: r.civilServiceManaged ?? false,
    establishedOn: r.establishedOn,
    sandingDocNumber: r.sandingDocNumber,
    sandingOn: r.sandingOn,
  };
  if (r.parent) out.parent = r.parent;
  if (r.host) out.host = r.host;
  return out;
}

function quotaRows(name: string, quota: Partial<Record<QuotaCategory, number>>): QuotaRecord[] {
  return (Object.entries(quota) as [QuotaCategory, number][])
    .filter(([, n]) => n > 0)
    .map(([category, approved]) => ({ institution: name, category, approved }));
}

function adminPosts(name: string, [zk, fk]: [number, number]): PostRecord[] {
  const rows: PostRecord[] = [];
  if (zk > 0) rows.push({ institution: name, level: '正科', postClass: 'admin', approved: zk });
  if (fk > 0) rows.push({ institution: name, level: '副科', postClass: 'admin', approved: fk });
  return rows;
}

/** A 副科 事业单位 has its head at 副科 (two where a 书记 sits beside the director); a 股级 one has no posts. */
function publicPosts(p: PublicSpec): PostRecord[] {
  if (p.rank !== '副科') return [];
  return [{ institution: p.name, level: '副科', postClass: 'public_service', approved: p.quota >= 60 ? 2 : 1 }];
}

/**
 * The current 三定 规定 of a 党政机构, 镇街 or 群团: issued after the 2024 reform (镇街 after their 2022 reform), except
 * where the plan leaves an old one unrevised.
 */
function sandingOf(
  seed: number,
  planted: boolean,
  name: string,
  kind: InstitutionKind,
  n: number,
): Pick<InstitutionRecord, 'sandingDocNumber' | 'sandingOn'> {
  const old = planted ? plan.sandingOutdated.find((o) => o.name === name) : undefined;
  if (old) return { sandingDocNumber: old.docNumber, sandingOn: old.issuedOn };
  const r = streamFor(seed, `sanding:${name}`);
  const local = kind === 'street' || kind === 'township';
  const year = local ? 2022 : 2024;
  const office = kind === 'gov_dept' ? '示政办' : '示委办';
  return { sandingDocNumber: `${office}〔${year}〕${n + 1}号`, sandingOn: ymd(year, r.int(4, 11), r.int(1, 28)) };
}

/** A founding date drawn from the unit's own stream. */
function foundedOn(seed: number, name: string, from: number, to: number): string {
  const r = streamFor(seed, `founded:${name}`);
  return ymd(r.int(from, to), r.int(1, 12), r.int(1, 28));
}

export function buildRegistry(seed: number, planted: boolean, regionCode: string): Registry {
  const institutions: InstitutionRecord[] = [];
  const quotas: QuotaRecord[] = [];
  const posts: PostRecord[] = [];
  const models: UnitModel[] = [];
  const internal: InstitutionRecord[] = [];
  const addInternal = (parent: string, units: string[]) => {
    for (const u of units) internal.push({ ...record(regionCode, { name: u, kind: 'internal_unit' }), parent });
  };

  const depts = [...partyDepts, ...govDepts, ...organs, ...massOrgs].filter((d) => planted || !d.plantedOnly);
  for (const d of depts) {
    // 党政机构 were set up by the 2019 reform; organs and mass organizations are older
    const reform = d.kind === 'party_dept' || d.kind === 'gov_dept' || d.kind === 'dispatched';
    const established = reform ? '2019-03-01' : foundedOn(seed, d.name, 1955, 1990);
    institutions.push(
      record(regionCode, {
        name: d.name,
        kind: d.kind,
        rank: '正科',
        alsoNamed: d.alsoNamed,
        host: d.host,
        establishedOn: d.name === plan.noDuties ? '2024-03-15' : established,
        ...sandingOf(seed, planted, d.name, d.kind, depts.indexOf(d)),
      }),
    );
    quotas.push(...quotaRows(d.name, d.quota));
    const p = adminPosts(d.name, d.posts);
    posts.push(...p);
    const profile: Profile = 'organ';
    models.push({ name: d.name, kind: d.kind, profile, quota: d.quota, posts: p, units: d.units, titles: d.titles });
    addInternal(d.name, d.units);
  }

  for (const c of coordinationBodies) {
    if (c.plantedOnly && !planted) continue;
    institutions.push(record(regionCode, { name: c.name, kind: 'coordination', establishedOn: c.establishedOn }));
  }

  const locals = [...streets, ...townships];
  for (const l of locals) {
    institutions.push(
      record(regionCode, {
        name: l.name,
        kind: l.kind,
        rank: '正科',
        establishedOn: foundedOn(seed, l.name, 1953, 2012),
        ...sandingOf(seed, planted, l.name, l.kind, locals.indexOf(l)),
      }),
    );
    const quota = { township_admin: localQuota(l, planted), worker: 2 };
    quotas.push(...quotaRows(l.name, quota));
    const p = adminPosts(l.name, l.kind === 'street' ? [3, 6] : [3, 7]);
    posts.push(...p);
    const units = localUnits(l, planted);
    const titles: [string, string] = l.kind === 'street' ? ['党工委书记', '办事处副主任'] : ['党委书记', '副镇长'];
    models.push({ name: l.name, kind: l.kind, profile: 'organ', quota, posts: p, units, titles, local: l });
    addInternal(l.name, units);
  }

  const publics = [
    ...hostedUnits(planted),
    ...publicInstitutions(
      planted,
      streets.map((s) => s.name),
      townships.map((t) => t.name),
    ),
  ];
  for (const p of publics) {
    institutions.push(
      record(regionCode, {
        name: p.name,
        kind: 'public_institution',
        rank: p.rank,
        parent: p.parent,
        host: p.host,
        piClass: p.piClass,
        funding: p.funding,
        civilServiceManaged: p.civilServiceManaged ?? false,
        establishedOn: foundedOn(seed, p.name, 1952, 2018),
      }),
    );
    const quota: Partial<Record<QuotaCategory, number>> = { public_service: p.quota };
    if (p.worker) quota.worker = p.worker;
    quotas.push(...quotaRows(p.name, quota));
    const pp = publicPosts(p);
    posts.push(...pp);
    models.push({
      name: p.name,
      kind: 'public_institution',
      profile: p.profile,
      quota,
      posts: pp,
      units: [],
      titles: p.titles ?? ['主任', '副主任'],
      parent: p.parent ?? p.host,
    });
  }

  return { institutions: [...institutions, ...internal], quotas, posts, models, depts, publics, locals };
}
