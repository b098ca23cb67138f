import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupIndex, intersectionOf, pageOf, PrefixIndex, SubstringIndex, unionOf } from './text-index.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const alphabet = ['张', '王', '李', '伟', '芳', 'a', 'b', '1', '2', 'X'];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((cs) => cs.join(''));

describe('text index', () => {
  it('Given any texts and fragment When searched Then the rows are exactly those containing it, ascending', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), text.filter(Boolean), (texts, q) => {
        const expected = range(texts.length).filter((i) => texts[i]!.includes(q));
        expect(new SubstringIndex(texts).find(q)).toEqual(expected);
      }),
    );
  });

  it('Given any keys and prefix When searched Then the rows are exactly those starting with it, ascending', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), text.filter(Boolean), (keys, p) => {
        const expected = range(keys.length).filter((i) => keys[i]!.startsWith(p));
        expect(new PrefixIndex(keys).find(p)).toEqual(expected);
      }),
    );
  });

  it('Given rows in two groups When a group set is asked Then each row comes once, ascending', () => {
    const groups = [['a', 'b'], ['b'], ['c', null], ['a']];
    const index = new GroupIndex(groups.length, (i) => groups[i]!);
    expect(index.find(['a'])).toEqual([0, 3]);
    expect(index.find(['a', 'b'])).toEqual([0, 1, 3]);
    expect(index.find(['z'])).toEqual([]);
    expect(
      unionOf([
        [1, 3],
        [2, 3],
      ]),
    ).toEqual([1, 2, 3]);
    expect(intersectionOf([1, 2, 5, 8], [2, 3, 8])).toEqual([2, 8]);
  });

  it('Given candidates and a filter When paged Then the total counts every match and the page holds the slice', () => {
    const rows = range(20);
    const even = (n: number) => n % 2 === 0;
    expect(pageOf(rows, undefined, even, { offset: 3, limit: 2 })).toEqual({ total: 10, rows: [6, 8] });
    expect(pageOf(rows, [1, 2, 4, 7, 10], even, { offset: 0, limit: 50 })).toEqual({ total: 3, rows: [2, 4, 10] });
    expect(pageOf(rows, [], even, { offset: 0, limit: 5 })).toEqual({ total: 0, rows: [] });
  });
});
