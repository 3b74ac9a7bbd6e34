import type * as grpc from '@grpc/grpc-js';
import { isDomainError } from '@motcua/contracts';
import { type LoggerLike, type ServiceRegistration, toGrpcError } from '@motcua/grpc';
import { type Principal, permissionDenied, unauthenticated } from './authorize.js';
import { type Binding, GRPC_BINDINGS } from './bindings.js';
import { checkEarly, checkLookup, checkResult, type ResourceLoaders } from './guard.js';
import { isPublic } from './matrix.js';
import { bearerToken, type Tokens } from './tokens.js';

export interface GrpcGuardOptions {
  tokens: Pick<Tokens, 'verify'>;
  loaders?: ResourceLoaders;
  /** Defaults to GRPC_BINDINGS. */
  bindings?: Readonly<Record<string, Binding>>;
  logger: LoggerLike;
}

type Call = grpc.ServerUnaryCall<unknown, unknown>;
type Unary = grpc.handleUnaryCall<unknown, unknown>;

const callActors = new WeakMap<object, Principal>();

/** The verified actor of a gRPC call that passed the guard; undefined on public methods. */
export function callActor(call: object): Principal | undefined {
  return callActors.get(call);
}

async function authenticate(call: Call, tokens: GrpcGuardOptions['tokens']): Promise<Principal> {
  const raw = call.metadata.get('authorization')[0];
  const token = bearerToken(raw === undefined ? undefined : raw.toString());
  if (!token) throw unauthenticated('missing-token');
  return tokens.verify(token);
}

function guardUnary(path: string, handler: Unary, options: GrpcGuardOptions): Unary {
  const binding = (options.bindings ?? GRPC_BINDINGS)[path];
  return (call, callback) => {
    const refuse = (err: unknown) => {
      const level = isDomainError(err) && err.kind !== 'internal' ? 'info' : 'error';
      options.logger[level]({ method: path, err }, 'gRPC call refused');
      callback(toGrpcError(err), null);
    };
    if (!binding) return refuse(permissionDenied('auth.unbound-route', { route: path }));
    if (isPublic(binding.action)) return handler(call, callback);
    authenticate(call, options.tokens)
      .then(async (actor) => {
        callActors.set(call, actor);
        checkEarly(binding, actor, call.request);
        await checkLookup(binding, actor, call.request, options.loaders);
        return actor;
      })
      .then((actor) => {
        handler(call, (err, response, ...rest) => {
          if (err) return callback(err, response, ...rest);
          try {
            checkResult(binding, actor, response);
          } catch (denied) {
            return refuse(denied);
          }
          callback(null, response, ...rest);
        });
      }, refuse);
  };
}

/**
 * The same checks as the HTTP guard for a gRPC service: the token comes in the `authorization`
 * metadata. Only unary methods exist today; a streaming one is refused at start.
 */
export function guardGrpcService(
  registration: ServiceRegistration,
  options: GrpcGuardOptions,
): ServiceRegistration {
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(registration.implementation)) {
    const method = registration.definition[name];
    if (!method || method.requestStream || method.responseStream) {
      throw new Error(`gRPC method ${name}: only unary methods can be guarded`);
    }
    if (!(options.bindings ?? GRPC_BINDINGS)[method.path]) {
      options.logger.warn(
        { method: method.path },
        'gRPC method missing from the permission bindings: refused',
      );
    }
    implementation[name] = guardUnary(method.path, handler as Unary, options);
  }
  return { definition: registration.definition, implementation };
}
