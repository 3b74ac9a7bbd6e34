// What the consumer tests publish and consume: `{eventId, text}` notes, and a logger that says nothing.
import type { Decoded } from '../src/index.js';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export type Note = { eventId: string; text: string };

/** The harness is generic over the decoder; this one accepts `{eventId, text}` and nothing else. */
export const decodeNote = (value: Buffer | null): Decoded<Note> => {
  try {
    const parsed = JSON.parse(value?.toString() ?? '');
    if (typeof parsed?.eventId !== 'string')
      return { ok: false, code: 'POISON_MESSAGE', reason: 'no eventId' };
    return { ok: true, event: parsed };
  } catch {
    return { ok: false, code: 'POISON_MESSAGE', reason: 'not JSON' };
  }
};
