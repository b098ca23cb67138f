import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// semver is installed with fastify (a runtime dependency); it has no bundled types.
interface Semver {
  subset(sub: string, dom: string, options?: { includePrerelease?: boolean }): boolean;
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
}
const semver = createRequire(import.meta.url)('semver') as Semver;

const root = join(import.meta.dirname, '..');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
}

const ownRange = (readJson(join(root, 'package.json')) as Manifest).engines?.node ?? '';
const lockPackages = readJson(join(root, 'package-lock.json')).packages as Record<string, Manifest>;

/** Every package installed under node_modules, read from its own package.json (the lock names the paths). */
function installedPackages(): { path: string; manifest: Manifest }[] {
  return Object.keys(lockPackages)
    .filter((path) => path.startsWith('node_modules/'))
    .map((path) => ({ path, file: join(root, path, 'package.json') }))
    .filter(({ file }) => existsSync(file)) // optional packages of other platforms are not installed
    .map(({ path, file }) => ({ path, manifest: readJson(file) as Manifest }));
}

describe('the engines field is true', () => {
  it('Given package.json, Then it states a valid Node range that the running Node satisfies', () => {
    expect(semver.validRange(ownRange)).not.toBeNull();
    expect(semver.satisfies(process.versions.node, ownRange)).toBe(true);
  });

  it('Given every installed package, Then each one supports every Node version package.json allows (no EBADENGINE)', () => {
    const installed = installedPackages();
    expect(installed.length).toBeGreaterThan(100);
    const refusing = installed
      .filter(({ manifest }) => typeof manifest.engines?.node === 'string')
      .filter(({ manifest }) => !semver.subset(ownRange, manifest.engines?.node ?? '*'))
      .map(({ path, manifest }) => `${path}@${manifest.version} wants node ${manifest.engines?.node}`);
    expect(refusing).toEqual([]);
  });

  it('Given the lock file, Then it records the same engines range as package.json', () => {
    expect(lockPackages['']?.engines?.node).toBe(ownRange);
  });
});
