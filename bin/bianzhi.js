#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (installed as a dependency), so `npx bianzhi` works without a build step.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runForwardingSignals } from '../scripts/forward-signals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
runForwardingSignals(
  process.execPath,
  // a larger young generation: a million-row import allocates short-lived rows fast (12.8 → 11.5 s, bench/RESULTS.md)
  [
    '--max-semi-space-size=32',
    '--import',
    import.meta.resolve('tsx'),
    join(root, 'src/cli/main.ts'),
    ...process.argv.slice(2),
  ],
  { cwd: process.cwd() },
);
