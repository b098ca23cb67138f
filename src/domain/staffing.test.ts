import { describe, expect, it } from 'vitest';
import { addMonths, availableVacancy, checkVacancy, isOpenApproval, staffingDocNumber } from './staffing.js';

describe('checkVacancy', () => {
  const f = (approved: number, actual: number, reserved = 0, unreplacedLeavers = 0) => ({
    approved,
    actual,
    reserved,
    unreplacedLeavers,
  });

  it('Given vacant places beyond the open approvals When as many are asked Then it fits; one more does not', () => {
    expect(checkVacancy(f(5, 2, 1), 2, 12)).toEqual({ ok: true, replacement: false });
    const refused = checkVacancy(f(5, 2, 1), 3, 12);
    expect(refused).toEqual({ ok: false, reason: '可用空编只有2名(核定5名,实有2名,已核准待入编1名),不足申请的3名' });
  });

  it('Given a unit over quota When it asks for any place Then it is refused, leavers or not', () => {
    expect(checkVacancy(f(3, 4, 0, 5), 1, 12)).toMatchObject({ ok: false, reason: expect.stringMatching(/^超编1名/) });
  });

  it('Given a unit at full quota When it replaces leavers not yet replaced Then only as many as left (出一进一)', () => {
    expect(checkVacancy(f(3, 3, 0, 2), 2, 12)).toEqual({ ok: true, replacement: true });
    expect(checkVacancy(f(3, 3, 0, 2), 3, 12)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('满编单位只能出一进一,近12个月减员中尚未补充的只有2名'),
    });
  });

  it('Given more reserved than vacant Then 可用空编 is never negative', () => {
    expect(availableVacancy(f(3, 2, 4))).toBe(0);
  });
});

describe('the approval’s number and validity', () => {
  it('Given a year and sequence Then the number reads like a 公文 number', () => {
    expect(staffingDocNumber('示', 2026, 15)).toBe('示编用〔2026〕15号');
  });

  it('Given dates near month ends When months are added Then the day is clamped to the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-27', -12)).toBe('2025-11-27');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('Given an approval When used up, expired or withdrawn Then it holds no places', () => {
    const a = { status: 'approved', used: 0, count: 2, expiresOn: '2027-05-27' };
    expect(isOpenApproval(a, '2027-05-27')).toBe(true);
    expect(isOpenApproval(a, '2027-05-28')).toBe(false);
    expect(isOpenApproval({ ...a, used: 2 }, '2026-12-01')).toBe(false);
    expect(isOpenApproval({ ...a, status: 'withdrawn' }, '2026-12-01')).toBe(false);
  });
});
