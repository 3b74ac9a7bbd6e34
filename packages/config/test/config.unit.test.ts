import { describe, expect, it } from 'vitest';
import {
  bool,
  ConfigError,
  commonServiceConfig,
  int,
  list,
  oneOf,
  readConfig,
  str,
  url,
} from '../src/index.js';

describe('readConfig', () => {
  it('parses every field kind from the environment', () => {
    const cfg = readConfig(
      { A: str(), B: int(), C: bool(), D: list(), E: url() },
      { A: 'x', B: '42', C: 'yes', D: 'a, b ,,c', E: 'http://example.vn/x' },
    );
    expect(cfg).toEqual({ A: 'x', B: 42, C: true, D: ['a', 'b', 'c'], E: 'http://example.vn/x' });
  });

  it('falls back to defaults when a variable is unset or empty', () => {
    const cfg = readConfig({ A: str('d'), B: int(7), C: bool(false), D: list(['z']) }, { A: '' });
    expect(cfg).toEqual({ A: 'd', B: 7, C: false, D: ['z'] });
  });

  it('throws one error that lists every bad or missing variable in English and Vietnamese', () => {
    const spec = { REQ: str(), N: int(1, { min: 1, max: 10 }), F: bool(), U: url(), OK: str('fine') };
    let err: unknown;
    try {
      readConfig(spec, { N: '11', F: 'maybe', U: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const ce = err as ConfigError;
    expect(ce.problems.map((p) => p.variable)).toEqual(['REQ', 'N', 'F', 'U']);
    expect(ce.message).toContain('Invalid configuration');
    expect(ce.message).toContain('Cấu hình không hợp lệ');
    expect(ce.message).toContain('REQ: missing required variable / thiếu biến môi trường bắt buộc');
    expect(ce.message).toContain('must be <= 10');
  });

  it('accepts only the listed values for oneOf', () => {
    expect(readConfig({ M: oneOf(['a', 'b'] as const) }, { M: 'b' })).toEqual({ M: 'b' });
    expect(() => readConfig({ M: oneOf(['a', 'b']) }, { M: 'c' })).toThrow(/expected one of a, b/);
  });

  it('rejects non-integers and values below the minimum', () => {
    expect(() => readConfig({ N: int() }, { N: '3.5' })).toThrow(/expected an integer/);
    expect(() => readConfig({ N: int(undefined, { min: 5 }) }, { N: '4' })).toThrow(/must be >= 5/);
  });
});

describe('commonServiceConfig', () => {
  it('gives the documented defaults for a service', () => {
    expect(commonServiceConfig('intake', { httpPort: 7101, grpcPort: 7201 }, {})).toEqual({
      serviceName: 'intake',
      httpHost: '0.0.0.0',
      httpPort: 7101,
      grpcHost: '0.0.0.0',
      grpcPort: 7201,
      kafkaBrokers: ['127.0.0.1:19092'],
      mongoUrl: 'mongodb://127.0.0.1:27018/',
      mongoDb: 'motcua_intake',
      logLevel: 'info',
    });
  });

  it('reads service-prefixed ports and shared variables from the environment', () => {
    const cfg = commonServiceConfig(
      'intake',
      { httpPort: 7101, grpcPort: 7201 },
      {
        INTAKE_HTTP_PORT: '8101',
        INTAKE_GRPC_PORT: '8201',
        KAFKA_BROKERS: 'k1:9092,k2:9092',
        MONGO_DB: 'x',
        LOG_LEVEL: 'debug',
      },
    );
    expect(cfg).toMatchObject({
      httpPort: 8101,
      grpcPort: 8201,
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      mongoDb: 'x',
      logLevel: 'debug',
    });
  });

  it('reports every bad variable at once', () => {
    expect(() =>
      commonServiceConfig(
        'routing',
        { httpPort: 7102, grpcPort: 7202 },
        { ROUTING_HTTP_PORT: '70000', LOG_LEVEL: 'loud' },
      ),
    ).toThrow(/ROUTING_HTTP_PORT[\s\S]*LOG_LEVEL/);
  });
});
