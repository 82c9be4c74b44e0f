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

export interface DatabricksAccountPort {
  /** The account user whose userName is this e-mail, or undefined. */
  findUserByEmail(email: string): Promise<DatabricksUser | undefined>;
  /** The account group with this display name (with its direct members), or undefined. */
  findGroupByName(displayName: string): Promise<DatabricksGroup | undefined>;
  getGroup(groupId: string): Promise<DatabricksGroup>;
  /** Adds members in one PATCH (writes are serialized and paced per account). */
  addGroupMembers(groupId: string, userIds: string[]): Promise<void>;
  /** Removes members, coalesced into as few PATCHes as the API allows. */
  removeGroupMembers(groupId: string, userIds: string[]): Promise<void>;
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
