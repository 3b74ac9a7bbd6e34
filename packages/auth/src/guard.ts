// The checks both transports make around a handler, from the route's binding.
import { DomainError } from '@motcua/contracts';
import { authorize, authorizeRole, type Principal, type Resource } from './authorize.js';
import { actorResource, type Binding, inputResource, pickResource } from './bindings.js';

/** Loads what a `lookup` binding checks against, e.g. `dossier` → its center. Registered per service. */
export type ResourceLoaders = Readonly<Record<string, (key: string) => Promise<Resource>>>;

/** Everything decidable before the handler without loading anything; `lookup`/`result` check the role only. */
export function checkEarly(binding: Binding, actor: Principal, input: unknown): void {
  const source = binding.resource;
  if (source?.from === 'lookup' || source?.from === 'result' || source?.from === 'duties') {
    authorizeRole(actor, binding.action);
  } else authorize(actor, binding.action, earlyResource(source, actor, input));
}

function earlyResource(source: Binding['resource'], actor: Principal, input: unknown): Resource {
  if (source?.from === 'actor') return actorResource(actor);
  if (source?.from === 'input') return inputResource(source.fields, input);
  return {};
}

/** For `lookup` bindings: loads the resource (a missing one answers the loader's NOT_FOUND) and checks it. */
export async function checkLookup(
  binding: Binding,
  actor: Principal,
  input: unknown,
  loaders: ResourceLoaders | undefined,
): Promise<void> {
  const source = binding.resource;
  if (source?.from !== 'lookup') return;
  const load = loaders?.[source.kind];
  if (!load) {
    throw new DomainError('INTERNAL', { details: { reason: `no resource loader for "${source.kind}"` } });
  }
  const key = (input as Record<string, unknown> | undefined)?.[source.key];
  if (typeof key !== 'string') throw new DomainError('INVALID_INPUT', { details: { field: source.key } });
  authorize(actor, binding.action, await load(key));
}

/** For `result` bindings: the answer is checked before it leaves. */
export function checkResult(binding: Binding, actor: Principal, result: unknown): void {
  const source = binding.resource;
  if (source?.from !== 'result') return;
  authorize(actor, binding.action, (source.pick ?? pickResource)(result));
}
