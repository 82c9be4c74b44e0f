/**
 * Wire shapes of the Databricks account SCIM API and its error bodies, as the fake Databricks
 * accounts server sends them. Field names follow RFC 7644 and the Databricks SDKs' parsers.
 */
import type { FakeGroup, FakeUser } from './fake-account-directory.js';

export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Databricks documents `count <= 100` for account Users/Groups list calls. */
export const SCIM_MAX_PAGE_SIZE = 100;

/** RFC 7644 §3.12 error. `status` is a string: the Databricks Go SDK unmarshals it into a string. */
export interface ScimErrorBody {
  schemas: string[];
  detail: string;
  status: string;
  scimType?: string;
}

export function scimError(status: number, detail: string, scimType?: string): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR],
    detail,
    status: String(status),
    ...(scimType === undefined ? {} : { scimType }),
  };
}

/** The generic Databricks REST error body (`error_code`, `message`). */
export interface DatabricksErrorBody {
  error_code: string;
  message: string;
}

export function databricksError(errorCode: string, message: string): DatabricksErrorBody {
  return { error_code: errorCode, message };
}

export interface ScimListResponse<T> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  /** Omitted when the page is empty (RFC 7644 requires it only when totalResults > 0). */
  Resources?: T[];
}

/** One page of `matches`, honouring 1-based `startIndex` and `count` (capped at 100). */
export function scimListResponse<T>(matches: readonly T[], params: URLSearchParams): ScimListResponse<T> {
  const startIndex = Math.max(1, integerParam(params.get('startIndex'), 1));
  const count = Math.min(
    SCIM_MAX_PAGE_SIZE,
    Math.max(0, integerParam(params.get('count'), SCIM_MAX_PAGE_SIZE)),
  );
  const page = matches.slice(startIndex - 1, startIndex - 1 + count);
  return {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults: matches.length,
    startIndex,
    itemsPerPage: page.length,
    ...(page.length > 0 ? { Resources: page } : {}),
  };
}

function integerParam(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number.parseInt(raw, 10);
  return Number.isNaN(value) ? fallback : value;
}

export function userResource(user: FakeUser): Record<string, unknown> {
  return {
    schemas: [SCIM_USER],
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    emails: [{ value: user.userName, type: 'work', primary: true }],
    active: user.active,
  };
}

/** A group as account `GET /Groups` lists it: since 2025-08-22 the list no longer has members. */
export function groupSummaryResource(group: FakeGroup): Record<string, unknown> {
  return {
    schemas: [SCIM_GROUP],
    id: group.id,
    displayName: group.displayName,
    meta: { resourceType: 'Group' },
  };
}

export interface MemberDescription {
  display: string;
  /** Relative reference as Databricks returns it: `Users/<id>` or `Groups/<id>`. */
  ref: string;
}

/** A group as `GET /Groups/{id}` returns it; `members` is left out when the group is empty. */
export function groupResource(
  group: FakeGroup,
  describeMember: (id: string) => MemberDescription | undefined,
): Record<string, unknown> {
  const members = group.memberIds.map((id) => {
    const described = describeMember(id);
    return { value: id, display: described?.display ?? id, $ref: described?.ref ?? `Users/${id}` };
  });
  return {
    ...groupSummaryResource(group),
    ...(members.length > 0 ? { members } : {}),
  };
}

/** An HTTP answer of the fake: status, JSON body (none for 204) and extra headers. */
export interface WireReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
