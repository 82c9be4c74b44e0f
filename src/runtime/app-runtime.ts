import type { Server } from 'node:http';
import type { Router } from 'express';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createSandboxFrontEnd, type SandboxPlatform } from '../../bots/sandbox/sandbox-front-end.js';
import type { ChatUser } from '../ports/chat-user.js';
import { JOB_CATALOG } from '../../jobs/job-catalog.js';
import { JobQueues } from '../../jobs/job-queues.js';
import { WorkerPool } from '../../jobs/worker-pool.js';
import { AccessSweeperLoop } from '../../jobs/access-sweeper-loop.js';
import { replaySlackInteractionJob } from '../../jobs/replay-slack-interaction-job.js';
import { InFlightWork } from './in-flight-work.js';
import { loadChatPlatforms } from './chat-platforms.js';
import { createHash } from 'node:crypto';
import { createRedisConnection } from '../adapters/redis/redis-connection.js';
import type { Config } from '../config/config.js';
import { createDb, type Db } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Logger } from '../logging/logger.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Services } from '../services.js';
import { createHttpApp } from './http-app.js';
import { createHttpServer, listen } from './http-server.js';
import { checkReadiness } from './readiness.js';
import { buildServices } from './build-services.js';
import { loadPolicyFile } from '../access/policy/load-policy-file.js';
import { loadCostConfig } from '../cost/config/load-cost-config.js';
import type { DatabricksAccountPort, RequestPacer } from '../ports/databricks-account.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import type { ConnectorScheduleHooks } from '../connectors/connector-schedules.js';
import type { IngestBatches } from '../connectors/ingest-batches.js';
import { createLegalPagesRouter } from './legal-pages.js';
import { createIngestRouter } from './ingest-router.js';

import type { ActionExecutionSettings } from '../actions/action-deps.js';

export type Role = 'all' | 'web' | 'worker';

export interface RuntimeOptions {
  config: Config;
  log: Logger;
  role: Role;
  clock?: Clock;
  /** Collect Node's default process metrics (off in tests that start many runtimes). */
  defaultMetrics?: boolean;
  /** Whether POLICY_FILE must exist (true when the operator set it). */
  policyRequired?: boolean;
  /** Whether COST_CONFIG_FILE must exist (true when the operator set it). */
  costConfigRequired?: boolean;
  databricks?: DatabricksAccountPort;
  /** Discovery's SCIM read budget (tests and benchmarks); default from config, shared in Redis. */
  discoveryPacer?: RequestPacer;
  /** Workspace connections (tests: the emulator with short retries); default from config. */
  workspaces?: WorkspaceApiFactory;
  /** Region collection schedules; default from the collectors when wired, else none. */
  connectorSchedules?: ConnectorScheduleHooks;
  /** Where remote collectors' batches go; default from the collectors when wired, else 503. */
  ingestBatches?: IngestBatches;
  /** Answer Slack only after the listener finished (tests); production acknowledges first. */
  slackProcessBeforeResponse?: boolean;
  /** Applied over every job's options (tests shorten retry backoff). */
  jobOptions?: JobsOptions;
  /** How remediation actions wait for a lease or a settling resource (tests shorten them). */
  actionExecution?: Partial<ActionExecutionSettings>;
  /** `npm run sandbox`: the browser chat console as a third platform, on its offset clock. */
  sandbox?: SandboxPlatform & { admins: ChatUser[] };
}

