import { readConfig } from './read-config.js';
import { int, list, oneOf, str } from './spec.js';

export interface CommonServiceConfig {
  serviceName: string;
  httpHost: string;
  httpPort: number;
  grpcHost: string;
  grpcPort: number;
  kafkaBrokers: string[];
  mongoUrl: string;
  mongoDb: string;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every service shares; env names are prefixed with the upper-cased service name. */
export function commonServiceConfig(
  serviceName: string,
  defaults: { httpPort: number; grpcPort: number },
  env: Record<string, string | undefined> = process.env,
): CommonServiceConfig {
  const p = serviceName.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const port = { min: 0, max: 65535 };
  const c = readConfig(
    {
      [`${p}_HTTP_HOST`]: str('0.0.0.0'),
      [`${p}_HTTP_PORT`]: int(defaults.httpPort, port),
      [`${p}_GRPC_HOST`]: str('0.0.0.0'),
      [`${p}_GRPC_PORT`]: int(defaults.grpcPort, port),
      KAFKA_BROKERS: list(['127.0.0.1:19092']),
      MONGO_URL: str('mongodb://127.0.0.1:27018/'),
      MONGO_DB: str(`motcua_${serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`),
      LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
    },
    env,
  );
  return {
    serviceName,
    httpHost: c[`${p}_HTTP_HOST`] as string,
    httpPort: c[`${p}_HTTP_PORT`] as number,
    grpcHost: c[`${p}_GRPC_HOST`] as string,
    grpcPort: c[`${p}_GRPC_PORT`] as number,
    kafkaBrokers: c.KAFKA_BROKERS as string[],
    mongoUrl: c.MONGO_URL as string,
    mongoDb: c.MONGO_DB as string,
    logLevel: c.LOG_LEVEL as string,
  };
}
