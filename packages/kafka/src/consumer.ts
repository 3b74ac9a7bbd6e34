import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer, RetryOptions } from 'kafkajs';
import type { Collection, Db } from 'mongodb';
import type { Registry } from 'prom-client';
import { backoffDelay } from './backoff.js';
import type { KafkaLogger } from './client.js';
import { sendToDeadLetter } from './dead-letter.js';
import { findByIds } from './find-by-ids.js';
import { perDocumentErrors } from './insert-outcome.js';
import { measureLag } from './lag.js';
import { StreamChains, type StreamPosition } from './stream-chains.js';

export type { StreamPosition };

export type Decoded<E> = { ok: true; event: E } | { ok: false; code: string; reason: string };

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

export interface RecoveryOptions {
  /** First wait before recreating a lost consumer; doubles up to `maxMs`, jittered. */
  initialMs?: number;
  maxMs?: number;
  /** A new consumer that has not joined its group by then is given up and recreated. */
  joinTimeoutMs?: number;
  /** A running consumer that shows no sign of life (fetch, heartbeat) for this long is recreated. */
  silenceMs?: number;
  /**
   * A running consumer that handles nothing for this long while the measured lag says messages wait
   * (and no handler is running) is recreated: kafkajs can keep fetching without delivering after a
   * broker's coordinators move (seen in the chaos suite's kill-one-broker). Default 30 s.
   */
  stallMs?: number;
  random?: () => number;
}

export interface ConsumerOptions<E extends { eventId: string }> {
  kafka: Kafka;
  db: Db;
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  decode: (value: Buffer | null) => Decoded<E>;
  handle: (event: E, context: MessageContext) => Promise<void>;
  /**
   * Whether `handle` does anything with the event, decided from the event alone (its type, its
   * producer): events it does not are passed over with no database access at all — no dedupe marker
   * read or written. Default: every event is handled.
   */
  relevant?: (event: E) => boolean;
  /**
   * Batch mode, for projections: the decoded events of a fetched batch (in log order, at most
   * `batchSize`), handled at once; the handler must be idempotent by itself (no dedupe marker is
   * looked up or written). A batch that keeps failing is handled event by event, so that only the
   * failing events go to the dead-letter topic.
   */
  handleBatch?: (items: { event: E; context: MessageContext }[]) => Promise<void>;
  /**
   * Where the event sits in its stream, for marker mode: an event that directly follows one of its
   * stream this consumer handled or passed over since it joined its group needs no marker lookup (see
   * `StreamChains`). Default: every relevant event's marker is looked up.
   */
  position?: (event: E) => StreamPosition | undefined;
  /**
   * How an event delivered again is told apart, in per-event mode. `markers` (default): a dedupe
   * marker per handled event, looked up before handling. `handler`: the handler itself recognises a
   * repeat, as cheaply as a marker would (its command ids are recorded on the stream it writes, which
   * it reads anyway): no marker is looked up or written, and a redelivered event is handed over again.
   * A copy published twice within one fetched batch is still handled once.
   */
  dedupe?: 'markers' | 'handler';
  /**
   * Called each time the consumer (re)joins its group, before it handles anything of the new
   * assignment: partitions may have been with another member meanwhile, so whatever the handler kept
   * in memory of their documents may be stale (a projection's cache of what it last wrote).
   */
  onJoin?: () => void;
  /** Events per `handleBatch` call (default 500). */
  batchSize?: number;
  logger: KafkaLogger;
  /** Attempts before a failing message goes to the dead-letter topic. */
  maxAttempts?: number;
  backoffMs?: number;
  fromBeginning?: boolean;
  registry?: Registry;
  lagIntervalMs?: number;
  /**
   * The group session (default 10 s): how long a dead member keeps its partitions before the group
   * gives them to the others, so it bounds how long a killed process's partitions wait. Heartbeats
   * (default 3 s, also sent during long handlers) keep a live member in. ADR 0014.
   */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** kafkajs's own retry budget inside one consumer (connection, fetch, join); default ~5 s in all. */
  kafkaRetry?: RetryOptions;
  recovery?: RecoveryOptions;
  now?: () => number;
}

