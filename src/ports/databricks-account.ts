/** What the access domain needs from the Databricks account (SCIM) API. */
export interface DatabricksUser {
  id: string;
  userName: string;
  displayName?: string;
  active: boolean;
}

export interface DatabricksGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

/** A direct member of a group as a group listing names it. */
export interface ListedMember {
  id: string;
  /** Display name Databricks sends with the member (a user's name, a group's name). */
  display: string;
  type: 'user' | 'group' | 'service_principal';
}

export interface ListedGroup {
  id: string;
  displayName: string;
  /** Undefined when the listing left members out (read the group itself then). */
  members: ListedMember[] | undefined;
}

/** One page of `GET /Groups`: SCIM's 1-based `startIndex` and the total across pages. */
export interface GroupsPage {
  totalResults: number;
  startIndex: number;
  groups: ListedGroup[];
}

/** Spaces requests to one Databricks account (a budget shared by every replica). */
export interface RequestPacer {
  paced<T>(request: () => Promise<T>): Promise<T>;
  /** Makes every user of the budget wait (a 429's Retry-After). */
  holdFor?(ms: number): Promise<void>;
}

export interface DatabricksAccountPort {
  /** The account user whose userName is this e-mail, or undefined. */
  findUserByEmail(email: string): Promise<DatabricksUser | undefined>;
  /** The account user with this id, or undefined (a group or service principal id is not a user). */
  getUser(userId: string): Promise<DatabricksUser | undefined>;
  /** The account group with this display name (with its direct members), or undefined. */
  findGroupByName(displayName: string): Promise<DatabricksGroup | undefined>;
  getGroup(groupId: string): Promise<DatabricksGroup>;
  /** Adds members in one PATCH (writes are serialized and paced per account). */
  addGroupMembers(groupId: string, userIds: string[]): Promise<void>;
  /** Removes members, coalesced into as few PATCHes as the API allows. */
  removeGroupMembers(groupId: string, userIds: string[]): Promise<void>;
  /**
   * One page of account groups with their direct members (`attributes=members`), each request
   * (retries included) paced by `pacer` when given.
   */
  listGroupsPage(page: { startIndex: number; count: number }, pacer?: RequestPacer): Promise<GroupsPage>;
  /** A group with its members described (type and display name), paced like listGroupsPage. */
  getListedGroup(groupId: string, pacer?: RequestPacer): Promise<ListedGroup>;
}

/**
 * A Databricks API call that failed; `retryable` for 429/5xx/network errors; `errorCode` is the
 * REST error body's `error_code` when it had one (`INVALID_STATE`, `PERMISSION_DENIED`, …).
 */
export class DatabricksApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'DatabricksApiError';
  }
}
