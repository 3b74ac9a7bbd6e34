import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { LoggerLike } from './logger.js';

type HandlerFor<M> =
  M extends grpc.MethodDefinition<infer Req, infer Res>
    ? M extends { requestStream: false; responseStream: false }
      ? grpc.handleUnaryCall<Req, Res>
      : grpc.UntypedHandleCall
    : never;

/** The implementation a generated service definition needs (e.g. CatalogueServiceService). */
export type ImplementationOf<D> = { [K in keyof D]: HandlerFor<D[K]> };

export interface ServiceRegistration {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/** Pairs a definition with an implementation checked against it. */
export function defineService<D extends grpc.ServiceDefinition>(
  definition: D,
  implementation: ImplementationOf<D>,
): ServiceRegistration {
  return { definition, implementation: implementation as grpc.UntypedServiceImplementation };
}

export interface GrpcServerOptions {
  port: number;
  /** Default 0.0.0.0. */
  host?: string;
  services: readonly ServiceRegistration[];
  logger: LoggerLike;
  /** Time in-flight calls get on stop() before they are cancelled. Default 5000. */
  shutdownTimeoutMs?: number;
  serverOptions?: grpc.ServerOptions;
}

export interface GrpcServer {
  /** The bound port (the real one when asked for 0). */
  port: number;
  server: grpc.Server;
  /** Full names of the registered services, e.g. motcua.routing.v1.CatalogueService. */
  serviceNames: readonly string[];
  /** Health of one service, or of the server ('') and every service when none is named. */
  setServing(serving: boolean, service?: string): void;
  /** NOT_SERVING, then a graceful shutdown, forced after shutdownTimeoutMs. Idempotent. */
  stop(): Promise<void>;
}

/** e.g. '/motcua.routing.v1.CatalogueService/GetProcedure' → 'motcua.routing.v1.CatalogueService' */
export function serviceNameOf(definition: grpc.ServiceDefinition): string {
  const path = Object.values(definition)[0]?.path ?? '';
  const name = path.split('/')[1];
  if (!name) throw new Error('service definition has no methods');
  return name;
}

export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const { logger, host = '0.0.0.0', shutdownTimeoutMs = 5000 } = options;
  const server = new grpc.Server(options.serverOptions);
  const serviceNames = options.services.map((s) => serviceNameOf(s.definition));
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  for (const { definition, implementation } of options.services)
    server.addService(definition, implementation);

  const setServing = (serving: boolean, service?: string): void => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    for (const name of service === undefined ? ['', ...serviceNames] : [service])
      health.setStatus(name, status);
  };

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  setServing(true);
  logger.info({ host, port, services: serviceNames }, 'gRPC server listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      setServing(false);
      const timer = setTimeout(() => {
        logger.warn({ port, shutdownTimeoutMs }, 'gRPC graceful shutdown timed out; forcing');
        server.forceShutdown();
        resolve();
      }, shutdownTimeoutMs);
      timer.unref();
      server.tryShutdown((err) => {
        clearTimeout(timer);
        if (err) {
          logger.warn({ err }, 'gRPC graceful shutdown failed; forcing');
          server.forceShutdown();
        }
        logger.info({ port }, 'gRPC server stopped');
        resolve();
      });
    });
    return stopping;
  };

  return { port, server, serviceNames, setServing, stop };
}
