import { DomainError, decodePayload, isEventType } from '@motcua/contracts';
import type { NewEvent } from '@motcua/eventstore';

/** The write-side check: an event must match its type's current schema before it is stored. */
export function validateNewEvent(event: NewEvent): void {
  if (!isEventType(event.type)) {
    throw new DomainError('INVALID_EVENT', { details: { type: event.type, reason: 'UNKNOWN_EVENT_TYPE' } });
  }
  const decoded = decodePayload(event.type, event.schemaVersion, event.payload);
  if (!decoded.ok) {
    throw new DomainError('INVALID_EVENT', { details: { type: event.type, ...decoded.error.details } });
  }
}
