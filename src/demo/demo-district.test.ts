import { diagnosticCodes } from '../analysis/diagnostics/registry.js';
import { describe, expect, it } from 'vitest';
import { idNumberFacts, validateIdNumber, validateUscc } from '../domain/codes.js';
import {
  allowedQuotaCategories,
  degrees,
  educationLevels,
  politicalStatuses,
  powerCategories,
  titleLevels,
  type InstitutionKind,
} from '../domain/vocabulary.js';
import { generateDemoDistrict, type DemoDistrict } from './demo-district.js';
import { baselineFigures } from './build-adjustments.js';
import type { RosterRecord } from '../domain/records.js';
import { addYears } from './spec.js';

const planted = generateDemoDistrict();
const clean = generateDemoDistrict({ planted: false });

const codes = diagnosticCodes;

const kindCount = (d: DemoDistrict, kind: InstitutionKind) => d.institutions.filter((i) => i.kind === kind).length;
const kindOf = (d: DemoDistrict) =>
  new Map(d.institutions.filter((i) => i.kind !== 'internal_unit').map((i) => [i.name, i.kind]));
const actualBy = (d: DemoDistrict) => {
  const m = new Map<string, number>();
  for (const p of d.roster) m.set(`${p.institution}|${p.category}`, (m.get(`${p.institution}|${p.category}`) ?? 0) + 1);
  return m;
};
const vague = /^(指导|参与|协助|配合)/;

