import {
  guardGrpcService,
  installHttpGuard,
  type ResourceLoaders,
  ServiceToken,
  type Tokens,
  tokensFromEnv,
} from '@motcua/auth';
import {
  bool,
  type CommonServiceConfig,
  commonServiceConfig,
  int,
  readConfig,
  type SecretSpec,
  secretFromEnv,
  stopWhenLauncherGone,
  str,
} from '@motcua/config';
import { decodeRecordedEvent, type RecordedEvent } from '@motcua/contracts';
import { type Clock, EventStore, OffsetClock, OutboxRelay, systemClock } from '@motcua/eventstore';
import { type GrpcServer, type ServiceRegistration, startGrpcServer } from '@motcua/grpc';
import { buildHttpApp, type HttpApp, metricsRegistry, type RunningHttp, startHttp } from '@motcua/http';
import {
  createKafka,
  EventConsumer,
  EventPublisher,
  ensureTopics,
  groupIdIn,
  type MessageContext,
  topicNames,
} from '@motcua/kafka';
import { createLogger, type Logger, withLogContext } from '@motcua/logger';
import type { Kafka } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { Gauge } from 'prom-client';
import { consumerTimingFromEnv } from './consumer-timing.js';
import { HealthRegistry } from './health.js';
import { countMongoCommands } from './mongo-metrics.js';
import { testClockRoutes } from './test-clock.js';
import { validateNewEvent } from './validate-event.js';

/** What every service gets: its config, logger, database, Kafka, event store and clock. */
export interface ServiceDeps {
  config: CommonServiceConfig;
  logger: Logger;
  mongo: MongoClient;
  db: Db;
  kafka: Kafka;
  publisher: EventPublisher;
  store: EventStore;
  relay: OutboxRelay;
  clock: Clock;
  /** Verifies and issues access tokens; `serviceToken` authenticates this service's calls to others. */
  auth: { tokens: Tokens; serviceToken: ServiceToken };
  /** Where long-running parts report themselves for /health/ready and /health/live (e.g. timers). */
  health: HealthRegistry;
  /** The service's own secrets (`ServiceSpec.secrets`), by variable name. */
  secrets: Record<string, string>;
}

export interface EventHandlerSpec {
  /** Consumer group id; one per reaction so each keeps its own position in the log. */
  groupId: string;
  handle: (event: RecordedEvent, context: MessageContext) => Promise<void>;
  /**
   * The events `handle` does anything with, from the event alone (type, producer, payload): the rest
   * are passed over without touching the database (EventConsumer's `relevant`). Default: all.
   */
  relevant?: (event: RecordedEvent) => boolean;
  /**
   * EventConsumer's `dedupe`: `handler` when every reaction is a command on a stream that records its
   * command ids (a repeat is recognised there, no dedupe marker needed). Default: markers.
   */
  dedupe?: 'markers' | 'handler';
  /** EventConsumer's `onJoin`: forget what was cached of documents a rebalance may have let others change. */
  onJoin?: () => void;
  /** Batch mode for projections (EventConsumer's `handleBatch`): idempotent by itself, no marker. */
  handleBatch?: (items: { event: RecordedEvent; context: MessageContext }[]) => Promise<void>;
}

/** What a service adds to the shared shell. */
export interface ServiceParts {
  consumers?: EventHandlerSpec[];
  grpcServices?: ServiceRegistration[];
  routes?: (app: HttpApp) => Promise<void> | void;
  /** Loaders for the permission bindings' `lookup` resources, e.g. `dossier` → its center. */
  resources?: ResourceLoaders;
  onStop?: () => Promise<void>;
}

export interface ServiceSpec {
  name: string;
  version?: string;
  description: string;
  ports: { httpPort: number; grpcPort: number };
  build: (deps: ServiceDeps) => Promise<ServiceParts>;
  clock?: Clock;
  env?: Record<string, string | undefined>;
  /** Secrets the service needs besides the token key: required unless MOTCUA_DEV_MODE is on. */
  secrets?: SecretSpec[];
}

export interface RunningService {
  deps: ServiceDeps;
  http: RunningHttp;
  grpc: GrpcServer;
  stop(): Promise<void>;
}

