/**
 * The entities of a seeded account: workspaces with their users, all-purpose clusters, jobs,
 * SQL warehouses and a serving endpoint, all derived from the seed number.
 */
import type { EmulatedWarehouse } from '../workspace-rest.js';
import type { SeededRandom } from './seeded-random.js';

export interface SeededWorkspace {
  workspaceId: string;
  name: string;
  url: string;
  createTime: Date;
  users: string[];
  clusters: SeededCluster[];
  jobs: SeededJob[];
  warehouses: SeededWarehouse[];
  servingEndpoint?: { name: string; id: string };
}

export interface SeededCluster {
  clusterId: string;
  name: string;
  owner: string;
  nodeType: string;
  workers: number;
  dbuPerHour: number;
  photon: boolean;
  team: string;
}

export interface SeededJob {
  jobId: string;
  name: string;
  owner: string;
  startHour: number;
  dbuPerHour: number;
  team: string;
}

export interface SeededWarehouse {
  warehouseId: string;
  name: string;
  size: string;
  dbuPerHour: number;
}

const NAMES = [
  'analytics-prod',
  'data-eng-prod',
  'ml-research',
  'finance-dev',
  'marketing',
  'platform-sandbox',
];
const PEOPLE = ['ana', 'bruno', 'chen', 'dana', 'eli', 'fatima', 'goran', 'hana', 'ivan', 'julia'];
const TEAMS = ['data-eng', 'analytics', 'ml', 'finance', 'platform'];
const NODE_TYPES: [string, number][] = [
  ['m5d.xlarge', 0.69],
  ['m5d.2xlarge', 1.37],
  ['r5d.2xlarge', 1.37],
  ['i3.xlarge', 1.0],
];
const JOB_NAMES = [
  'nightly_etl',
  'hourly_ingest',
  'feature_refresh',
  'billing_rollup',
  'dq_checks',
  'model_training',
  'export_to_crm',
];
const SIZES: [string, number][] = [
  ['2X-Small', 4],
  ['X-Small', 6],
  ['Small', 12],
  ['Medium', 24],
];

export function accountShape(
  random: SeededRandom,
  workspaceCount: number,
  windowStart: Date,
  emulatorWarehouses: readonly EmulatedWarehouse[],
): SeededWorkspace[] {
  return Array.from({ length: workspaceCount }, (_, index) => {
    const workspaceId = random.digits(16);
    const name = NAMES[index % NAMES.length] + (index >= NAMES.length ? `-${index}` : '');
    const users = Array.from(
      { length: 4 },
      () => `${random.pick(PEOPLE)}.${random.pick(PEOPLE)}@example.com`,
    );
    const clusters = Array.from({ length: 2 }, (_, c) => {
      const [nodeType, nodeDbu] = random.pick(NODE_TYPES);
      const workers = random.int(1, 6);
      return {
        clusterId: `${random.digits(4)}-${random.digits(6)}-${random.hex(8)}`,
        name: `${name}-${c === 0 ? 'shared' : 'adhoc'}-cluster`,
        owner: random.pick(users),
        nodeType,
        workers,
        dbuPerHour: Number((nodeDbu * (workers + 1)).toFixed(2)),
        photon: random.chance(0.5),
        team: random.pick(TEAMS),
      };
    });
    const jobs = Array.from({ length: random.int(3, 5) }, (_, j) => ({
      jobId: random.digits(15),
      name: `${JOB_NAMES[(index + j) % JOB_NAMES.length]}`,
      owner: random.pick(users),
      startHour: random.int(0, 20),
      dbuPerHour: Number(random.between(2, 12).toFixed(2)),
      team: random.pick(TEAMS),
    }));
    const warehouses =
      index === 0 && emulatorWarehouses.length > 0
        ? emulatorWarehouses.map((w) => warehouseOf(random, w.id, w.name))
        : Array.from({ length: 2 }, (_, k) =>
            warehouseOf(random, random.hex(16), `${name} warehouse ${k + 1}`),
          );
    return {
      workspaceId,
      name,
      url: `https://dbc-${random.hex(8)}-${random.hex(4)}.cloud.databricks.com`,
      createTime: new Date(windowStart.getTime() - random.int(200, 900) * 86_400_000),
      users,
      clusters,
      jobs,
      warehouses,
      ...(index === 0 ? { servingEndpoint: { name: 'support-agent', id: random.hex(32) } } : {}),
    };
  });
}

function warehouseOf(random: SeededRandom, warehouseId: string, name: string): SeededWarehouse {
  const [size, dbuPerHour] = random.pick(SIZES);
  return { warehouseId, name, size, dbuPerHour };
}
