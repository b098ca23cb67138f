/**
 * When the laws and regulations that 权责清单 cite were adopted and last revised: a list whose items rest on a law
 * revised after the list was published may no longer match it (POWER_LIST_OUTDATED). Each entry gives the dates of
 * adoption and of every 修订/修正 as the text's own header lists them (revisionDatesOf), or, where only the file names
 * of the public mirror github.com/LawRefBook/Laws were read, the date of each version the mirror holds
 * (law-revisions.data.ts).
 */
export interface LawRevision {
  /** The full title as cited, e.g. 中华人民共和国行政处罚法 */
  name: string;
  /** Adoption and every revision or amendment, ISO dates in order (the header's 通过/修订/修正/公布 dates). */
  revisions: string[];
  source: string;
}

export { lawRevisions } from './law-revisions.data.js';

const chineseDay = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
const chineseDays = new RegExp(chineseDay.source, 'g');
const iso = (m: RegExpMatchArray) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;

/** What a dated header line records; 施行 (entry into force) and anything else is 'other'. */
const eventOf = (text: string) =>
  /修订|修正|修改/.test(text)
    ? 'revised'
    : /公布|发布|令第/.test(text)
      ? 'published'
      : /通过|批准/.test(text)
        ? 'adopted'
        : 'other';

/**
 * The dates of adoption and of every revision or amendment in the header of a text as LawRefBook/Laws gives it: the
 * dated lines before `<!-- INFO END -->`. 施行 (entry into force) is no revision; a regulation adopted by a meeting and
 * then published by decree counts from its publication (the 公布/发布 or 令第…号 line that follows the 通过/批准 line),
 * since no list can follow a text before it is public.
 */
export function revisionDatesOf(markdownHeader: string): string[] {
  const end = markdownHeader.indexOf('<!-- INFO END -->');
  const lines = (end < 0 ? markdownHeader : markdownHeader.slice(0, end)).split('\n');
  const dates: string[] = [];
  const undated = (line: string) => !chineseDay.test(line) && !line.trim().startsWith('#');
  // the last date was an adoption by a meeting, which a following publication replaces
  let lastAdopted = false;
  for (const [i, line] of lines.entries()) {
    const m = chineseDay.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    let rest = line.slice(m.index + m[0].length);
    // a line naming only the first issuing body (2011年10月29日 中华人民共和国国务院) goes on in the undated lines
    // below it (中华人民共和国中央军事委员会令第608号公布)
    if (eventOf(rest) === 'other' && !rest.includes('施行'))
      for (let j = i + 1; j < lines.length && undated(lines[j]!); j++) rest += lines[j];
    const event = eventOf(rest);
    if (event === 'other') continue;
    if (event === 'published' && lastAdopted) dates.pop();
    // a line may run two amendments together (…第一次修正根据2009年8月27日…第二次修正): each date counts
    if (event === 'revised') for (const d of line.matchAll(chineseDays)) dates.push(iso(d));
    else dates.push(iso(m));
    lastAdopted = event === 'adopted';
  }
  return [...new Set(dates)].sort();
}
