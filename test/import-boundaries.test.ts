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
      refused: true,
    },
    {
      filePath: 'src/server/routes/x.ts',
      code: "import { listVisibleAdjustments } from '../../commands/adjustments.js';",
      refused: false,
    },
    {
      filePath: 'src/cli/x.ts',
      code: "import { verifyAuditChain } from '../store/audit.repository.js';",
      refused: true,
    },
    { filePath: 'src/server/x.ts', code: "import { diagnose } from '../analysis/diagnose.js';", refused: true },
    { filePath: 'src/server/x.ts', code: "import { x } from '../analysis/diagnostics/overstaffed.js';", refused: true },
    { filePath: 'src/store/x.ts', code: "import type { PersonFact } from '../analysis/snapshot.js';", refused: true },
    { filePath: 'src/domain/x.ts', code: "import { openStore } from '../store/database.js';", refused: true },
    { filePath: 'src/analysis/x.ts', code: "import pg from 'pg';", refused: true },
    { filePath: 'src/cli/x.ts', code: "import { openStore } from '../store/database.js';", refused: false },
    { filePath: 'src/server/x.ts', code: "import type { Snapshot } from '../analysis/snapshot.js';", refused: false },
    {
      filePath: 'src/server/x.ts',
      code: "import { diagnosticLabels } from '../analysis/diagnostics/registry.js';",
      refused: false,
    },
    { filePath: 'src/server/x.ts', code: "import { severityLabels } from '../analysis/finding.js';", refused: false },
    { filePath: 'src/store/x.ts', code: "import type { PersonFact } from '../domain/facts.js';", refused: false },
  ])('Given $code in $filePath When linted Then refused = $refused', async ({ code, filePath, refused }) => {
    expect(await restrictedBy(`${code}\nexport const y = 1;\n`, filePath)).toHaveLength(refused ? 1 : 0);
  });
});