/** What the consumer says about itself (the runtime's health registry judges it). */
export interface ConsumerStatus {
  running: boolean;
  downSince?: number;
  /** The lag last measured from the committed offsets. */
  waiting?: number;
  progressAt: number;
  detail?: string;
  /** How many kafkajs consumers were created (1 + recoveries). */
  generation: number;
  /** How many times offsets were committed. */
  commits: number;
  /** How many times the group was joined (a rebalance or a lost membership joins again). */
  joins: number;
}

interface ProcessedMarker {
  _id: string;
  processedAt: Date;
}

type State = 'stopped' | 'starting' | 'running' | 'recovering';

const REBALANCE_TIMEOUT_MS = 30_000;
/**
 * kafkajs fetches from every broker of its last metadata, which it refreshes only when older than this
 * (its default: 5 minutes). With a stale list after a broker died, the dead broker's fetcher fails at
 * once and takes all the others down with it, retry after retry: no partition moved until the consumer
 * crashed or the broker came back (seen in the chaos suite's kill-one-broker). A refresh every 5 s finds
 * the new leaders within seconds of the dead broker being fenced. ADR 0015.
 */
const METADATA_MAX_AGE_MS = 5_000;
/** How long a fetch waits for data (kafkajs: 5 s); a failing fetcher's siblings end within it. */
const FETCH_MAX_WAIT_MS = 1_000;
/**
 * kafkajs's own retries inside a consumer, ~5 s in all (the client's default here is ~31 s). kafkajs
 * keeps talking to the group coordinator it found at the join, and a dead coordinator only answers
 * connection errors: no commit and no heartbeat goes through until the node is back or the retries run
 * out. Running out sooner lets this consumer be recreated (it finds the new coordinator at its join)
 * seconds after the failover, instead of waiting for the dead node. ADR 0015.
 */
const CONSUMER_RETRY: RetryOptions = { initialRetryTime: 200, maxRetryTime: 2_000, retries: 5 };
/** MongoDB's duplicate key error (a unique `_id` taken); eventstore's `isDuplicateKey`, which kafka does not depend on. */
const DUPLICATE_KEY = 11000;

/**
 * Offsets are committed at most this often (and within about this long after the last batch): each
 * OffsetCommit is a write to the broker's offsets log, and one per fetched batch — a batch is often a
 * single event — took half of Kafka's CPU at 20 receptions/s. What a stop leaves uncommitted comes
 * again, and is recognised (markers, or handlers idempotent by themselves).
 */
const COMMIT_EVERY_MS = 1_000;

const describe = (err: unknown) =>
  err instanceof Error ? `${err.name}: ${err.message}` : typeof err === 'string' ? err : String(err);

/**
 * The one consumer loop every service uses: dedupe per event id, retries with exponential
 * backoff, dead-letter for poison and for messages that keep failing (the partition moves on),
 * committed offsets as checkpoints, a lag gauge and a graceful stop.
 *
 * It supervises its kafkajs consumer (ADR 0014): kafkajs never restarts itself here; whenever it
 * crashes, stops, fails to join or falls silent, a new kafkajs consumer is created with a capped,
 * jittered backoff, forever, and resumes from the committed offsets.
 */
export class EventConsumer<E extends { eventId: string }> {
  private consumer: Consumer | undefined;
  private readonly dlqProducer: Producer;
  private readonly processed: Collection<ProcessedMarker>;
  private readonly now: () => number;
  private timers: NodeJS.Timeout[] = [];
  private state: State = 'stopped';
  private generation = 0;
  private joins = 0;
  private downSince: number | undefined;
  private detail: string | undefined;
  private progressAt: number;
  private activityAt: number;
  private watchedAt = 0;
  private lag: number | undefined;
  private measuring = false;
  private handling = 0;
  private recovery: Promise<void> | undefined;
  /** Replaced at every join: what is known holds for the partitions of one assignment only. */
  private chains = new StreamChains();
  /** Commits the offsets the last batch resolved and left uncommitted (see COMMIT_EVERY_MS). */
  private pendingCommit: (() => Promise<void>) | undefined;
  /**
   * Dedupe markers of the events handled since the last commit, written together just before the
   * next one (whichever batch or tick makes it), and counted as written meanwhile. They stay across a
   * join: the events were handled, whoever owns their partitions now.
   */
  private readonly unwrittenMarkers = new Set<string>();
  private committedAt = 0;
  private commits = 0;
  private stopRequested: () => void = () => {};
  private readonly stopSignal: Promise<void>;

