import { describe, expect, it } from 'vitest';
import { orderedStop, perDocumentErrors } from '../src/insert-outcome.js';

const duplicate = (index: number) => ({ index, code: 11000, errmsg: 'E11000 duplicate key' });

describe('perDocumentErrors', () => {
  it('lists the refused documents when the answer accounts for every document', () => {
    const err = { writeErrors: [duplicate(1), duplicate(3)], insertedCount: 2 };
    expect(perDocumentErrors(err, 4)).toEqual([duplicate(1), duplicate(3)]);
  });

  it('takes a single write error the driver did not wrap in a list', () => {
    expect(perDocumentErrors({ writeErrors: duplicate(0), insertedCount: 1 }, 2)).toEqual([duplicate(0)]);
  });

  it('proves nothing when the command failed as a whole: no document listed, nothing inserted', () => {
    expect(perDocumentErrors({ writeErrors: [], insertedCount: 0 }, 3)).toBeUndefined();
  });

  it('proves nothing when the listed and the inserted documents do not add up to the batch', () => {
    expect(perDocumentErrors({ writeErrors: [duplicate(0)], insertedCount: 1 }, 3)).toBeUndefined();
  });

  it('proves nothing for an error that is no insert outcome at all', () => {
    expect(perDocumentErrors(new Error('connection reset'), 2)).toBeUndefined();
    expect(perDocumentErrors({ writeErrors: [{ code: 11000 }], insertedCount: 0 }, 1)).toBeUndefined();
  });
});

describe('orderedStop', () => {
  it('finds the document an ordered insert stopped at, every one before it written', () => {
    expect(orderedStop({ writeErrors: [duplicate(2)], insertedCount: 2 }, 5)).toEqual(duplicate(2));
    expect(orderedStop({ writeErrors: duplicate(4), insertedCount: 4 }, 5)).toEqual(duplicate(4));
  });

  it('knows nothing when the command failed as a whole', () => {
    expect(orderedStop({ writeErrors: [], insertedCount: 0 }, 3)).toBeUndefined();
    expect(orderedStop(new Error('connection reset'), 3)).toBeUndefined();
  });

  it('knows nothing when the answer does not add up', () => {
    expect(orderedStop({ writeErrors: [duplicate(2)], insertedCount: 1 }, 5)).toBeUndefined();
    expect(orderedStop({ writeErrors: [duplicate(1), duplicate(2)], insertedCount: 1 }, 5)).toBeUndefined();
    expect(orderedStop({ writeErrors: [duplicate(5)], insertedCount: 5 }, 5)).toBeUndefined();
  });
});