const backlogGauges = new Map<string, Gauge>();
function outboxBacklogGauge(): Gauge {
  let gauge = backlogGauges.get('default');
  if (!gauge) {
    gauge = new Gauge({
      name: 'motcua_outbox_backlog',
      help: 'Event streams with events not yet published to Kafka',
      registers: [metricsRegistry],
      labelNames: ['service'],
    });
    backlogGauges.set('default', gauge);
  }
  return gauge;
}

/**
 * The thin shell around a service's domain: MongoDB, Kafka, the event store and its outbox
 * relay, consumers, gRPC (with health) and HTTP (with OpenAPI, metrics and readiness), and a
 * graceful stop on SIGTERM. Services only supply their handlers, routes and gRPC services.
 */
export async function runService(spec: ServiceSpec): Promise<RunningService> {
  const config = commonServiceConfig(spec.name, spec.ports, spec.env ?? process.env);
  const logger = createLogger({ service: spec.name, level: config.logLevel });
  const testClock = readConfig({ MOTCUA_TEST_CLOCK: bool(false) }, spec.env ?? process.env).MOTCUA_TEST_CLOCK
    ? new OffsetClock()
    : undefined;
  if (testClock) logger.warn("MOTCUA_TEST_CLOCK is on: /test/clock can move this service's time");
  const clock = spec.clock ?? testClock ?? systemClock;
  // Read before connecting anything: a bad secret stops the start at once.
  const tokens = tokensFromEnv(spec.env ?? process.env, (message) => logger.warn(message));
  const auth = { tokens, serviceToken: new ServiceToken(tokens, spec.name) };
  const secrets = Object.fromEntries(
    (spec.secrets ?? []).map((secret) => [
      secret.name,
      secretFromEnv(spec.env ?? process.env, secret, (message) => logger.warn(message)),
    ]),
  );
  const consumerTiming = consumerTimingFromEnv(spec.env ?? process.env);
  const mongo = await MongoClient.connect(config.mongoUrl, {
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: true,
    // who sent a command, in the server's logs and `currentOp`
    appName: `motcua-${spec.name}`,
  });
  const { MOTCUA_MONGO_SLOW_MS: slowMs } = readConfig(
    { MOTCUA_MONGO_SLOW_MS: int(1000, { min: 0 }) },
    spec.env ?? process.env,
  );
  countMongoCommands(mongo, metricsRegistry, {
    slowMs,
    report: ({ shape, ms, outcome }) => logger.warn({ mongo: shape, ms, outcome }, 'slow MongoDB command'),
  });
  const db = mongo.db(config.mongoDb);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `motcua-${spec.name}`, logger });
  const healthConfig = readConfig(
    { MOTCUA_CONSUMER_STALL_SECONDS: int(60, { min: 1 }), MOTCUA_UNRECOVERED_SECONDS: int(300, { min: 1 }) },
    spec.env ?? process.env,
  );
  const health = new HealthRegistry({
    stallMs: healthConfig.MOTCUA_CONSUMER_STALL_SECONDS * 1000,
    deadMs: healthConfig.MOTCUA_UNRECOVERED_SECONDS * 1000,
  });
  const namespace = readConfig({ MOTCUA_NAMESPACE: str('') }, spec.env ?? process.env).MOTCUA_NAMESPACE;
  const topics = topicNames(namespace);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topics);
  await admin.disconnect();
  const publisher = new EventPublisher(kafka, topics.lifecycle, { logger });
  await publisher.connect();
  health.register('publisher', () => publisher.status());

  let relay: OutboxRelay | undefined;
  const store = new EventStore({
    db,
    producer: spec.name,
    clock,
    validate: validateNewEvent,
    onAppended: (streamId, events) => relay?.appended(streamId, events),
  });
  await store.ensureIndexes();
  // MOTCUA_INSTANCE names the process slot (startSystem, `./motcua up`): a process restarted in its slot
  // takes its dead predecessor's outbox lease at once; without it, each process is a new owner.
  const instance = readConfig({ MOTCUA_INSTANCE: str('') }, spec.env ?? process.env).MOTCUA_INSTANCE;
  relay = new OutboxRelay({
    store,
    logger,
    clock,
    publish: (events) => publisher.publish(events),
    ...(instance ? { owner: `${spec.name}#${instance}` } : {}),
  });
  relay.start();
  health.register('outbox-relay', () => relay.status());

  const deps: ServiceDeps = {
    config,
    logger,
    mongo,
    db,
    kafka,
    publisher,
    store,
    relay,
    clock,
    auth,
    health,
    secrets,
  };
  const parts = await spec.build(deps);
  const guard = { tokens, logger, ...(parts.resources ? { loaders: parts.resources } : {}) };

  const consumers = (parts.consumers ?? []).map(
    (c) =>
      new EventConsumer<RecordedEvent>({
        kafka,
        db,
        groupId: groupIdIn(namespace, c.groupId),
        topics: [topics.lifecycle],
        deadLetterTopic: topics.deadLetter,
        decode: decodeRecordedEvent,
        logger,
        registry: metricsRegistry,
        handle: (event, context) =>
          withLogContext(
            { correlationId: event.correlationId, causationId: event.eventId, dossierId: event.dossierId },
            () => c.handle(event, context),
          ),
        ...(c.relevant ? { relevant: c.relevant } : {}),
        position: (event) => ({ stream: event.streamId, version: event.streamVersion }),
        ...(c.handleBatch ? { handleBatch: c.handleBatch } : {}),
        ...(c.dedupe ? { dedupe: c.dedupe } : {}),
        ...(c.onJoin ? { onJoin: c.onJoin } : {}),
        ...consumerTiming,
      }),
  );
  for (const consumer of consumers) {
    await consumer.start();
    health.register(`consumer:${consumer.groupId}`, () => consumer.status());
  }

  // The driver reconnects by itself: a database outage makes the service unready, never unlive.
  let mongoDownSince: number | undefined;
  health.register('mongo', {
    report: () => ({
      running: mongoDownSince === undefined,
      ...(mongoDownSince !== undefined ? { downSince: mongoDownSince } : {}),
      progressAt: Date.now(),
    }),
    affectsLiveness: false,
  });
  const pingMongo = async () => {
    const up = await db
      .command({ ping: 1 })
      .then(() => true)
      .catch(() => false);
    mongoDownSince = up ? undefined : (mongoDownSince ?? Date.now());
  };
  const backlog = outboxBacklogGauge();
  const monitor = setInterval(() => {
    void pingMongo();
    void relay
      .backlog()
      .then((n) => backlog.set({ service: spec.name }, n))
      .catch(() => undefined);
  }, 5_000);
  monitor.unref();

  const grpc = await startGrpcServer({
    port: config.grpcPort,
    host: config.grpcHost,
    services: (parts.grpcServices ?? []).map((s) => guardGrpcService(s, guard)),
    logger,
  });
  const app = await buildHttpApp({
    service: spec.name,
    version: spec.version ?? '0.1.0',
    description: spec.description,
    logger,
    trustProxy: readConfig({ MOTCUA_TRUST_PROXY: str('loopback') }, spec.env ?? process.env)
      .MOTCUA_TRUST_PROXY,
    readiness: () => health.readiness(),
    liveness: () => health.liveness(),
    // Every service route passes the permission guard (packages/auth); ops routes stay open.
    routes: async (scope) => {
      installHttpGuard(scope, { ...guard, service: spec.name });
      await parts.routes?.(scope);
      if (testClock) await testClockRoutes(testClock)(scope);
    },
  });
  const http = await startHttp(app, { host: config.httpHost, port: config.httpPort });
  logger.info({ http: http.address, grpc: grpc.port }, `${spec.name} started`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(monitor);
      await http.close();
      await grpc.stop();
      for (const consumer of consumers) await consumer.stop();
      await parts.onStop?.();
      await relay.stop();
      await publisher.disconnect();
      await mongo.close();
      logger.info(`${spec.name} stopped`);
    })();
    return stopping;
  };
  return { deps, http, grpc, stop };
}

/** For a service's main.ts: run until SIGTERM/SIGINT or its launcher is gone, then stop gracefully. */
export async function runUntilSignalled(spec: ServiceSpec): Promise<void> {
  const running = await runService(spec);
  let stopping = false;
  const onSignal = (signal: string) => {
    // a signal and the launcher's pipe closing can both come: one stop
    if (stopping) return;
    stopping = true;
    running.deps.logger.info({ signal }, 'stopping');
    running
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        running.deps.logger.error({ err }, 'unclean stop');
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  stopWhenLauncherGone(onSignal);
}
