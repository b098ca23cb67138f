#!/usr/bin/env node
// Builds the web app (web/dist) when it is missing or older than its sources; `npm start` runs this first, so a
// fresh clone serves the app after `npm install && npm start`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runForwardingSignals } from './forward-signals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'web', 'dist', 'index.html');
const sources = [
  join(root, 'web', 'src'),
  join(root, 'web', 'index.html'),
  join(root, 'web', 'public'),
  join(root, 'web', 'vite.config.ts'),
  join(root, 'src', 'domain', 'vocabulary.ts'),
  join(root, 'src', 'domain', 'permissions.ts'),
  join(root, 'src', 'domain', 'chinese-text.ts'),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt && builtAt >= changedAt) {
  console.log('web/dist 已是最新,跳过构建。');
} else {
  console.log(builtAt ? '网页源文件有更新,正在重新构建 web/dist……' : '正在构建网页(web/dist)……');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // a signal to `npm start` while building stops the build too (npm runs this with `exec`, so it is npm's child)
  runForwardingSignals(
    process.execPath,
    [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: root },
    '网页构建失败。',
  );
}
