import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config/config.js';
import { HEALTH_PATH, READY_PATH } from '../src/runtime/http-app.js';
import { REPO_ROOT } from './support/spawn-bot.js';

/** Where `kill` ends the process when a graceful stop hangs (src/main.ts). */
const HARD_STOP_MARGIN_MS = 1_500;

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: Record<string, unknown>;
}

const BASE = path.join(REPO_ROOT, 'deploy/base');
const manifests: Manifest[] = readdirSync(BASE)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(BASE, file), 'utf8')).map((doc) => doc.toJS() as Manifest),
  );
const kustomization = parseAllDocuments(
  readFileSync(path.join(BASE, 'kustomization.yaml'), 'utf8'),
)[0]!.toJS() as {
  resources: string[];
};

const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const configMap = ofKind('ConfigMap')[0]!;
const secret = ofKind('Secret')[0]!;

interface Container {
  args: string[];
  ports: { name: string; containerPort: number }[];
  envFrom: ({ configMapRef?: { name: string } } & { secretRef?: { name: string } })[];
  env?: { name: string }[];
  readinessProbe: { httpGet: { path: string; port: string | number } };
  livenessProbe: { httpGet: { path: string; port: string | number } };
}
const podOf = (deployment: Manifest) =>
  (
    deployment.spec as {
      template: { spec: { containers: Container[]; terminationGracePeriodSeconds: number } };
    }
  ).template.spec;

describe('deploy/base (kustomize)', () => {
  it('lists every manifest file in the kustomization', () => {
    const files = readdirSync(BASE).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('sets only variables the config schema knows, and the ConfigMap values are valid', () => {
    const keys = [...Object.keys(configMap.data ?? {}), ...Object.keys(secret.stringData ?? {})];
    for (const deployment of ofKind('Deployment')) {
      for (const container of podOf(deployment).containers)
        keys.push(...(container.env ?? []).map((e) => e.name));
    }
    expect(keys.filter((key) => !CONFIG_VARIABLES.includes(key))).toEqual([]);
    const config = loadConfig({
      ...configMap.data,
      DATABASE_URL: 'postgres://x@db/x',
      REDIS_URL: 'redis://r:6379',
    });
    expect(config.port).toBe(3000);
  });

  it('runs a web and a worker Deployment from the ConfigMap and the Secret', () => {
    const roles = ofKind('Deployment')
      .map((deployment) => podOf(deployment).containers[0]!.args.join(' '))
      .sort();
    expect(roles).toEqual(['--role web', '--role worker']);
    for (const deployment of ofKind('Deployment')) {
      const [container] = podOf(deployment).containers;
      expect(container!.envFrom).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
    }
  });

  it('probes the paths and port the server answers on', () => {
    for (const deployment of ofKind('Deployment')) {
      const [container] = podOf(deployment).containers;
      const port = container!.ports[0]!;
      expect(port.containerPort).toBe(Number(configMap.data!.PORT));
      expect(container!.readinessProbe.httpGet).toEqual({ path: READY_PATH, port: port.name });
      expect(container!.livenessProbe.httpGet).toEqual({ path: HEALTH_PATH, port: port.name });
    }
  });

  it('gives a graceful stop the time SHUTDOWN_TIMEOUT_MS promises', () => {
    const shutdownMs = Number(configMap.data!.SHUTDOWN_TIMEOUT_MS);
    for (const deployment of ofKind('Deployment')) {
      const grace = podOf(deployment).terminationGracePeriodSeconds * 1000;
      expect(grace).toBeGreaterThan(shutdownMs + HARD_STOP_MARGIN_MS);
    }
  });

  it('keeps one web and one worker through voluntary disruptions', () => {
    const budgets = ofKind('PodDisruptionBudget').map(
      (pdb) =>
        (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels[
          'app.kubernetes.io/component'
        ],
    );
    expect(budgets.sort()).toEqual(['web', 'worker']);
  });
});
