import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AgentPolicies, agentPolicyFileSchema } from './agent-policy.js';

/** The agent policy file is invalid; the message names the file, the path inside it and the reason. */
export class AgentPolicyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentPolicyFileError';
  }
}

/** Reads the agent policy file; a missing file is an error only when the operator named it. */
export async function loadAgentPolicies(
  path: string,
  options: { required: boolean },
): Promise<AgentPolicies> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return new AgentPolicies();
    throw new AgentPolicyFileError(
      `${path}: cannot read the agent policy file (${(error as Error).message})`,
    );
  }
  return parseAgentPolicies(text, path);
}

export function parseAgentPolicies(text: string, path = 'agent-policies.yml'): AgentPolicies {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new AgentPolicyFileError(
      `${path}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = agentPolicyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new AgentPolicyFileError(`${path}: invalid agent policy file:\n${problems.join('\n')}`);
  }
  return new AgentPolicies(parsed.data);
}
