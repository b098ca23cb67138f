/**
 * In-memory search over the rows of one data version: which texts contain a fragment (a character index: the rows
 * holding the fragment's rarest character, then checked whole), which keys start with a prefix (binary search over the
 * sorted keys), which rows belong to a group. Row numbers come back ascending, so the rows keep their order.
 */

/** Texts containing a fragment, by the posting list of each character. */
export class SubstringIndex {
  private readonly postings = new Map<string, number[]>();

  constructor(private readonly texts: readonly string[]) {
    texts.forEach((text, row) => {
      for (const ch of new Set(text)) {
        const list = this.postings.get(ch);
        if (list) list.push(row);
        else this.postings.set(ch, [row]);
      }
    });
  }

  /** Rows whose text contains `fragment` (non-empty), ascending. */
  find(fragment: string): number[] {
    let rarest: number[] | undefined;
    for (const ch of new Set(fragment)) {
      const list = this.postings.get(ch);
      if (!list) return [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    if (!rarest) return [];
    return [...fragment].length === 1 ? rarest : rarest.filter((row) => this.texts[row]!.includes(fragment));
  }
}

/** Keys starting with a prefix. */
export class PrefixIndex {
  private readonly order: number[];

  constructor(private readonly keys: readonly string[]) {
    this.order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  }

  /** Rows whose key starts with `prefix` (non-empty), ascending. */
  find(prefix: string): number[] {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[this.order[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const rows: number[] = [];
    for (let i = lo; i < this.order.length && this.keys[this.order[i]!]!.startsWith(prefix); i++)
      rows.push(this.order[i]!);
    return rows.sort((a, b) => a - b);
  }
}

/** Rows by group (a row may be in several groups). */
export class GroupIndex {
  private readonly groups = new Map<string, number[]>();

  constructor(count: number, groupsOf: (row: number) => (string | null | undefined)[]) {
    for (let row = 0; row < count; row++) {
      for (const g of new Set(groupsOf(row))) {
        if (g == null) continue;
        const list = this.groups.get(g);
        if (list) list.push(row);
        else this.groups.set(g, [row]);
      }
    }
  }

  /** Rows in any of `groups`, ascending. */
  find(groups: Iterable<string>): number[] {
    const lists = [...groups].map((g) => this.groups.get(g) ?? []);
    if (lists.length === 1) return lists[0]!;
    return unionOf(lists);
  }
}

/** The union of ascending row lists, ascending and without repeats. */
export function unionOf(lists: number[][]): number[] {
  const all = lists.flat().sort((a, b) => a - b);
  return all.filter((row, i) => i === 0 || row !== all[i - 1]);
}

/** The rows of `a` also in `b` (both ascending). */
export function intersectionOf(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const row of a) {
    while (j < b.length && b[j]! < row) j++;
    if (b[j] === row) out.push(row);
  }
  return out;
}

/** One page of the rows (of `candidates`, or all) that `keep` accepts, with how many there are in all. */
export function pageOf<T>(
  rows: readonly T[],
  candidates: readonly number[] | undefined,
  keep: (row: T) => boolean,
  page: { offset: number; limit: number },
): { total: number; rows: T[] } {
  const out: T[] = [];
  let total = 0;
  const take = (row: T) => {
    if (!keep(row)) return;
    if (total >= page.offset && out.length < page.limit) out.push(row);
    total++;
  };
  if (candidates) for (const i of candidates) take(rows[i]!);
  else for (const row of rows) take(row);
  return { total, rows: out };
}
