import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { toAccessPolicy, type AccessPolicy } from './access-policy.js';
import { policyFileSchema } from './policy-schema.js';

/** The policy file is invalid; the message names the file, the path inside it and the reason. */
export class PolicyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyFileError';
  }
}

/**
 * Reads and validates the policy file. A missing file is an error only when `required`
 * (the operator named it); otherwise nothing is requestable yet.
 */
export async function loadPolicyFile(path: string, options: { required: boolean }): Promise<AccessPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return { groups: [] };
    throw new PolicyFileError(`${path}: cannot read the policy file (${(error as Error).message})`);
  }
  return parsePolicyText(text, path);
}

export function parsePolicyText(text: string, path = 'policies.yml'): AccessPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new PolicyFileError(`${path}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new PolicyFileError(`${path}: invalid policy file:\n${problems.join('\n')}`);
  }
  return toAccessPolicy(parsed.data);
}
