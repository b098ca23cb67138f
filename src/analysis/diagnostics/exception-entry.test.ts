import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findExceptionEntries } from './exception-entry.js';

type Entry = Parameters<typeof makeSnapshot>[0]['exceptionEntries'] extends (infer E)[] | undefined ? E : never;

const entry = (over: Partial<Entry> & { on: string }): Entry => ({
  movementId: Date.parse(over.on),
  personId: `p-${over.on}`,
  personName: '王小明',
  institution: '区数据局',
  category: 'admin',
  reason: '区委常委会研究同意引进的急需紧缺人才',
  recordedBy: '业务员甲',
  recordedOn: over.on,
  ...over,
});

const district = (exceptionEntries: Entry[], asOf = '2026-06-30') =>
  makeSnapshot({ asOf, institutions: [{ name: '区数据局' }, { name: '区统计局' }], exceptionEntries });

describe('findExceptionEntries', () => {
  it('Given no 例外入编 When diagnosed Then it is silent', () => {
    expect(findExceptionEntries(district([]), config)).toEqual([]);
  });

  it('Given one 例外入编 When diagnosed Then a low finding names the person, unit, reason, who recorded it and when', () => {
    // Given
    const s = district([entry({ on: '2025-03-02', recordedOn: '2025-03-05' })]);
    // When
    const [f, ...rest] = findExceptionEntries(s, config);
    // Then
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'EXCEPTION_ENTRY', section: '管理体制', severity: 'low' });
    expect(f!.institutions).toEqual([{ id: s.idOf('区数据局'), name: '区数据局' }]);
    expect(f!.measures).toMatchObject({ entries: 1, sinceYears: 3 });
    expect(f!.title).toBe('2023年6月30日以来区数据局有1人未经用编核准例外入编');
    expect((f!.evidence[0] as { text: string }).text).toBe(
      '王小明于2025年3月2日入编区数据局行政编制,未依据用编核准;例外理由:区委常委会研究同意引进的急需紧缺人才;由业务员甲于2025年3月5日录入',
    );
    expect(JSON.stringify(f)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('Given entries before the window, after asOf and two within it in two units When diagnosed Then only the two count, medium', () => {
    const s = district([
      entry({ on: '2022-01-10' }),
      entry({ on: '2024-05-01', institution: '区统计局' }),
      entry({ on: '2026-01-15' }),
      entry({ on: '2026-08-01' }),
    ]);
    const [f] = findExceptionEntries(s, config);
    expect(f).toMatchObject({ severity: 'medium', measures: { entries: 2 } });
    expect(f!.institutions.map((i) => i.name)).toEqual(['区统计局', '区数据局']);
    expect(f!.evidence).toHaveLength(2);
  });

  it('Given the same history read as of a date before the entry When diagnosed Then it is silent (as-of)', () => {
    expect(findExceptionEntries(district([entry({ on: '2026-01-15' })], '2025-12-31'), config)).toEqual([]);
  });

  it('Given the demo districts When diagnosed Then the planted one shows its exception entry and the clean one is silent', () => {
    const planted = demoSnapshot();
    const [f, ...rest] = findExceptionEntries(planted, config);
    expect(rest).toEqual([]);
    expect(f!.institutions.map((i) => i.name)).toEqual(
      planted.demo.manifest.find((m) => m.code === 'EXCEPTION_ENTRY')!.institutions,
    );
    expect(findExceptionEntries(demoSnapshot({ planted: false }), config)).toEqual([]);
  });
});
