import { describe, expect, it } from 'vitest';
import { commandShape, commandTarget } from '../src/mongo-metrics.js';

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

describe('the shape of a slow MongoDB command', () => {
  it('names the fields a find filtered and sorted on, never their values', () => {
    const shape = commandShape('find', {
      find: 'timers',
      filter: { status: 'pending', phone: '0905123456' },
      sort: { dueAt: 1 },
      limit: 500,
    });
    expect(shape).toBe('find timers, filter {status,phone}, sort {dueAt}, limit 500');
    expect(shape).not.toContain('0905123456');
  });

  it('shows the first statement of an update and how many the batch held', () => {
    const shape = commandShape('update', {
      update: 'streams',
      updates: [
        { q: { _id: 's-1', version: 3 }, u: {} },
        { q: { _id: 's-2' }, u: {} },
      ],
    });
    expect(shape).toBe('update streams, filter {_id,version}, 2 updates');
  });

  it('lists the stages of an aggregation', () => {
    expect(
      commandShape('aggregate', { aggregate: 'outbox', pipeline: [{ $match: {} }, { $group: {} }] }),
    ).toBe('aggregate outbox, pipeline $match→$group');
  });
});
