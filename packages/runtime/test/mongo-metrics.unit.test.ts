import { describe, expect, it } from 'vitest';
import { commandTarget } from '../src/mongo-metrics.js';

describe('the collection a MongoDB command works on', () => {
  it('is the value of the command’s first field for collection commands', () => {
    expect(commandTarget('find', { find: 'timelines', filter: {} })).toBe('timelines');
    expect(commandTarget('findAndModify', { findAndModify: 'outbox_leases' })).toBe('outbox_leases');
  });

  it('is the cursor’s collection for getMore', () => {
    expect(commandTarget('getMore', { getMore: 42n, collection: 'events' })).toBe('events');
  });

  it('is a dash for database-wide commands and malformed names', () => {
    expect(commandTarget('ping', { ping: 1 })).toBe('-');
    expect(commandTarget('find', { find: 7 })).toBe('-');
  });
});
