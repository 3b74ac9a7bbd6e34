import { Kafka, type KafkaConfig, type LogEntry, logLevel } from 'kafkajs';

export interface KafkaLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** kafkajs logs through the service's pino logger instead of its own console format. */
export function createKafka(options: {
  brokers: string[];
  clientId: string;
  logger: KafkaLogger;
  config?: Partial<KafkaConfig>;
}): Kafka {
  const logCreator =
    () =>
    ({ level, label, log }: LogEntry) => {
      const { message, ...extra } = log;
      const entry = { kafka: label, ...extra };
      if (level === logLevel.ERROR) options.logger.error(entry, message);
      else if (level === logLevel.WARN) options.logger.warn(entry, message);
      else if (level === logLevel.INFO) options.logger.debug(entry, message);
    };
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    // Waits capped at 5 s (kafkajs: 30 s): a client retrying through a broker outage tries again within
    // 5 s of the broker's return instead of sleeping up to half a minute; ~31 s of retries in all.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
    ...options.config,
  });
}
