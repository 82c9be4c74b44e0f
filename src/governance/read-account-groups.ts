import type { ListedGroup, ListedMember } from '../ports/databricks-account.js';
import type { GovernanceDeps } from './governance-deps.js';

export interface AccountGroups {
  groups: (ListedGroup & { members: ListedMember[] })[];
  /** SCIM requests sent: pages, plus groups a page listed without members and read alone. */
  requests: number;
}

/**
 * Reads every account group with its direct members: `GET /Groups` page by page (`startIndex`,
 * `count`, `attributes=members`), each request paced by the discovery budget. When a page comes
 * without any members (the listing ignored the attribute), its groups are read one by one. Pages are read until `totalResults` is reached
 * (or a page comes back empty), so a group created mid-run shifts nothing out of sight for long:
 * the next run sees it.
 */
export async function readAccountGroups(deps: GovernanceDeps): Promise<AccountGroups> {
  const byId = new Map<string, ListedGroup & { members: ListedMember[] }>();
  let requests = 0;
  let startIndex = 1;
  for (;;) {
    const page = await deps.databricks.listGroupsPage(
      { startIndex, count: deps.discoveryPageSize },
      deps.discoveryPacer,
    );
    requests++;
    // Databricks leaves `members` out of an empty group. When no group of the page has the key,
    // the listing ignored `attributes=members`: each group is read alone.
    const listedMembers = page.groups.some((group) => group.members !== undefined);
    for (const group of page.groups) {
      let members = group.members ?? (listedMembers ? [] : undefined);
      if (members === undefined) {
        members = (await deps.databricks.getListedGroup(group.id, deps.discoveryPacer)).members ?? [];
        requests++;
      }
      byId.set(group.id, { ...group, members });
    }
    startIndex += page.groups.length;
    if (page.groups.length === 0 || startIndex > page.totalResults) break;
  }
  return { groups: [...byId.values()], requests };
}