describe.each([
  ['planted', planted],
  ['clean', clean],
])('demo district (%s)', (_label, d) => {
  it('Given the generated district When counting Then each kind is in the range DESIGN §8 asks for', () => {
    expect(kindCount(d, 'party_dept')).toBe(10);
    expect(kindCount(d, 'gov_dept')).toBeGreaterThanOrEqual(25);
    expect(kindCount(d, 'gov_dept')).toBeLessThanOrEqual(27);
    expect(kindCount(d, 'street')).toBe(6);
    expect(kindCount(d, 'township')).toBe(8);
    expect(kindCount(d, 'mass_org')).toBeGreaterThanOrEqual(8);
    expect(kindCount(d, 'organ')).toBe(4);
    expect(kindCount(d, 'coordination')).toBeGreaterThanOrEqual(4);
    expect(kindCount(d, 'public_institution')).toBeGreaterThanOrEqual(110);
    expect(kindCount(d, 'public_institution')).toBeLessThanOrEqual(140);
    expect(d.institutions.filter((i) => i.host).length).toBeGreaterThanOrEqual(4);
    expect(kindCount(d, 'internal_unit')).toBeGreaterThan(200);
    expect(d.roster.length).toBeGreaterThan(3500);
    expect(d.roster.length).toBeLessThan(4600);
    const power = d.duties.filter((x) => x.source === 'power_list');
    expect(power.length).toBeGreaterThan(2000);
    expect(d.duties.length - power.length).toBeGreaterThan(300);
    expect(d.workload.length).toBeGreaterThan(200);
    expect(d.indicators.length).toBeGreaterThan(14 * 5);
  });

  it('Given every person When the ID number is checked Then it is valid, unique and agrees with birth date and gender', () => {
    const seen = new Set<string>();
    for (const p of d.roster) {
      expect(validateIdNumber(p.idNumber), p.idNumber).toBeNull();
      expect(seen.has(p.idNumber), p.idNumber).toBe(false);
      seen.add(p.idNumber);
      const facts = idNumberFacts(p.idNumber);
      expect(p.birthDate).toBe(facts.birthDate);
      expect(p.gender).toBe(facts.gender);
      expect(p.idNumber.slice(0, 2)).toBe('37');
    }
  });

  it('Given the 编制事项 and 方案 carried out When the baseline is taken before them Then no unit ever holds more people or leaders than its figures, and every 文号 is one document', () => {
    const carried = [
      ...d.adjustments.filter((a) => a.decidedOn).map((a) => a.change),
      ...d.scenarios.map((s) => s.change),
    ];
    const baseline = baselineFigures(d, carried);
    // before the changes and after them: the roster before the history and on asOf
    for (const rows of [d.history.initialRoster, d.roster]) {
      const held = (test: (r: RosterRecord) => boolean) => rows.filter(test).length;
      for (const c of carried) {
        if (c.op === 'raise_posts') {
          const post = baseline.posts.find((p) => p.institution === c.institution && p.level === c.level)!;
          expect(held((r) => r.institution === c.institution && r.leadershipLevel === c.level)).toBeLessThanOrEqual(
            post.approved,
          );
        } else {
          const unit = c.op === 'raise_quota' ? c.institution : c.to;
          const quota = baseline.quotas.find((q) => q.institution === unit && q.category === c.category)!;
          expect(quota.approved).toBeGreaterThan(0);
          expect(held((r) => r.institution === unit && r.category === c.category)).toBeLessThanOrEqual(quota.approved);
        }
      }
    }
    // the district's totals hold on the baseline too
    for (const [category, total] of Object.entries(d.limits.quotaTotals))
      expect(
        baseline.quotas.filter((q) => q.category === category).reduce((a, q) => a + q.approved, 0),
      ).toBeLessThanOrEqual(total);
    const docs = [
      d.limitsDocNumber,
      ...(d.poolLoan ? [d.poolLoan.docNumber] : []),
      ...d.adjustments.map((a) => a.docNumber),
      ...d.scenarios.map((s) => s.docNumber),
    ];
    expect(new Set(docs).size).toBe(docs.length);
    // the facts the analysis reads are told by the same records
    expect(d.adjustmentWaits.map((w) => w.docNumber)).toEqual(d.adjustments.map((a) => a.docNumber));
    expect(d.scenarioReviews.map((r) => r.docNumber)).toEqual(d.scenarios.map((s) => s.docNumber));
  });

  it('Given every person When the dates are compared Then 18th birthday ≤ joined work ≤ start ≤ asOf', () => {
    for (const p of d.roster) {
      expect(p.joinedWorkOn! >= addYears(p.birthDate!, 18), p.idNumber).toBe(true);
      expect(p.startOn >= p.joinedWorkOn!, p.idNumber).toBe(true);
      expect(p.startOn <= d.asOf).toBe(true);
    }
  });

  it('Given every record When dates are read Then none is after asOf', () => {
    const dates = [
      ...d.institutions.map((i) => i.establishedOn),
      ...d.roster.flatMap((p) => [p.birthDate, p.joinedWorkOn, p.startOn]),
    ].filter((x): x is string => !!x);
    for (const x of dates) {
      expect(x).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(x <= d.asOf).toBe(true);
    }
    for (const w of [...d.workload, ...d.indicators]) expect(w.year).toBeLessThanOrEqual(Number(d.asOf.slice(0, 4)));
  });

  it('Given the records When names are resolved Then every reference points to an institution defined before it', () => {
    const defined = new Set<string>();
    const internal = new Set<string>();
    for (const i of d.institutions) {
      if (i.parent) expect(defined.has(i.parent), `${i.name} → ${i.parent}`).toBe(true);
      if (i.host) expect(defined.has(i.host), `${i.name} → ${i.host}`).toBe(true);
      if (i.kind === 'internal_unit') {
        expect(i.parent).toBeDefined();
        const key = `${i.parent}/${i.name}`;
        expect(internal.has(key), key).toBe(false);
        internal.add(key);
      } else {
        expect(defined.has(i.name), i.name).toBe(false);
        defined.add(i.name);
      }
    }
    const kinds = kindOf(d);
    for (const r of [...d.quotas, ...d.posts, ...d.duties, ...d.workload])
      expect(kinds.has(r.institution), r.institution).toBe(true);
    for (const p of d.roster) {
      const kind = kinds.get(p.institution);
      expect(kind, p.institution).toBeDefined();
      expect(kind).not.toBe('coordination');
      if (p.unit) expect(internal.has(`${p.institution}/${p.unit}`), `${p.institution}/${p.unit}`).toBe(true);
    }
    for (const r of d.indicators) {
      if (r.scope) expect(['street', 'township']).toContain(kinds.get(r.scope));
      expect(r.value !== undefined || r.text !== undefined).toBe(true);
    }
  });

  it('Given quotas and posts When checked against the kind Then categories are allowed and coordination bodies and internal units hold none', () => {
    const kinds = kindOf(d);
    for (const q of d.quotas) {
      const kind = kinds.get(q.institution)!;
      expect(allowedQuotaCategories[kind], `${q.institution} ${q.category}`).toContain(q.category);
      expect(q.approved).toBeGreaterThan(0);
    }
    for (const p of d.posts) {
      const kind = kinds.get(p.institution)!;
      expect(['coordination', 'internal_unit']).not.toContain(kind);
      expect(p.postClass).toBe(kind === 'public_institution' ? 'public_service' : 'admin');
    }
  });

  it('Given institutions When their codes are checked Then most carry a valid, unique USCC of their kind and region', () => {
    const seen = new Set<string>();
    for (const i of d.institutions) {
      if (i.kind === 'coordination' || i.kind === 'internal_unit') {
        expect(i.code).toBeUndefined();
        continue;
      }
      expect(i.code, i.name).toBeDefined();
      expect(validateUscc(i.code!), i.name).toBeNull();
      expect(i.code!.slice(2, 8)).toBe('370102');
      expect(i.code!.slice(0, 2)).toBe(i.kind === 'public_institution' ? '12' : i.kind === 'mass_org' ? '13' : '11');
      expect(seen.has(i.code!)).toBe(false);
      seen.add(i.code!);
    }
  });

  it('Given the roster When fields are read Then values come from the vocabulary and postClass goes only with a leadership level', () => {
    for (const p of d.roster) {
      expect(educationLevels).toContain(p.education);
      expect(degrees).toContain(p.degree);
      expect(titleLevels).toContain(p.titleLevel);
      expect(politicalStatuses).toContain(p.politicalStatus);
      if (p.postClass) expect(p.leadershipLevel).toBeDefined();
      if (p.leadershipLevel) expect(p.postClass).toBeDefined();
    }
  });

  it('Given the duties When read Then power items carry a category, legal basis and domain; 三定 duties have none', () => {
    for (const x of d.duties) {
      expect(x.domains.length).toBeGreaterThan(0);
      expect(x.title.length).toBeGreaterThan(0);
      if (x.source === 'power_list') {
        expect(powerCategories).toContain(x.category);
        expect(x.legalBasis).toMatch(/^《.+》第.+条/);
      } else expect(x.category).toBeUndefined();
    }
  });
});

