import { ConfigError, int, readConfig } from '@motcua/config';

/**
 * The consumer group's session and heartbeat, from the environment (ADR 0014). The session is how long
 * the group waits for a member that said nothing before giving its partitions to the others: a killed
 * process's partitions wait that long, so it is kept short; heartbeats (also sent during long handlers)
 * keep a live member in.
 */
export function consumerTimingFromEnv(env: Record<string, string | undefined>): {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
} {
  const c = readConfig(
    {
      MOTCUA_KAFKA_SESSION_TIMEOUT_MS: int(10_000, { min: 6_000, max: 300_000 }),
      MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS: int(3_000, { min: 100 }),
    },
    env,
  );
  if (c.MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS * 2 > c.MOTCUA_KAFKA_SESSION_TIMEOUT_MS) {
    throw new ConfigError([
      {
        variable: 'MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS',
        problem:
          `must be at most half of MOTCUA_KAFKA_SESSION_TIMEOUT_MS (${c.MOTCUA_KAFKA_SESSION_TIMEOUT_MS}), got ${c.MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS} / ` +
          `phải không quá một nửa MOTCUA_KAFKA_SESSION_TIMEOUT_MS (${c.MOTCUA_KAFKA_SESSION_TIMEOUT_MS}), nhận được ${c.MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS}`,
      },
    ]);
  }
  return {
    sessionTimeoutMs: c.MOTCUA_KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: c.MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS,
  };
}
