import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { missingFontWarnings } from './report.js';

const fontconfig = !spawnSync('fc-match', ['--version'], { stdio: 'ignore' }).error;

describe('the PDF command’s font check', () => {
  it.skipIf(!fontconfig)(
    'Given a machine without some official faces When checked Then each missing face is named in Chinese with an installed stand-in',
    async () => {
      const warnings = await missingFontWarnings();
      const installed = execFileSync('fc-list', [':', 'family']).toString();
      const faces = ['小标宋', '仿宋', '黑体', '楷体'];
      for (const w of warnings) {
        const m = /^未安装(小标宋|仿宋|黑体|楷体)字体（[^）]+），PDF 中以“([^”]+)”代替/u.exec(w);
        expect(m, w).not.toBeNull();
        expect(installed).toContain(m![2]);
      }
      // a face that fontconfig resolves to itself is not warned about
      const warned = new Set(warnings.map((w) => faces.find((f) => w.startsWith(`未安装${f}`))));
      for (const f of faces)
        if (!warned.has(f))
          expect(installed).toMatch(
            new RegExp(f === '仿宋' ? '仿宋|FangSong' : f === '黑体' ? '黑体|SimHei' : f === '楷体' ? '楷体|KaiTi' : f),
          );
    },
    60_000,
  );
});