  constructor(private readonly options: ConsumerOptions<E>) {
    this.now = options.now ?? Date.now;
    this.progressAt = this.now();
    this.activityAt = this.now();
    this.dlqProducer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.processed = options.db.collection<ProcessedMarker>('consumer_processed');
    this.stopSignal = new Promise((resolve) => {
      this.stopRequested = resolve;
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  isRunning(): boolean {
    return this.state === 'running';
  }

  status(): ConsumerStatus {
    return {
      running: this.state === 'running',
      ...(this.downSince !== undefined ? { downSince: this.downSince } : {}),
      ...(this.lag !== undefined ? { waiting: this.lag } : {}),
      progressAt: this.progressAt,
      ...(this.detail && this.state !== 'running' ? { detail: this.detail } : {}),
      generation: this.generation,
      joins: this.joins,
      commits: this.commits,
    };
  }

  async start(): Promise<void> {
    this.state = 'starting';
    await this.dlqProducer.connect();
    let firstJoin: Error | undefined;
    try {
      await this.launch();
    } catch (err) {
      // A first join can fail like any later one (kafkajs stopped while the killed process's member
      // still held the group): recover in the process as then, rather than exit and be restarted into
      // the same wait (seen under load in the chaos suite: five restarts, never ready).
      firstJoin = err instanceof Error ? err : new Error(String(err));
    }
    this.state = 'running';
    this.watchedAt = this.now();
    if (firstJoin) this.lose(`first join failed: ${describe(firstJoin)}`);
    const lagEvery = this.options.lagIntervalMs ?? 5_000;
    this.timers = [
      setInterval(() => void this.refreshLag(), lagEvery),
      setInterval(() => this.watch(), this.watchEveryMs()),
      setInterval(() => void this.commitPending(), COMMIT_EVERY_MS),
    ];
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.stopRequested();
    for (const timer of this.timers) clearInterval(timer);
    await this.recovery;
    await this.commitPending(true);
    await this.writeUnwrittenMarkers().catch((err) =>
      this.options.logger.warn(
        { err, group: this.options.groupId },
        'could not write dedupe markers at stop',
      ),
    );
    await this.dispose();
    await this.dlqProducer.disconnect();
  }

  private watchEveryMs(): number {
    return Math.min(5_000, this.silenceMs() / 4);
  }

  private sessionTimeoutMs(): number {
    return this.options.sessionTimeoutMs ?? 10_000;
  }

  private heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs ?? Math.min(3_000, Math.floor(this.sessionTimeoutMs() / 3));
  }

  private silenceMs(): number {
    // longer than the rebalance timeout, so a join that legitimately waits out a rebalance is not cut short
    return this.options.recovery?.silenceMs ?? 40_000;
  }

  /** Creates a kafkajs consumer and resolves once it has joined its group. */
  private async launch(): Promise<void> {
    this.generation++;
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.sessionTimeoutMs(),
      heartbeatInterval: this.heartbeatIntervalMs(),
      // live members rejoin at their next heartbeat; one that does not within 30 s is dropped (kafkajs: 60 s)
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      metadataMaxAge: METADATA_MAX_AGE_MS,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
      // One owner for recovery: kafkajs's own restart has no watchdog (ADR 0014).
      retry: { ...(this.options.kafkaRetry ?? CONSUMER_RETRY), restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    // Events of a consumer being disposed of, or of an earlier one, are not news.
    const current = () => consumer === this.consumer && this.state !== 'stopped';
    let joined: () => void = () => {};
    let failed: (err: Error) => void = () => {};
    const outcome = new Promise<void>((resolve, reject) => {
      joined = resolve;
      failed = reject;
    });
    outcome.catch(() => undefined); // a crash after the wait is handled by lose()
    const alive = () => {
      if (current()) this.activityAt = this.now();
    };
    const { events } = consumer;
    for (const e of [events.FETCH_START, events.FETCH, events.HEARTBEAT, events.COMMIT_OFFSETS]) {
      consumer.on(e, alive);
    }
    consumer.on(events.GROUP_JOIN, () => {
      if (!current()) return;
      alive();
      this.joins++;
      this.chains = new StreamChains();
      // the offsets resolved before belong to the earlier assignment (kafkajs dropped them)
      this.pendingCommit = undefined;
      this.options.onJoin?.();
      joined();
    });
    consumer.on(events.CRASH, ({ payload }) => {
      failed(payload.error);
      if (current()) this.lose(`crashed: ${describe(payload.error)}`);
    });
    consumer.on(events.STOP, () => {
      failed(new Error('stopped by kafkajs'));
      if (current()) this.lose('stopped by kafkajs');
    });

    await consumer.connect();
    for (const topic of topics) {
      await consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    }
    if (this.options.handleBatch) {
      await consumer.run({
        // committed here, at most once a second (COMMIT_EVERY_MS); kafkajs would after every batch
        autoCommit: false,
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } else {
      await consumer.run({
        autoCommit: false,
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onMarkedBatch(payload),
      });
    }
    const joinTimeoutMs = this.options.recovery?.joinTimeoutMs ?? 45_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no group join within ${joinTimeoutMs} ms`)), joinTimeoutMs);
    });
    try {
      await Promise.race([outcome, timeout, this.stopSignal]);
    } finally {
      clearTimeout(timer);
    }
    this.activityAt = this.now();
    // a new member starts with a clean slate: the stall watch counts from its join
    this.progressAt = this.now();
    this.lag = undefined;
  }

  /** The consumer is gone (or as good as gone): recreate it, unless that is already under way. */
  private lose(reason: string): void {
    this.detail = reason;
    if (this.state !== 'running') return;
    this.state = 'recovering';
    this.downSince ??= this.now();
    this.options.logger.error({ group: this.options.groupId, reason }, 'consumer lost; recreating it');
    this.recovery = this.recover().finally(() => {
      this.recovery = undefined;
    });
  }

  private async recover(): Promise<void> {
    const { groupId, logger } = this.options;
    const r = this.options.recovery ?? {};
    for (let attempt = 1; this.state === 'recovering'; attempt++) {
      const delay = backoffDelay(attempt, {
        initialMs: r.initialMs ?? 1_000,
        maxMs: r.maxMs ?? 10_000,
        ...(r.random ? { random: r.random } : {}),
      });
      logger.warn(
        { group: groupId, attempt, delay, reason: this.detail },
        'recreating consumer after backoff',
      );
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), this.stopSignal]);
      if (this.state !== 'recovering') return;
      await this.dispose();
      try {
        await this.launch();
        if (this.state !== 'recovering') return;
        const downForMs = this.now() - (this.downSince ?? this.now());
        logger.warn(
          { group: groupId, attempt, downForMs },
          'consumer recovered; resuming from committed offsets',
        );
        this.state = 'running';
        this.downSince = undefined;
        this.detail = undefined;
        return;
      } catch (err) {
        this.detail = `recreating failed: ${describe(err)}`;
        logger.warn({ group: groupId, attempt, err }, 'recreating consumer failed; will try again');
      }
    }
  }

  /** Disconnects the current kafkajs consumer, without waiting forever on a broken one. */
  private async dispose(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.pendingCommit = undefined;
    if (!consumer) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      consumer.disconnect().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 10_000);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * A consumer that says nothing for too long, or handles nothing for too long while messages wait, is
   * treated as lost — unless a handler is running (heartbeats keep a long handler's membership).
   */
  private watch(): void {
    // A tick that comes late means this process was frozen or starved (SIGSTOP, a blocked event loop, a
    // CPU-starved host), not kafkajs: that time is not held against the consumer.
    const now = this.now();
    const late = now - this.watchedAt - this.watchEveryMs();
    this.watchedAt = now;
    if (late > this.watchEveryMs()) {
      this.activityAt += late;
      this.progressAt += late;
    }
    if (this.state !== 'running' || this.handling > 0) return;
    const silent = this.now() - this.activityAt;
    if (silent > this.silenceMs()) {
      this.lose(`no sign of life from kafkajs for ${Math.round(silent / 1000)} s`);
      return;
    }
    const idle = this.now() - this.progressAt;
    if ((this.lag ?? 0) > 0 && idle > (this.options.recovery?.stallMs ?? 30_000))
      this.lose(`nothing handled for ${Math.round(idle / 1000)} s while ${this.lag} messages wait`);
  }

  private async refreshLag(): Promise<void> {
    if (this.measuring) return;
    this.measuring = true;
    try {
      const { kafka, groupId, topics, registry } = this.options;
      this.lag = await measureLag(kafka, groupId, topics, registry);
      if (this.lag === 0) this.progressAt = this.now();
    } catch (err) {
      this.options.logger.debug({ err }, 'could not measure consumer lag');
    } finally {
      this.measuring = false;
    }
  }

  private deadLetter(
    payload: { topic: string; partition: number; message: KafkaMessage },
    code: string,
    reason: string,
    attempts: number,
  ) {
    const { topic, partition, message } = payload;
    return sendToDeadLetter(this.dlqProducer, {
      deadLetterTopic: this.options.deadLetterTopic,
      groupId: this.options.groupId,
      topic,
      partition,
      message,
      code,
      reason,
      attempts,
    });
  }

  /**
   * kafkajs heartbeats only between messages: while work runs (a batch, a handler and its retries), a
   * timer keeps heartbeating so that work longer than the session never loses the membership.
   */
  private async keepingAlive(heartbeat: () => Promise<void>, work: () => Promise<void>): Promise<void> {
    this.handling++;
    const every = this.heartbeatIntervalMs();
    const keepAlive = setInterval(() => {
      heartbeat().catch((err) => {
        this.options.logger.warn(
          { err, group: this.options.groupId },
          'heartbeat during a long handler failed',
        );
      });
    }, every);
    try {
      await work();
    } finally {
      clearInterval(keepAlive);
      this.handling--;
    }
  }

  /**
   * Commits what the batch resolved when the last commit is COMMIT_EVERY_MS old; otherwise leaves
   * it to the next batch or to the tick (`commitPending`).
   */
  private async commitSoon(commit: () => Promise<void>): Promise<void> {
    if (this.now() - this.committedAt < COMMIT_EVERY_MS) {
      this.pendingCommit = commit;
      return;
    }
    this.pendingCommit = undefined;
    await commit();
    this.committedAt = this.now();
    this.commits++;
  }

  /**
   * The tick's commit of what the last batches left uncommitted, once no batch is being handled (a
   * batch commits its own); `now` at a stop. A failure is left to the next batch's commit: until
   * then, those offsets come again after a restart and are recognised.
   */
  private async commitPending(now = false): Promise<void> {
    const commit = this.pendingCommit;
    if (!commit || this.handling > 0) return;
    if (!now && this.now() - this.committedAt < COMMIT_EVERY_MS) return;
    this.pendingCommit = undefined;
    try {
      await commit();
      this.committedAt = this.now();
      this.commits++;
    } catch (err) {
      this.options.logger.warn(
        { err, group: this.options.groupId },
        'could not commit offsets; the next batch will',
      );
    }
  }

  /**
   * Batch mode: decodes the batch in parts of `batchSize`, sends poison to the dead-letter topic,
   * hands the rest to `handleBatch` and commits offsets once handled (at most once a second).
   */
  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const size = Math.max(1, this.options.batchSize ?? 500);
    await this.keepingAlive(payload.heartbeat, async () => {
      for (let i = 0; i < batch.messages.length; i += size) {
        if (!payload.isRunning() || payload.isStale()) return;
        const part = batch.messages.slice(i, i + size);
        const items: { event: E; context: MessageContext; message: KafkaMessage }[] = [];
        for (const message of part) {
          const context = { topic, partition, offset: message.offset };
          const decoded = this.options.decode(message.value);
          if (decoded.ok) {
            items.push({ event: decoded.event, context, message });
            continue;
          }
          this.options.logger.warn(
            { ...context, code: decoded.code, reason: decoded.reason },
            'poison message',
          );
          await this.deadLetter({ topic, partition, message }, decoded.code, decoded.reason, 0);
        }
        if (items.length > 0) await this.handleItems(items);
        const last = part[part.length - 1];
        if (last) payload.resolveOffset(last.offset);
        await this.commitSoon(() => payload.commitOffsetsIfNecessary());
        await payload.heartbeat();
        this.progressAt = this.now();
        this.activityAt = this.now();
      }
    });
  }

  /** The whole part with retries; if it keeps failing, event by event (the failing ones dead-lettered). */
  private async handleItems(
    items: { event: E; context: MessageContext; message: KafkaMessage }[],
  ): Promise<void> {
    const handleBatch = this.options.handleBatch;
    if (!handleBatch) return;
    const call = (list: typeof items) => handleBatch(list.map(({ event, context }) => ({ event, context })));
    if (items.length > 1) {
      const failure = await this.withRetries(items[0]?.context, () => call(items));
      if (!failure) return;
      this.options.logger.warn(
        { ...items[0]?.context, err: failure, events: items.length },
        'batch keeps failing; handling its events one by one',
      );
    }
    for (const item of items) {
      const failure = await this.withRetries(item.context, () => call([item]));
      if (!failure) continue;
      const attempts = this.options.maxAttempts ?? 5;
      this.options.logger.error(
        { ...item.context, err: failure, eventId: item.event.eventId },
        'giving up on event',
      );
      const code = (failure as { code?: string }).code ?? 'HANDLER_FAILED';
      const reason = failure instanceof Error ? failure.message : String(failure);
      await this.deadLetter({ ...item.context, message: item.message }, code, reason, attempts);
    }
  }

  /** Runs `work` up to `maxAttempts` times with backoff; the last error when it never succeeded. */
  private async withRetries(
    context: MessageContext | undefined,
    work: () => Promise<void>,
  ): Promise<unknown> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return undefined;
      } catch (err) {
        if (attempt >= maxAttempts) return err ?? new Error('handler failed');
        const delay = (this.options.backoffMs ?? 200) * 2 ** (attempt - 1);
        this.options.logger.warn({ ...context, err, attempt, delay }, 'handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Marker mode, one fetched batch at a time, in log order: poison goes to the dead-letter topic; an
   * event `relevant` declines is passed over without any database access; for the rest the dedupe
   * markers are looked up together first, then each event not handled yet is handled (with retries,
   * then dead-lettered). The markers of what was handled are written in one insert just before each
   * commit of offsets, at most once a second (COMMIT_EVERY_MS: within a long batch, at a batch's end or
   * at the tick), and count as written until then (`unwrittenMarkers`): a relayed copy meets its marker.
   * An event that directly follows, in its stream, one this assignment handled fresh is not looked
   * up: it cannot have been handled before (`StreamChains`). With `dedupe: 'handler'` the markers (and
   * the chains that save lookups of them) are left out; the rest is the same.
   */
  private async onMarkedBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const relevant = this.options.relevant ?? (() => true);
    const position = this.options.position ?? (() => undefined);
    const chains = this.chains;
    await this.keepingAlive(payload.heartbeat, async () => {
      const decoded = batch.messages.map((message) => ({
        message,
        result: this.options.decode(message.value),
      }));
      const events = decoded.flatMap(({ result }) => (result.ok ? [result.event] : []));
      const markers = this.options.dedupe !== 'handler';
      const markerIds = markers
        ? chains
            .toLookUp(events.map((event) => ({ relevant: relevant(event), at: position(event) })))
            .map((i) => this.markerId(events[i]!))
        : [];
      const lookedUp = new Set(markerIds);
      const handled = await this.markersAmong(markerIds);
      // The markers are written just before the offsets that cover them are committed, at most once
      // a second: a stop in between means these events come again and are handled again, as a stop
      // between a handler and its own marker always did (handlers are idempotent; markers save the repeat).
      const commit = () =>
        this.commitSoon(async () => {
          await this.writeUnwrittenMarkers();
          await payload.commitOffsetsIfNecessary();
        });
      let committedAt = this.now();
      for (const { message, result } of decoded) {
        if (!payload.isRunning() || payload.isStale()) break;
        const context = { topic, partition, offset: message.offset };
        if (!result.ok) {
          this.options.logger.warn(
            { ...context, code: result.code, reason: result.reason },
            'poison message',
          );
          await this.deadLetter({ topic, partition, message }, result.code, result.reason, 0);
        } else if (relevant(result.event)) {
          const id = this.markerId(result.event);
          const at = position(result.event);
          // a chain the lookups assumed can break (its predecessor was found handled): look up then
          const known =
            handled.has(id) ||
            (markers && !lookedUp.has(id) && !chains.follows(at) && (await this.markersAmong([id])).has(id));
          if (!known) {
            await this.handleOnce(result.event, context, message);
            if (markers) {
              this.unwrittenMarkers.add(id);
              chains.handled(at);
            }
          }
          // the same event twice in one batch (published twice) meets this, not the lookup made before
          handled.add(id);
        } else if (markers) {
          chains.passedOver(position(result.event));
        }
        payload.resolveOffset(message.offset);
        this.progressAt = this.now();
        this.activityAt = this.now();
        if (this.now() - committedAt >= COMMIT_EVERY_MS) {
          await commit();
          committedAt = this.now();
        }
      }
      await commit();
    });
  }

  private markerId(event: E): string {
    return `${this.options.groupId}:${event.eventId}`;
  }

  /**
   * Which of these markers exist, written or about to be: `_id: {$in}` reads of a few hundred at a
   * time (`findByIds`; answered from the `_id` index by MongoDB and by the local FerretDB's patch), one
   * query for a whole batch, of those not handled since the last commit.
   */
  private async markersAmong(ids: string[]): Promise<Set<string>> {
    const unwritten = ids.filter((id) => this.unwrittenMarkers.has(id));
    const toRead = ids.filter((id) => !this.unwrittenMarkers.has(id));
    const written = toRead.length > 0 ? await findByIds(this.processed, toRead) : [];
    return new Set([...unwritten, ...written.map((m) => m._id)]);
  }

  /**
   * The markers handled since the last commit in one insert, forgotten in memory once written. One
   * exists already only when another member handled the same event meanwhile, and then it says the
   * same. Inserts, not upserts (a query and a write on FerretDB).
   */
  private async writeUnwrittenMarkers(): Promise<void> {
    const ids = [...this.unwrittenMarkers];
    if (ids.length === 0) return;
    const processedAt = new Date();
    try {
      await this.processed.insertMany(
        ids.map((_id) => ({ _id, processedAt })),
        { ordered: false },
      );
    } catch (err) {
      // markers already there (a redelivery) are fine; anything else leaves them all to be written again
      const errors = perDocumentErrors(err, ids.length);
      if (!errors || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
    }
    for (const id of ids) this.unwrittenMarkers.delete(id);
  }

  /** Handles one event with retries (dead-lettered when it keeps failing); its marker is written later. */
  private async handleOnce(event: E, context: MessageContext, message: KafkaMessage): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(event, context);
        break;
      } catch (err) {
        if (attempt >= maxAttempts) {
          this.options.logger.error({ ...context, err, eventId: event.eventId }, 'giving up on event');
          const code = (err as { code?: string }).code ?? 'HANDLER_FAILED';
          const reason = err instanceof Error ? err.message : String(err);
          await this.deadLetter({ ...context, message }, code, reason, attempt);
          break;
        }
        const delay = (this.options.backoffMs ?? 200) * 2 ** (attempt - 1);
        this.options.logger.warn({ ...context, err, attempt, delay }, 'handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
