/** What both benchmarks set up the same way: the fake account's credentials, people, policy files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeSlackUser } from '../test/fakes/fake-slack-api.js';

export const BENCH_ACCOUNT = {
  accountId: '99999999-8888-7777-6666-555555555555',
  clientId: 'chatops-bench-sp',
  clientSecret: 'bench-sp-secret-value',
};

export const BENCH_SIGNING_SECRET = 'bench-signing-secret';

/** `count` Slack users with ids Slack would accept (`U0BNCH00042`) and distinct e-mails. */
export function benchPeople(count: number, tag: string): FakeSlackUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(5, '0');
    return { id: `U0${tag}${n}`, email: `bench-${tag.toLowerCase()}-${n}@example.com`, name: `b${tag}${n}` };
  });
}

/** Writes a policy file to a fresh temporary directory; `remove()` deletes the directory. */
export async function writePolicyFile(yaml: string): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-bench-'));
  const file = path.join(dir, 'policies.yml');
  await writeFile(file, yaml);
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs every step even when one fails, and rethrows the first failure afterwards. */
export async function cleanUp(steps: (() => Promise<unknown>)[]): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}
