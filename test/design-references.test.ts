/** Every "DESIGN §n" a comment cites must be a section of docs/DESIGN.md. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const design = readFileSync(join(root, 'docs/DESIGN.md'), 'utf8');
const sections = new Set([...design.matchAll(/^## (\d+[a-z]?)\. /gmu)].map((m) => m[1]));

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'out' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|md)$/u.test(name)) yield path;
  }
}

describe('DESIGN references', () => {
  it('Given the sources When every "DESIGN §n" is collected Then each names a section of docs/DESIGN.md', () => {
    const cited: string[] = [];
    const missing: string[] = [];
    const places = ['src', 'web/src', 'web/e2e', 'test', 'bench', 'scripts', 'docs'].map((d) => join(root, d));
    for (const path of [
      ...places.flatMap((d) => [...files(d)]),
      join(root, 'eslint.config.js'),
      join(root, 'README.md'),
    ])
      for (const m of readFileSync(path, 'utf8').matchAll(/DESIGN §(\d+[a-z]?)/gu)) {
        cited.push(m[1]!);
        if (!sections.has(m[1]!)) missing.push(`${path.slice(root.length)}: §${m[1]}`);
      }
    expect(cited.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
