/**
 * The users and groups held by the fake Databricks account, with Databricks-like numeric ids.
 */

export interface FakeUser {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
}

export interface FakeGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

export interface NewFakeUser {
  userName: string;
  displayName?: string;
  id?: string;
  active?: boolean;
}

export interface NewFakeGroup {
  displayName: string;
  id?: string;
  memberIds?: string[];
}

interface GroupRecord {
  id: string;
  displayName: string;
  members: Set<string>;
}

/** 16-digit ids like the ones Databricks hands out; stays below Number.MAX_SAFE_INTEGER. */
const ID_BASE = 7_340_000_000_000_000;

export class AccountDirectory {
  private readonly users = new Map<string, FakeUser>();
  private readonly groups = new Map<string, GroupRecord>();
  private idSequence = 1;

  addUser(input: NewFakeUser): FakeUser {
    const userName = input.userName.trim();
    if (userName === '') throw new Error('addUser: userName is required');
    if (this.findUserByName(userName)) throw new Error(`addUser: user ${userName} already exists`);
    const user: FakeUser = {
      id: this.claimId(input.id),
      userName,
      displayName: input.displayName ?? userName,
      active: input.active ?? true,
    };
    this.users.set(user.id, user);
    return { ...user };
  }

  addGroup(input: NewFakeGroup): FakeGroup {
    const displayName = input.displayName.trim();
    if (displayName === '') throw new Error('addGroup: displayName is required');
    if (this.findGroupRecord(displayName)) {
      throw new Error(`addGroup: group ${displayName} already exists`);
    }
    const memberIds = input.memberIds ?? [];
    const unknown = memberIds.find((id) => !this.hasPrincipal(id));
    if (unknown !== undefined) throw new Error(`addGroup: no user or group with id ${unknown}`);
    const record: GroupRecord = {
      id: this.claimId(input.id),
      displayName,
      members: new Set(memberIds),
    };
    this.groups.set(record.id, record);
    return toGroup(record);
  }

  user(id: string): FakeUser | undefined {
    const user = this.users.get(id);
    return user && { ...user };
  }

  group(id: string): FakeGroup | undefined {
    const record = this.groups.get(id);
    return record && toGroup(record);
  }

  /** By id, else by display name (case-insensitive). */
  findGroup(idOrName: string): FakeGroup | undefined {
    const record = this.findGroupRecord(idOrName);
    return record && toGroup(record);
  }

  allUsers(): FakeUser[] {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  allGroups(): FakeGroup[] {
    return [...this.groups.values()].map(toGroup);
  }

  hasPrincipal(id: string): boolean {
    return this.users.has(id) || this.groups.has(id);
  }

  /** Replaces a group's members; ids must already have been checked with hasPrincipal. */
  setMembers(groupId: string, memberIds: Iterable<string>): void {
    const record = this.groups.get(groupId);
    if (!record) throw new Error(`setMembers: no group with id ${groupId}`);
    record.members = new Set(memberIds);
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
    this.idSequence = 1;
  }

  private findUserByName(userName: string): FakeUser | undefined {
    const wanted = userName.toLowerCase();
    return [...this.users.values()].find((user) => user.userName.toLowerCase() === wanted);
  }

  private findGroupRecord(idOrName: string): GroupRecord | undefined {
    const wanted = idOrName.toLowerCase();
    return (
      this.groups.get(idOrName) ??
      [...this.groups.values()].find((group) => group.displayName.toLowerCase() === wanted)
    );
  }

  private claimId(requested: string | undefined): string {
    if (requested !== undefined) {
      if (this.hasPrincipal(requested)) throw new Error(`id ${requested} is already taken`);
      return requested;
    }
    let id = String(ID_BASE + this.idSequence++);
    while (this.hasPrincipal(id)) id = String(ID_BASE + this.idSequence++);
    return id;
  }
}

function toGroup(record: GroupRecord): FakeGroup {
  return { id: record.id, displayName: record.displayName, memberIds: [...record.members] };
}
