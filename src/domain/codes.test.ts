import { describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  idNumberFacts,
  maskIdNumber,
  regionFullName,
  usccCheckChar,
  validateIdNumber,
  validateRegionCode,
  validateUscc,
} from './codes.js';

describe('GB 11643 ID numbers', () => {
  it('Given the standard example When checked Then its check character is X', () => {
    // 11010519491231002X is the example printed in GB 11643-1999
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(validateIdNumber('11010519491231002X')).toBeNull();
    expect(validateIdNumber('11010519491231002x')).toBeNull();
  });
  it('Given a wrong check digit, a bad date or a short number When validated Then the reason is given in Chinese', () => {
    expect(validateIdNumber('110105194912310021')).toMatch(/校验位/);
    expect(validateIdNumber('110105194902300020')).toMatch(/出生日期/);
    expect(validateIdNumber('1101051949')).toMatch(/18位/);
  });
  it('Given a valid number When read Then birth date and gender come from it; masked it keeps 6+4', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: '女' });
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('GB 32100 统一社会信用代码', () => {
  it('Given a published code When checked Then it is valid, and a changed character is caught', () => {
    // 91350100M000100Y43 is the example widely cited for GB 32100
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateUscc('91350100M000100Y43')).toBeNull();
    expect(validateUscc('91350100M000100Y44')).toMatch(/校验位/);
    expect(validateUscc('91350100M000100YI3')).toMatch(/非法字符/);
  });
});

describe('GB/T 2260 region codes', () => {
  it('Given real and unknown codes When validated Then only listed codes pass', () => {
    expect(validateRegionCode('110101')).toBeNull();
    expect(validateRegionCode('999999')).toMatch(/不在/);
    expect(validateRegionCode('11010')).toMatch(/6位/);
    expect(regionFullName('370102')).toBe('山东省济南市历下区');
  });
});
