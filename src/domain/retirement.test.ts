import { describe, expect, it } from 'vitest';
import { personRetirement, retirementGroup, statutoryRetirement, type RetirementGroup } from './retirement.js';

const at = (birth: string, group: RetirementGroup) => {
  const r = statutoryRetirement(birth, group);
  return `${r.label} ${r.month}`;
};

describe('statutoryRetirement (渐进式延迟法定退休年龄, from 2025-01-01)', () => {
  it('Given men, when born in the 对照表 rows, then the published age and month', () => {
    // 附件1 男职工延迟法定退休年龄对照表
    expect(at('1964-12-15', 'male')).toBe('60岁 2024-12');
    expect(at('1965-01-10', 'male')).toBe('60岁1个月 2025-02');
    expect(at('1965-04-30', 'male')).toBe('60岁1个月 2025-05');
    expect(at('1965-05-01', 'male')).toBe('60岁2个月 2025-07');
    expect(at('1965-08-20', 'male')).toBe('60岁2个月 2025-10');
    expect(at('1966-01-05', 'male')).toBe('60岁4个月 2026-05');
    expect(at('1975-06-01', 'male')).toBe('62岁8个月 2038-02');
    expect(at('1976-08-31', 'male')).toBe('62岁11个月 2039-07');
    expect(at('1976-09-01', 'male')).toBe('63岁 2039-09');
    expect(at('1983-02-25', 'male')).toBe('63岁 2046-02');
    expect(at('1990-07-07', 'male')).toBe('63岁 2053-07');
  });

  it('Given women cadres (原55岁), then every 4 birth months adds a month up to 58', () => {
    // 附件2 原法定退休年龄五十五周岁的女职工延迟法定退休年龄对照表
    expect(at('1969-12-31', 'female_cadre')).toBe('55岁 2024-12');
    expect(at('1970-01-01', 'female_cadre')).toBe('55岁1个月 2025-02');
    expect(at('1970-09-01', 'female_cadre')).toBe('55岁3个月 2025-12');
    expect(at('1971-06-01', 'female_cadre')).toBe('55岁5个月 2026-11');
    expect(at('1974-10-08', 'female_cadre')).toBe('56岁3个月 2031-01');
    expect(at('1978-07-19', 'female_cadre')).toBe('57岁2个月 2035-09');
    expect(at('1981-08-01', 'female_cadre')).toBe('57岁11个月 2039-07');
    expect(at('1981-09-01', 'female_cadre')).toBe('58岁 2039-09');
    expect(at('1988-09-01', 'female_cadre')).toBe('58岁 2046-09');
  });

  it('Given women workers (原50岁), then every 2 birth months adds a month up to 55', () => {
    // 附件3 原法定退休年龄五十周岁的女职工延迟法定退休年龄对照表
    expect(at('1974-12-01', 'female_worker')).toBe('50岁 2024-12');
    expect(at('1975-01-01', 'female_worker')).toBe('50岁1个月 2025-02');
    expect(at('1975-02-28', 'female_worker')).toBe('50岁1个月 2025-03');
    expect(at('1975-03-01', 'female_worker')).toBe('50岁2个月 2025-05');
    expect(at('1975-06-01', 'female_worker')).toBe('50岁3个月 2025-09');
    expect(at('1976-06-01', 'female_worker')).toBe('50岁9个月 2027-03');
    expect(at('1977-01-01', 'female_worker')).toBe('51岁1个月 2028-02');
    expect(at('1984-10-01', 'female_worker')).toBe('54岁11个月 2039-09');
    expect(at('1984-11-01', 'female_worker')).toBe('55岁 2039-11');
    expect(at('1986-05-01', 'female_worker')).toBe('55岁 2041-05');
  });

  it('Given a birth day missing in the retirement month, then the last day of that month', () => {
    // born 1965-05-31, 60岁2个月 → July has 31 days; born 1966-12-31 (60岁6个月 → 2027-06, 30 days)
    expect(statutoryRetirement('1965-05-31', 'male').date).toBe('2025-07-31');
    expect(statutoryRetirement('1966-12-31', 'male')).toMatchObject({ date: '2027-06-30', delayMonths: 6 });
    expect(statutoryRetirement('1980-02-29', 'male').date).toBe('2043-02-28');
  });

  it('Given roster facts, then the group follows gender and the 工勤 quota unless the post type is given', () => {
    expect(retirementGroup('男', { category: 'worker' })).toBe('male');
    expect(retirementGroup('女', { category: 'admin' })).toBe('female_cadre');
    expect(retirementGroup('女', { category: 'worker' })).toBe('female_worker');
    expect(retirementGroup('女', { category: 'public_service', staffType: 'worker' })).toBe('female_worker');
    expect(retirementGroup('女', { category: 'worker', staffType: 'cadre' })).toBe('female_cadre');
    expect(retirementGroup(null)).toBeNull();
    expect(personRetirement({ birthDate: null, gender: '男' })).toBeNull();
    expect(personRetirement({ birthDate: '1966-01-01', gender: '男' })?.date).toBe('2026-05-01');
  });
});
