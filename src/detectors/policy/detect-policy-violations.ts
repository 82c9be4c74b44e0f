import type { Match, ScannedText } from '../scanned-text.js';
import { domainAllowed, findUrls } from '../urls.js';
import type { AgentPolicy } from './agent-policy.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function bannedTopics(text: string, topics: readonly string[]): Match[] {
  const found: Match[] = [];
  for (const topic of topics) {
    const words = topic.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
    for (const hit of text.matchAll(new RegExp(`(?<![\\w])${words}(?![\\w])`, 'gi'))) {
      found.push({
        rule: 'banned-topic',
        kind: 'banned topic',
        severity: 'medium',
        start: hit.index,
        end: hit.index + hit[0].length,
        identity: topic.toLowerCase(),
      });
    }
  }
  return found;
}

function outboundDomains(text: string, allowed: readonly string[]): Match[] {
  return findUrls(text)
    .filter((found) => !domainAllowed(found.url.hostname, allowed))
    .map((found) => ({
      rule: 'outbound-domain',
      kind: 'URL to a domain the agent may not use',
      severity: 'medium' as const,
      start: found.start,
      end: found.end,
      identity: found.url.hostname.toLowerCase(),
      domain: found.url.hostname.toLowerCase(),
    }));
}

/**
 * Breaks of the agent's policy in one text: a tool it may not call, a URL to a domain it may not
 * use (only when the policy lists domains), a banned topic. Base severities; the role rules
 * decide where each counts.
 */
export function detectPolicyViolations(input: ScannedText, policy: AgentPolicy): Match[] {
  const found: Match[] = [];
  if (input.role === 'tool_arguments' && input.toolName && policy.allowedTools) {
    const allowed = policy.allowedTools.some((tool) => tool.toLowerCase() === input.toolName!.toLowerCase());
    if (!allowed) {
      found.push({
        rule: 'tool-not-allowed',
        kind: `call to a tool the agent may not use (${input.toolName})`,
        severity: 'high',
        start: 0,
        end: Math.min(input.text.length, 200),
        identity: input.toolName.toLowerCase(),
      });
    }
  }
  if (policy.allowedDomains.length > 0) found.push(...outboundDomains(input.text, policy.allowedDomains));
  if (policy.bannedTopics.length > 0) found.push(...bannedTopics(input.text, policy.bannedTopics));
  return found;
}
