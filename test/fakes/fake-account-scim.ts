/**
 * The account SCIM resources of the fake Databricks account: Users and Groups reads, and group
 * membership PATCH applied all-or-nothing. Authentication, throttling and faults live in the server.
 */
import type { AccountDirectory, FakeGroup, FakeUser } from './fake-account-directory.js';
import { InvalidScimFilter, matchesScimFilter, parseScimFilter, type ScimAttributes } from './scim-filter.js';
import { applyGroupPatch, parseGroupPatch, UNPARSABLE } from './scim-group-patch.js';
import {
  groupResource,
  groupSummaryResource,
  scimError,
  scimListResponse,
  userResource,
  type MemberDescription,
  type WireReply,
} from './scim-wire.js';

export interface AppliedMembershipPatch {
  operations: unknown[];
  added: string[];
  removed: string[];
  /** Ids the PATCH asked to add that were members already when it arrived (a duplicate add). */
  alreadyMembers: string[];
}

export interface GroupPatchOutcome {
  reply: WireReply;
  /** Present when the patch was valid and applied. */
  applied?: AppliedMembershipPatch;
}

export class AccountScim {
  constructor(private readonly directory: AccountDirectory) {}

  listUsers(params: URLSearchParams): WireReply {
    const users = filtered(this.directory.allUsers(), params, userAttributes);
    if ('status' in users) return users;
    return { status: 200, body: scimListResponse(users.map(userResource), params) };
  }

  getUser(id: string): WireReply {
    const user = this.directory.user(id);
    return user ? { status: 200, body: userResource(user) } : notFound(`User ${id} not found.`);
  }

  /**
   * Lists groups without members, as the account API does since 2025-08, unless the request asks
   * for them with `attributes=members` (then each listed group carries its direct members).
   */
  listGroups(params: URLSearchParams): WireReply {
    const groups = filtered(this.directory.allGroups(), params, groupAttributes);
    if ('status' in groups) return groups;
    const asked = (params.get('attributes') ?? '').split(',').map((name) => name.trim().toLowerCase());
    const render = asked.includes('members')
      ? (group: FakeGroup) => groupResource(group, (memberId) => this.describeMember(memberId))
      : groupSummaryResource;
    return { status: 200, body: scimListResponse(groups.map(render), params) };
  }

  getGroup(id: string): WireReply {
    const group = this.directory.group(id);
    if (!group) return notFound(`Group ${id} not found.`);
    return { status: 200, body: groupResource(group, (memberId) => this.describeMember(memberId)) };
  }

  /** Success is `successStatus`: 204 with no body, or 200 with the updated group. */
  patchGroup(groupId: string, rawBody: string, successStatus: 200 | 204): GroupPatchOutcome {
    const group = this.directory.group(groupId);
    if (!group) return { reply: notFound(`Group ${groupId} not found.`) };
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { reply: { status: 400, body: scimError(400, UNPARSABLE, 'invalidSyntax') } };
    }
    const parsed = parseGroupPatch(body);
    if (!parsed.ok) return { reply: { status: 400, body: scimError(400, parsed.detail, parsed.scimType) } };
    const applied = applyGroupPatch(group.memberIds, parsed.changes, (id) => this.directory.hasPrincipal(id));
    if (!applied.ok)
      return { reply: { status: 400, body: scimError(400, applied.detail, applied.scimType) } };
    this.directory.setMembers(groupId, applied.memberIds);
    const askedToAdd = parsed.changes.flatMap((change) => (change.kind === 'add' ? change.memberIds : []));
    const alreadyMembers = [...new Set(askedToAdd)].filter((id) => group.memberIds.includes(id));
    return {
      reply: successStatus === 200 ? this.getGroup(groupId) : { status: 204 },
      applied: {
        operations: parsed.operations,
        added: applied.added,
        removed: applied.removed,
        alreadyMembers,
      },
    };
  }

  private describeMember(id: string): MemberDescription | undefined {
    const user = this.directory.user(id);
    if (user) return { display: user.displayName, ref: `Users/${id}` };
    const group = this.directory.group(id);
    return group && { display: group.displayName, ref: `Groups/${id}` };
  }
}

function filtered<T>(
  items: T[],
  params: URLSearchParams,
  attributes: (item: T) => ScimAttributes,
): T[] | WireReply {
  const text = params.get('filter');
  if (text === null || text.trim() === '') return items;
  try {
    const filter = parseScimFilter(text);
    return items.filter((item) => matchesScimFilter(filter, attributes(item)));
  } catch (error) {
    if (!(error instanceof InvalidScimFilter)) throw error;
    return { status: 400, body: scimError(400, error.message, 'invalidFilter') };
  }
}

function userAttributes(user: FakeUser): ScimAttributes {
  return {
    id: [user.id],
    username: [user.userName],
    displayname: [user.displayName],
    emails: [user.userName],
    'emails.value': [user.userName],
    active: [user.active],
  };
}

function groupAttributes(group: FakeGroup): ScimAttributes {
  return { id: [group.id], displayname: [group.displayName] };
}

function notFound(detail: string): WireReply {
  return { status: 404, body: scimError(404, detail) };
}
