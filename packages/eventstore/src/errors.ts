import { DomainError } from '@motcua/contracts';
/** Optimistic concurrency failure: someone else appended first. Callers reload and decide again. */
export class VersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId}: expected version ${expectedVersion}, found ${actualVersion}`);
    this.name = 'VersionConflictError';
  }
}

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

/**
 * A command id that someone else used (another officer, another center, an anonymous caller, or
 * an online submission's retry without its submission secret): refused, and the answer says
 * nothing about what the command did the first time.
 */
export const commandIdConflict = () =>
  new DomainError('COMMAND_ID_CONFLICT', {
    kind: 'conflict',
    messages: {
      vi: 'Mã lệnh (commandId) này đã được dùng cho một thao tác khác; hãy tạo mã lệnh mới',
      en: 'This commandId was already used for another request; generate a new one',
    },
    details: { field: 'commandId' },
  });
