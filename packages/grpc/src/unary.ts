import type * as grpc from '@grpc/grpc-js';
import { isDomainError } from '@motcua/contracts';
import { toGrpcError } from './errors.js';
import { type LoggerLike, stderrLogger } from './logger.js';

export type UnaryHandler<Req, Res> = (
  request: Req,
  call: grpc.ServerUnaryCall<Req, Res>,
) => Promise<Res> | Res;

/**
 * Adapts an async handler to grpc-js: a returned value is the response, a thrown DomainError becomes
 * its gRPC status (logged at info: the caller's problem), anything else INTERNAL (logged at error).
 */
export function unary<Req, Res>(
  handler: UnaryHandler<Req, Res>,
  logger: LoggerLike = stderrLogger,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (response) => callback(null, response),
        (err: unknown) => {
          const grpcError = toGrpcError(err);
          const method = call.getPath();
          if (isDomainError(err) && err.kind !== 'internal') {
            logger.info({ method, code: err.code, grpcStatus: grpcError.code }, 'gRPC call rejected');
          } else {
            logger.error({ method, err, grpcStatus: grpcError.code }, 'gRPC call failed');
          }
          callback(grpcError, null);
        },
      );
  };
}
