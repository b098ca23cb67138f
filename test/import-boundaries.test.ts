/** The import boundaries of eslint.config.js (docs/DESIGN.md "The doors") refuse what they should, and only that. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const restrictedBy = async (code: string, filePath: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('import boundaries', () => {
  it.each([
    {
      filePath: 'src/server/routes/x.ts',
      code: "import { listAdjustments } from '../../store/registry.repository.js';",
    },
    { filePath: 'src/cli/x.ts', code: "import { verifyAuditChain } from '../store/audit.repository.js';" },
    { filePath: 'src/server/x.ts', code: "import { diagnose } from '../analysis/diagnose.js';" },
    { filePath: 'src/server/x.ts', code: "import { x } from '../analysis/diagnostics/overstaffed.js';" },
    { filePath: 'src/store/x.ts', code: "import type { PersonFact } from '../analysis/snapshot.js';" },
    { filePath: 'src/domain/x.ts', code: "import { openStore } from '../store/database.js';" },
    { filePath: 'src/analysis/x.ts', code: "import pg from 'pg';" },
  ])('Given $code in $filePath When linted Then the boundary rule refuses it', async ({ code, filePath }) => {
    expect(await restrictedBy(`${code}\nexport const y = 1;\n`, filePath)).toHaveLength(1);
  });

  it.each([
    {
      filePath: 'src/server/routes/x.ts',
      code: "import { listVisibleAdjustments } from '../../commands/adjustments.js';",
    },
    { filePath: 'src/cli/x.ts', code: "import { openStore } from '../store/database.js';" },
    { filePath: 'src/server/x.ts', code: "import type { Snapshot } from '../analysis/snapshot.js';" },
    { filePath: 'src/server/x.ts', code: "import { diagnosticLabels } from '../analysis/diagnostics/registry.js';" },
    { filePath: 'src/server/x.ts', code: "import { severityLabels } from '../analysis/finding.js';" },
    { filePath: 'src/store/x.ts', code: "import type { PersonFact } from '../domain/facts.js';" },
  ])('Given $code in $filePath When linted Then it passes', async ({ code, filePath }) => {
    expect(await restrictedBy(`${code}\nexport const y = 1;\n`, filePath)).toEqual([]);
  });
});
