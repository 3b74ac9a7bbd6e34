/**
 * Upcasters turn an old payload version into the next one, on the JSON form, so the event log is never
 * rewritten and consumers only ever handle the current version. Chains run v1 → v2 → … → current.
 */
import { DomainError } from './errors.js';
import type { JsonObject } from './shape.js';

/** Maps the payload of version n to version n + 1. Must be pure. */
export type Upcaster = (payload: JsonObject) => JsonObject;

export type UpcastResult =
  | { ok: true; version: number; payload: JsonObject }
  | { ok: false; error: DomainError };

const poison = (reason: string, details: Record<string, unknown>, cause?: unknown): UpcastResult => ({
  ok: false,
  error: new DomainError('POISON_MESSAGE', { details: { reason, ...details }, cause }),
});

export class UpcasterRegistry<T extends string = string> {
  readonly #current: Readonly<Record<T, number>>;
  readonly #steps = new Map<string, Upcaster>();

  /** `currentVersions`: the version each type is upcast to. */
  constructor(currentVersions: Readonly<Record<T, number>>) {
    this.#current = currentVersions;
  }

  currentVersion(type: T): number {
    return this.#current[type];
  }

  /** Registers the step fromVersion → fromVersion + 1. */
  register(type: T, fromVersion: number, upcaster: Upcaster): this {
    const current = this.#current[type];
    if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion >= current) {
      throw new RangeError(`${type}: no step from v${fromVersion} when the current version is v${current}`);
    }
    const key = `${type}@${fromVersion}`;
    if (this.#steps.has(key)) throw new Error(`${type}: upcaster from v${fromVersion} already registered`);
    this.#steps.set(key, upcaster);
    return this;
  }

  upcast(type: T, version: number, payload: JsonObject): UpcastResult {
    const current = this.#current[type] as number | undefined;
    if (current === undefined) return poison('UNKNOWN_EVENT_TYPE', { type });
    if (!Number.isInteger(version) || version < 1 || version > current) {
      return poison('UNKNOWN_SCHEMA_VERSION', { type, schemaVersion: version, currentVersion: current });
    }
    let out = payload;
    for (let v = version; v < current; v++) {
      const step = this.#steps.get(`${type}@${v}`);
      if (!step) return poison('NO_UPCASTER', { type, fromVersion: v });
      try {
        out = step(out);
      } catch (err) {
        return poison('UPCAST_FAILED', { type, fromVersion: v }, err);
      }
    }
    return { ok: true, version: current, payload: out };
  }
}
