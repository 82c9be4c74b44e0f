/**
 * Parses and applies SCIM PatchOp bodies for group membership (RFC 7644 §3.5.2), covering the
 * forms Databricks clients send: `{"op":"add","path":"members","value":[{"value":id}]}`,
 * `{"op":"add","value":{"members":[...]}}`, `{"op":"remove","path":"members[value eq \"id\"]"}`,
 * `{"op":"remove","path":"members","value":[...]}` and `replace` on members. Other paths
 * (displayName, roles, entitlements) are rejected: the fake only models membership.
 */
import { SCIM_PATCH_OP } from './scim-wire.js';

export type MembershipChange =
  { kind: 'add' | 'replace'; memberIds: string[] } | { kind: 'remove'; memberIds: string[] | 'all' };

export interface PatchRejection {
  scimType: 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget';
  detail: string;
}

export type ParsedGroupPatch =
  { ok: true; operations: unknown[]; changes: MembershipChange[] } | ({ ok: false } & PatchRejection);

export type AppliedGroupPatch =
  { ok: true; memberIds: string[]; added: string[]; removed: string[] } | ({ ok: false } & PatchRejection);

/** The message Databricks returns for malformed PatchOp bodies (seen in databricks-sdk-java#279). */
export const UNPARSABLE = 'Request is unparsable, syntactically incorrect, or violates schema.';

const GROUP_URN_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:group:';
const MEMBER_FILTER = /^members\s*\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

export function parseGroupPatch(body: unknown): ParsedGroupPatch {
  if (!isRecord(body)) return { ok: false, scimType: 'invalidSyntax', detail: UNPARSABLE };
  const schemas = field(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(SCIM_PATCH_OP)) {
    const detail = `${UNPARSABLE} schemas must be ["${SCIM_PATCH_OP}"].`;
    return { ok: false, scimType: 'invalidSyntax', detail };
  }
  const operations = field(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    const detail = `${UNPARSABLE} Operations must be a non-empty array.`;
    return { ok: false, scimType: 'invalidSyntax', detail };
  }
  const changes: MembershipChange[] = [];
  for (const [index, operation] of operations.entries()) {
    const change = parseOperation(operation);
    if ('scimType' in change) {
      return { ok: false, scimType: change.scimType, detail: `Operations[${index}]: ${change.detail}` };
    }
    changes.push(change);
  }
  return { ok: true, operations, changes };
}

/** Applies all changes in order, or none: an unknown member id rejects the whole request. */
export function applyGroupPatch(
  currentMemberIds: readonly string[],
  changes: readonly MembershipChange[],
  principalExists: (id: string) => boolean,
): AppliedGroupPatch {
  const next = new Set(currentMemberIds);
  for (const change of changes) {
    if (change.kind === 'remove') {
      if (change.memberIds === 'all') next.clear();
      else for (const id of change.memberIds) next.delete(id);
      continue;
    }
    const unknown = change.memberIds.find((id) => !principalExists(id));
    if (unknown !== undefined) {
      const detail = `Member ${unknown} is not a user, service principal or group of this account.`;
      return { ok: false, scimType: 'invalidValue', detail };
    }
    if (change.kind === 'replace') next.clear();
    for (const id of change.memberIds) next.add(id);
  }
  const before = new Set(currentMemberIds);
  const memberIds = [...next];
  return {
    ok: true,
    memberIds,
    added: memberIds.filter((id) => !before.has(id)),
    removed: currentMemberIds.filter((id) => !next.has(id)),
  };
}

function parseOperation(operation: unknown): MembershipChange | PatchRejection {
  if (!isRecord(operation)) return { scimType: 'invalidSyntax', detail: UNPARSABLE };
  const op = field(operation, 'op');
  const kind = typeof op === 'string' ? op.toLowerCase() : undefined;
  if (kind !== 'add' && kind !== 'remove' && kind !== 'replace') {
    return { scimType: 'invalidSyntax', detail: `${UNPARSABLE} Unsupported op ${JSON.stringify(op)}.` };
  }
  const rawPath = field(operation, 'path');
  if (rawPath !== undefined && typeof rawPath !== 'string') {
    return { scimType: 'invalidPath', detail: 'path must be a string.' };
  }
  const value = field(operation, 'value');
  if (rawPath === undefined) {
    if (kind === 'remove') return { scimType: 'noTarget', detail: 'remove requires a path.' };
    const members = isRecord(value) ? field(value, 'members') : undefined;
    if (members === undefined) {
      const detail = 'Without a path, value must be {"members":[...]} (the fake models membership only).';
      return { scimType: 'invalidPath', detail };
    }
    return memberList(kind, members);
  }
  const path = normalizePath(rawPath);
  if (path.toLowerCase() === 'members') {
    if (kind === 'remove' && value === undefined) return { kind: 'remove', memberIds: 'all' };
    return memberList(kind, value);
  }
  const filtered = MEMBER_FILTER.exec(path);
  if (filtered && kind === 'remove') {
    return { kind: 'remove', memberIds: [unescape(filtered[1] ?? '')] };
  }
  return { scimType: 'invalidPath', detail: `Unsupported path ${JSON.stringify(rawPath)} for op ${kind}.` };
}

function memberList(kind: 'add' | 'remove' | 'replace', value: unknown): MembershipChange | PatchRejection {
  if (!Array.isArray(value)) {
    const detail = `${UNPARSABLE} members value must be an array of {"value":"<id>"}.`;
    return { scimType: 'invalidSyntax', detail };
  }
  const ids: string[] = [];
  for (const item of value) {
    const id = isRecord(item) ? field(item, 'value') : undefined;
    if (typeof id !== 'string' || id === '') {
      const detail = `${UNPARSABLE} each member must be {"value":"<id>"} with a string id.`;
      return { scimType: 'invalidSyntax', detail };
    }
    ids.push(id);
  }
  if (ids.length === 0 && kind !== 'replace') {
    return { scimType: 'invalidValue', detail: `${kind} needs at least one member.` };
  }
  return { kind, memberIds: ids };
}

function normalizePath(path: string): string {
  const trimmed = path.trim();
  return trimmed.toLowerCase().startsWith(GROUP_URN_PREFIX)
    ? trimmed.slice(GROUP_URN_PREFIX.length)
    : trimmed;
}

function unescape(quoted: string): string {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
function field(record: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : record[key];
}
