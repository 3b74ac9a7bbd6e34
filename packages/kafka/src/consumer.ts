import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import type { Collection, Db } from 'mongodb';
import { register as defaultRegistry, Gauge, type Registry } from 'prom-client';
import type { KafkaLogger } from './client.js';
import { sendToDeadLetter } from './dead-letter.js';

export type Decoded<E> = { ok: true; event: E } | { ok: false; code: string; reason: string };

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumerOptions<E extends { eventId: string }> {
  kafka: Kafka;
  db: Db;
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  decode: (value: Buffer | null) => Decoded<E>;
  handle: (event: E, context: MessageContext) => Promise<void>;
  logger: KafkaLogger;
  /** Attempts before a failing message goes to the dead-letter topic. */
  maxAttempts?: number;
  backoffMs?: number;
  fromBeginning?: boolean;
  registry?: Registry;
  lagIntervalMs?: number;
}

interface ProcessedMarker {
  _id: string;
  processedAt: Date;
}

const lagGauges = new WeakMap<Registry, Gauge>();
function lagGauge(registry: Registry): Gauge {
  let gauge = lagGauges.get(registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'motcua_consumer_lag',
      help: 'Messages not yet consumed, per consumer group, topic and partition',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
    });
    lagGauges.set(registry, gauge);
  }
  return gauge;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one consumer loop every service uses: dedupe per event id, retries with exponential
 * backoff, dead-letter for poison and for messages that keep failing (the partition moves on),
 * committed offsets as checkpoints, a lag gauge and a graceful stop.
 */
export class EventConsumer<E extends { eventId: string }> {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly processed: Collection<ProcessedMarker>;
  private lagTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: ConsumerOptions<E>) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
    this.dlqProducer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.processed = options.db.collection<ProcessedMarker>('consumer_processed');
  }

  isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    for (const topic of this.options.topics) {
      await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    }
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.running = false;
      this.options.logger.error({ err: payload.error, group: this.options.groupId }, 'consumer crashed');
    });
    await this.consumer.run({ autoCommitThreshold: 1, eachMessage: (payload) => this.onMessage(payload) });
    this.running = true;
    this.lagTimer = setInterval(() => void this.measureLag(), this.options.lagIntervalMs ?? 5_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    this.running = false;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private deadLetter(payload: EachMessagePayload, code: string, reason: string, attempts: number) {
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

  private async onMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const context = { topic, partition, offset: message.offset };
    const decoded = this.options.decode(message.value);
    if (!decoded.ok) {
      this.options.logger.warn({ ...context, code: decoded.code, reason: decoded.reason }, 'poison message');
      await this.deadLetter(payload, decoded.code, decoded.reason, 0);
      return;
    }
    const markerId = `${this.options.groupId}:${decoded.event.eventId}`;
    if (await this.processed.findOne({ _id: markerId }, { projection: { _id: 1 } })) return;

    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(decoded.event, context);
        break;
      } catch (err) {
        if (attempt >= maxAttempts) {
          this.options.logger.error(
            { ...context, err, eventId: decoded.event.eventId },
            'giving up on event',
          );
          const code = (err as { code?: string }).code ?? 'HANDLER_FAILED';
          await this.deadLetter(payload, code, err instanceof Error ? err.message : String(err), attempt);
          break;
        }
        const delay = (this.options.backoffMs ?? 200) * 2 ** (attempt - 1);
        this.options.logger.warn({ ...context, err, attempt, delay }, 'handler failed; retrying');
        await sleep(delay);
      }
    }
    await this.processed.updateOne(
      { _id: markerId },
      { $setOnInsert: { processedAt: new Date() } },
      { upsert: true },
    );
  }

  private async measureLag(): Promise<void> {
    const gauge = lagGauge(this.options.registry ?? defaultRegistry);
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      const committed = await admin.fetchOffsets({
        groupId: this.options.groupId,
        topics: this.options.topics,
      });
      for (const { topic, partitions } of committed) {
        const latest = await admin.fetchTopicOffsets(topic);
        for (const p of latest) {
          const done = partitions.find((c) => c.partition === p.partition)?.offset ?? '-1';
          const lag = Number(p.high) - Math.max(Number(done), Number(p.low));
          gauge.set({ group: this.options.groupId, topic, partition: String(p.partition) }, Math.max(0, lag));
        }
      }
    } catch (err) {
      this.options.logger.debug({ err }, 'could not measure consumer lag');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
