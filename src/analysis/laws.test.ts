import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articles, codeArticles, laws, regulationOf, regulations } from './laws.js';

const dir = join(process.cwd(), 'docs', 'laws');
const lawText = (name: string) => {
  const file = readdirSync(dir).find((f) => f.startsWith(name));
  if (!file) throw new Error(`${name} not in docs/laws`);
  return readFileSync(join(dir, file), 'utf8').replace(/\s/g, '');
};
/** 第二十六条第（四）项 → the article and item as the text numbers them: 第二十六条 … (四)… */
function articleText(law: string, article: string): string {
  const [, art, item] = /^(第[^条]+条)(?:第[（(]([^）)]+)[）)]项)?$/.exec(article)!;
  const all = lawText(law);
  const start = all.indexOf(art!);
  expect(start, `${law}${art}`).toBeGreaterThanOrEqual(0);
  const next = all.slice(start + art!.length).search(/第[一二三四五六七八九十百]+条/);
  const body = all.slice(start, next < 0 ? undefined : start + art!.length + next);
  if (!item) return body;
  const at = body.indexOf(`(${item})`);
  expect(at, `${article}`).toBeGreaterThanOrEqual(0);
  return body.slice(at);
}

describe('the articles the report quotes', () => {
  it('Given each quoted article When looked up in the regulation’s text Then its words are there under that number', () => {
    for (const a of Object.values(articles)) {
      const text = articleText(regulations[a.regulation].name, a.article);
      expect(text, `${a.article}`).toContain(a.text.replace(/\s/g, ''));
    }
    for (const l of Object.values(laws)) expect(articleText(l.law, l.article)).toContain(l.text.replace(/\s/g, ''));
  });

  it('Given an article quoted under the wrong number When looked up Then it is not found there', () => {
    expect(articleText(regulations.gov.name, '第八条')).not.toContain(articles.overlap.text);
  });

  it('Given each institution kind When its regulation is asked Then Party organs and government bodies differ', () => {
    expect(regulationOf('party_dept')).toBe('party');
    expect(regulationOf('mass_org')).toBe('party');
    expect(regulationOf('gov_dept')).toBe('gov');
    expect(regulationOf('township')).toBe('gov');
    expect(regulationOf('public_institution')).toBe('piPersonnel');
    for (const key of Object.values(codeArticles)) expect(articles[key!]).toBeDefined();
  });
});
