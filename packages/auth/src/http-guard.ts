import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Principal, permissionDenied, unauthenticated } from './authorize.js';
import { type Binding, HTTP_BINDINGS, httpBindingKey } from './bindings.js';
import { checkEarly, checkLookup, checkResult, type ResourceLoaders } from './guard.js';
import { isPublic } from './matrix.js';
import { bearerToken, type Tokens } from './tokens.js';

export interface HttpGuardOptions {
  service: string;
  tokens: Pick<Tokens, 'verify'>;
  loaders?: ResourceLoaders;
  /** Defaults to HTTP_BINDINGS. */
  bindings?: Readonly<Record<string, Binding>>;
  logger: { warn(obj: object, msg?: string): void };
}

interface Guarded {
  binding: Binding;
  actor: Principal;
  resultChecked?: boolean;
}

const guarded = new WeakMap<FastifyRequest, Guarded>();

/** The verified actor of a request that passed the guard; undefined on public routes. */
export function requestActor(request: FastifyRequest): Principal | undefined {
  return guarded.get(request)?.actor;
}

/**
 * Guards every route registered in `scope` after this call: the bearer token is verified on
 * `onRequest` (before the body is even read), the matrix checked as early as the binding allows,
 * and reads bound to their `result` checked before the answer is sent.
 */
export function installHttpGuard(scope: FastifyInstance, options: HttpGuardOptions): void {
  const bindings = options.bindings ?? HTTP_BINDINGS;
  const bindingOf = (method: string, url: string) => bindings[httpBindingKey(options.service, method, url)];

  scope.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const binding = bindingOf(method, route.url);
      if (!binding) {
        options.logger.warn(
          { route: httpBindingKey(options.service, method, route.url) },
          'route missing from the permission bindings (packages/auth/src/bindings.ts): every call is refused',
        );
      } else if (binding.resource?.from === 'lookup' && !options.loaders?.[binding.resource.kind]) {
        options.logger.warn({ route: route.url, kind: binding.resource.kind }, 'no resource loader');
      }
    }
  });

  scope.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url ?? '';
    const binding = bindingOf(request.method, url);
    if (!binding) throw permissionDenied('auth.unbound-route', { route: `${request.method} ${url}` });
    if (isPublic(binding.action)) return;
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthenticated('missing-token');
    const actor = await options.tokens.verify(token);
    guarded.set(request, { binding, actor });
    checkEarly(binding, actor, request.params);
  });

  scope.addHook('preHandler', async (request) => {
    const g = guarded.get(request);
    if (g) await checkLookup(g.binding, g.actor, request.params, options.loaders);
  });

  scope.addHook('preSerialization', async (request, reply, payload) => {
    const g = guarded.get(request);
    if (g && reply.statusCode < 400) {
      checkResult(g.binding, g.actor, payload);
      g.resultChecked = true;
    }
    return payload;
  });

  // preSerialization skips strings and buffers: a result-bound answer that went unchecked is refused.
  scope.addHook('onSend', async (request, reply, payload) => {
    const g = guarded.get(request);
    if (g?.binding.resource?.from === 'result' && reply.statusCode < 400 && !g.resultChecked) {
      throw permissionDenied('auth.unchecked-result', { action: g.binding.action });
    }
    return payload;
  });
}