/** A running process: the HTTP front end and/or the workers, and everything they hold open. */
export class AppRuntime {
  private server: Server | undefined;
  private workers: WorkerPool | undefined;
  private sweeper: AccessSweeperLoop | undefined;
  private readonly inFlight = new InFlightWork();
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly options: RuntimeOptions,
    readonly services: Services,
    readonly db: Db,
    readonly redis: Redis,
    readonly queues: JobQueues,
    readonly metrics: Metrics,
  ) {}

  static async start(options: RuntimeOptions): Promise<AppRuntime> {
    const { config, log } = options;
    const policy = await loadPolicyFile(config.policyFile, { required: options.policyRequired ?? false });
    log.info({ file: config.policyFile, groups: policy.groups.map((g) => g.key) }, 'access policy loaded');
    const costConfig = await loadCostConfig(config.costConfigFile, {
      required: options.costConfigRequired ?? false,
    });
    log.info(
      { file: config.costConfigFile, basis: costConfig.basis, rules: costConfig.alerts.map((r) => r.name) },
      'cost config loaded',
    );
    if (config.migrateOnStart) await ensureDatabase(config.databaseUrl);
    const db = createDb(config.databaseUrl, {
      onConnectionError: (error) =>
        log.warn({ err: error }, 'Postgres connection lost; the pool replaces it'),
    });
    const redis = createRedisConnection(config.redisUrl, 'app');
    let started: AppRuntime | undefined;
    try {
      if (config.migrateOnStart) {
        const result = await migrateToLatest(db);
        const applied = (result.results ?? []).map((r) => r.migrationName);
        if (applied.length > 0) log.info({ applied }, 'migrations applied');
      }
      const queues = new JobQueues(redis, config.queuePrefix, options.jobOptions);
      const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? true });
      const clock = options.clock ?? options.sandbox?.clock ?? systemClock;
      const services = buildServices({
        config,
        db,
        redis,
        queues,
        clock,
        log,
        policy,
        costConfig,
        databricks: options.databricks,
        discoveryPacer: options.discoveryPacer,
        workspaces: options.workspaces,
        connectorSchedules: options.connectorSchedules,
        ingestBatches: options.ingestBatches,
        chat: await loadChatPlatforms(
          config,
          db,
          log,
          options.sandbox && { notifier: options.sandbox.inbox, directory: options.sandbox.inbox },
        ),
        ...(options.sandbox ? { sandboxAdmins: options.sandbox.admins } : {}),
        ...(options.actionExecution ? { actionExecution: options.actionExecution } : {}),
      });
      const runtime = new AppRuntime(options, services, db, redis, queues, metrics);
      started = runtime;
      // A worker serves only /healthz, /readyz and /metrics, for its orchestrator's probes.
      await runtime.startHttp(options.role !== 'worker');
      if (options.role !== 'web') await runtime.startWorkers();
      return runtime;
    } catch (error) {
      started?.server?.close();
      await started?.queues.close().catch(() => undefined);
      redis.disconnect();
      await db.destroy();
      throw error;
    }
  }

  /** The port the HTTP front end listens on (useful when PORT=0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  private async startHttp(withChatRoutes: boolean): Promise<void> {
    const routers = withChatRoutes ? await this.chatRouters() : [];
    const { config, log } = this.options;
    const app = createHttpApp({
      log,
      metrics: this.metrics,
      readiness: () => checkReadiness(this.db, this.redis),
      routers,
    });
    this.server = await listen(createHttpServer(app, config.http), config.port);
    log.info({ port: this.port, chat: withChatRoutes }, 'HTTP front end listening');
  }

  /** The chat front ends; each platform's SDK is loaded only when it is configured. */
  private async chatRouters(): Promise<Router[]> {
    const { config, log } = this.options;
    const routers = [createIngestRouter(this.services.connectors), createLegalPagesRouter(config.legal)];
    if (config.slack) {
      const { createSlackFrontEnd } = await import('../../bots/slack/slack-front-end.js');
      routers.push(
        createSlackFrontEnd(config.slack, this.services, {
          processBeforeResponse: this.options.slackProcessBeforeResponse ?? false,
          inFlight: this.inFlight,
          handOff: (body) => this.handOffSlackInteraction(body),
        }).router,
      );
      log.info('Slack front end mounted on POST /slack/events');
    } else {
      log.info('Slack is not configured (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN): Slack routes not mounted');
    }
    if (config.teams) {
      const { createTeamsFrontEnd } = await import('../../bots/teams/teams-front-end.js');
      routers.push(createTeamsFrontEnd(config.teams, this.services).router);
      log.info({ anonymous: config.teams.allowAnonymous }, 'Teams front end mounted on POST /api/messages');
    } else {
      log.info('Teams is not configured (MICROSOFT_APP_ID): Teams routes not mounted');
    }
    if (this.options.sandbox) {
      routers.push(createSandboxFrontEnd(this.options.sandbox, this.services, this.queues));
      log.info('sandbox chat console mounted on GET /sandbox');
    }
    return routers;
  }

  private async startWorkers(): Promise<void> {
    const { config, log } = this.options;
    this.workers = await WorkerPool.start({
      definitions: JOB_CATALOG,
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      deps: this.services,
      queues: this.queues,
      log,
      metrics: this.metrics,
    });
    if (config.accessSweepIntervalMs > 0) {
      this.sweeper = new AccessSweeperLoop({
        deps: this.services.access,
        databaseUrl: config.databaseUrl,
        log,
        intervalMs: config.accessSweepIntervalMs,
        reconcileIntervalMs: config.reconcileIntervalMs,
      });
      this.sweeper.start();
    }
  }

  /** Graceful stop: refuse new requests, let running jobs finish (bounded), close pools. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const { log, config } = this.options;
    log.info('shutting down');
    const serverClosed = this.server
      ? new Promise<void>((resolve) => {
          this.server?.close(() => resolve());
          this.server?.closeIdleConnections();
        })
      : Promise.resolve();
    // Requests still being answered (Teams turns) end with their connections; acknowledged Slack
    // work goes on after its response and is tracked separately.
    await Promise.all([
      this.finishInFlight(config.shutdownTimeoutMs),
      this.stopWorkers(config.shutdownTimeoutMs),
      Promise.race([serverClosed, delay(config.shutdownTimeoutMs)]),
    ]);
    this.server?.closeAllConnections();
    await this.queues.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.db.destroy();
    log.info('stopped');
  }

  /** Lets acknowledged chat handlers finish; what cannot finish in time goes to the workers. */
  private async finishInFlight(timeoutMs: number): Promise<void> {
    const unfinished = await this.inFlight.drain(timeoutMs);
    if (unfinished.length === 0) return;
    let handedOff = 0;
    for (const item of unfinished) {
      if (!item.handOff) continue;
      try {
        await item.handOff();
        handedOff += 1;
      } catch (error) {
        this.options.log.error(
          { err: error, work: item.label },
          'could not hand unfinished work to the workers',
        );
      }
    }
    this.options.log.warn(
      { unfinished: unfinished.length, handedOff },
      'handed unfinished chat work to the workers',
    );
  }

  private async stopWorkers(timeoutMs: number): Promise<void> {
    await this.sweeper?.stop();
    await this.workers?.close(timeoutMs);
  }

  /** Queues a Slack interaction for a worker to run again (answering through its response_url). */
  private async handOffSlackInteraction(body: Record<string, unknown>): Promise<void> {
    // The legacy verification token is a credential: it is not needed to run the listener.
    const { token: _token, ...rest } = body;
    const key = String(body.response_url ?? body.trigger_id ?? JSON.stringify(rest));
    const jobId = `replay-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    await this.queues.enqueue(replaySlackInteractionJob, { body: rest }, { jobId });
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
