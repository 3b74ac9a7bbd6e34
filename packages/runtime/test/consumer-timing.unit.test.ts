import { ConfigError } from '@motcua/config';
import { describe, expect, it } from 'vitest';
import { consumerTimingFromEnv } from '../src/consumer-timing.js';

describe("the consumers' session and heartbeat", () => {
  it('are 10 s and 3 s unless the environment says otherwise', () => {
    expect(consumerTimingFromEnv({})).toEqual({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3_000 });
  });

  it('are read from the environment', () => {
    expect(
      consumerTimingFromEnv({
        MOTCUA_KAFKA_SESSION_TIMEOUT_MS: '30000',
        MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
      }),
    ).toEqual({ sessionTimeoutMs: 30_000, heartbeatIntervalMs: 5_000 });
  });

  it('refuse a heartbeat longer than half the session, in both languages', () => {
    const read = () =>
      consumerTimingFromEnv({
        MOTCUA_KAFKA_SESSION_TIMEOUT_MS: '10000',
        MOTCUA_KAFKA_HEARTBEAT_INTERVAL_MS: '6000',
      });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/at most half of MOTCUA_KAFKA_SESSION_TIMEOUT_MS .* phải không quá một nửa/s);
  });

  it('refuse a session shorter than the broker accepts', () => {
    expect(() => consumerTimingFromEnv({ MOTCUA_KAFKA_SESSION_TIMEOUT_MS: '3000' })).toThrow(
      /MOTCUA_KAFKA_SESSION_TIMEOUT_MS: must be >= 6000/,
    );
  });
});
