import { z } from 'zod';
import { PII_CATEGORIES, type PiiCategory } from '../pii/detect-pii.js';
import { DETECTORS, type DetectorName } from '../scanned-text.js';

/**
 * What an agent may do, from the agent policy file (see agent-policies.example.yml): tools it may
 * call, domains it may send people or data to, topics it must stay away from, PII it may show,
 * and values it may say without a finding.
 */
export interface AgentPolicy {
  /** Undefined: any tool. */
  allowedTools?: string[];
  allowedDomains: string[];
  bannedTopics: string[];
  allowedPiiInOutputs: PiiCategory[];
  allow: AllowEntry[];
}

/** One allow-list entry: a detector (and rule) plus the values it lets through. */
export interface AllowEntry {
  detector?: DetectorName;
  rule?: string;
  /** SHA-256 (hex) of exact values: `printf %s 'value' | sha256sum`. */
  valueSha256?: string[];
  pattern?: RegExp;
  domains?: string[];
}

const allowEntrySchema = z
  .object({
    detector: z.enum(DETECTORS as [DetectorName, ...DetectorName[]]).optional(),
    rule: z.string().min(1).optional(),
    value_sha256: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 in hex')))
      .optional(),
    pattern: z
      .string()
      .min(1)
      .transform((source, ctx) => {
        try {
          return new RegExp(source, 'i');
        } catch {
          ctx.addIssue({ code: 'custom', message: `"${source}" is not a valid regular expression` });
          return z.NEVER;
        }
      })
      .optional(),
    domains: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((entry) => entry.value_sha256 || entry.pattern || entry.domains, {
    message: 'an allow entry needs value_sha256, pattern or domains',
  });

const agentSchema = z
  .object({
    allowed_tools: z.array(z.string().min(1)).optional(),
    allowed_domains: z.array(z.string().min(1)).optional(),
    banned_topics: z.array(z.string().min(1)).optional(),
    allowed_pii_in_outputs: z.array(z.enum(PII_CATEGORIES)).optional(),
    allow: z.array(allowEntrySchema).optional(),
  })
  .strict();

export const agentPolicyFileSchema = z
  .object({
    defaults: agentSchema.optional(),
    agents: z.record(z.string(), agentSchema.nullable()).optional(),
  })
  .strict();

type AgentSection = z.output<typeof agentSchema>;

function allowEntries(section: AgentSection | null | undefined): AllowEntry[] {
  return (section?.allow ?? []).map((entry) => ({
    ...(entry.detector ? { detector: entry.detector } : {}),
    ...(entry.rule ? { rule: entry.rule } : {}),
    ...(entry.value_sha256 ? { valueSha256: entry.value_sha256.map((hash) => hash.toLowerCase()) } : {}),
    ...(entry.pattern ? { pattern: entry.pattern } : {}),
    ...(entry.domains ? { domains: entry.domains } : {}),
  }));
}

/** Every agent's policy by name; agents the file does not name get the defaults. */
export class AgentPolicies {
  constructor(private readonly file: z.output<typeof agentPolicyFileSchema> = {}) {}

  /** The agents the file names (lower case). */
  get named(): string[] {
    return Object.keys(this.file.agents ?? {}).map((name) => name.toLowerCase());
  }

  for(agentName: string): AgentPolicy {
    const defaults = this.file.defaults;
    const entry = Object.entries(this.file.agents ?? {}).find(
      ([name]) => name.toLowerCase() === agentName.toLowerCase(),
    )?.[1];
    const allowedTools = entry?.allowed_tools ?? defaults?.allowed_tools;
    return {
      ...(allowedTools ? { allowedTools } : {}),
      allowedDomains: [...(defaults?.allowed_domains ?? []), ...(entry?.allowed_domains ?? [])],
      bannedTopics: [...(defaults?.banned_topics ?? []), ...(entry?.banned_topics ?? [])],
      allowedPiiInOutputs: entry?.allowed_pii_in_outputs ?? defaults?.allowed_pii_in_outputs ?? [],
      allow: [...allowEntries(defaults), ...allowEntries(entry)],
    };
  }
}