describe('demo district generator', () => {
  it('Given the same seed twice When generated Then the JSON is identical; another seed gives other people', () => {
    expect(JSON.stringify(generateDemoDistrict({ seed: 7 }))).toBe(JSON.stringify(generateDemoDistrict({ seed: 7 })));
    expect(JSON.stringify(generateDemoDistrict())).toBe(JSON.stringify(planted));
    expect(generateDemoDistrict({ seed: 8 }).roster[0]!.idNumber).not.toBe(
      generateDemoDistrict({ seed: 7 }).roster[0]!.idNumber,
    );
  });

  it('Given a generation When timed Then it stays within seconds even on a busy machine (about 0.3 s idle)', () => {
    const t0 = performance.now();
    generateDemoDistrict({ seed: 99 });
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('Given the planted district When the manifest is read Then every code is there and names real institutions', () => {
    expect(planted.manifest.map((m) => m.code).sort()).toEqual([...codes].sort());
    const kinds = kindOf(planted);
    for (const m of planted.manifest) {
      expect(m.institutions.length, m.code).toBeGreaterThan(0);
      for (const n of m.institutions) expect(kinds.has(n), `${m.code}: ${n}`).toBe(true);
      expect(m.description).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('Given the planted district When the roster is read Then categories are allowed except in the MIXED_QUOTA institutions', () => {
    const mixed = new Set(planted.manifest.find((m) => m.code === 'MIXED_QUOTA')!.institutions);
    const kinds = kindOf(planted);
    const offenders = new Set<string>();
    for (const p of planted.roster) {
      if (!allowedQuotaCategories[kinds.get(p.institution)!].includes(p.category)) offenders.add(p.institution);
    }
    expect([...offenders].sort()).toEqual([...mixed].sort());
  });

  it('Given the planted district When measured Then the planted figures are really there', () => {
    const m = (code: string) => planted.manifest.find((x) => x.code === code)!;
    const partyGov = kindCount(planted, 'party_dept') + kindCount(planted, 'gov_dept');
    expect(partyGov).toBeGreaterThan(planted.limits.partyGovInstitutionCap);
    const over = m('OVER_QUOTA').details!.items as { approved: number; actual: number }[];
    for (const o of over) expect(o.actual).toBeGreaterThan(o.approved);
    const excess = m('LEADERSHIP_EXCESS').details!.items as { approved: number; holders: number }[];
    for (const e of excess) expect(e.holders).toBeGreaterThan(e.approved);
    expect((m('AGEING').details as { meanAge: number }).meanAge).toBeGreaterThan(50);
    const enf = m('ENFORCEMENT_SCATTERED').details!.itemsPerUnit as Record<string, number>;
    expect(Object.values(enf).filter((n) => n > 0).length).toBe(5);
    const dq = m('DATA_QUALITY').details as { noDuties: string; noSanding: string };
    expect(planted.duties.some((x) => x.institution === dq.noDuties)).toBe(false);
    expect(planted.duties.some((x) => x.institution === dq.noSanding && x.source === 'sanding')).toBe(false);
    for (const domain of ['数字经济', '人工智能']) {
      expect(
        planted.duties.some((x) => x.domains.includes(domain) && x.role === 'lead' && !vague.test(x.text ?? x.title)),
      ).toBe(false);
    }
  });

  it('Given planted: false When generated Then the manifest is empty and none of the distortions is present', () => {
    expect(clean.manifest).toEqual([]);
    expect(kindCount(clean, 'party_dept') + kindCount(clean, 'gov_dept')).toBeLessThanOrEqual(
      clean.limits.partyGovInstitutionCap,
    );
    const kinds = kindOf(clean);
    for (const p of clean.roster) expect(allowedQuotaCategories[kinds.get(p.institution)!]).toContain(p.category);
    const actual = actualBy(clean);
    for (const q of clean.quotas)
      expect(actual.get(`${q.institution}|${q.category}`) ?? 0).toBeLessThanOrEqual(q.approved);
    for (const post of clean.posts) {
      const holders = clean.roster.filter(
        (p) => p.institution === post.institution && p.leadershipLevel === post.level,
      ).length;
      expect(holders, post.institution).toBeLessThanOrEqual(post.approved);
    }
    // every domain has a firm lead; no domain's enforcement is spread over more than two units
    const domains = new Set(clean.duties.flatMap((x) => x.domains));
    for (const dm of domains) {
      expect(
        clean.duties.some((x) => x.domains.includes(dm) && x.role === 'lead' && !vague.test(x.text ?? x.title)),
        dm,
      ).toBe(true);
      const enforcers = new Set(
        clean.duties
          .filter((x) => x.domains.includes(dm) && (x.category === '行政处罚' || x.category === '行政检查'))
          .map((x) => x.institution),
      );
      expect(enforcers.size, dm).toBeLessThanOrEqual(2);
    }
    // every institution has 三定 duties
    for (const name of kinds.keys())
      expect(
        clean.duties.some((x) => x.institution === name && x.source === 'sanding'),
        name,
      ).toBe(true);
  });
});
