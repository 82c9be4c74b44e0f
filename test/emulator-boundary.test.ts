import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
/** What the production image is built from (Dockerfile, tsconfig.build.json). */
const PRODUCT = ['src', 'bots', 'jobs', 'migrations'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the Databricks workspace emulator as a part of its own', () => {
  it('lives in emulator/, imports nothing from test/, and the product imports nothing from it', async () => {
    for (const file of await sourceFiles('emulator')) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(/from '(\.\.\/)+test\//);
    }
    for (const dir of PRODUCT) {
      for (const file of await sourceFiles(dir)) {
        expect(await readFile(file, 'utf8'), file).not.toMatch(/from '(\.\.\/)+(emulator|test|sandbox)\//);
      }
    }
  });

  it('stays out of the production image and the build', async () => {
    const dockerfile = await readFile(path.join(ROOT, 'Dockerfile'), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(?:\S+ )*?(\S+) \.\/\S*$/gm)].map((m) => m[1]);
    expect(copied).not.toContain('emulator');
    expect(dockerfile).not.toMatch(/COPY (\. |emulator)/);
    const build = JSON.parse(await readFile(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(build.include).toEqual(PRODUCT);
    expect(await readFile(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^emulator$/m);
  });
});
