import { describe, expect, it } from 'vitest';
import { type SuccessionView, takenOver } from '../src/client/consoles/board/board-api.js';

const view: SuccessionView = {
  centers: [
    {
      centerId: 'quang-dien',
      name: 'Quảng Điền',
      validFrom: '2018-01-01',
      validTo: '2025-06-30',
      predecessorIds: [],
      successorIds: ['quang-dien-pasc'],
    },
    {
      centerId: 'quang-dien-pasc',
      name: 'Xã Quảng Điền',
      validFrom: '2025-07-01',
      predecessorIds: ['quang-dien'],
      successorIds: [],
    },
    {
      centerId: 'hue-pasc',
      name: 'Thành phố Huế',
      validFrom: '2025-07-01',
      predecessorIds: [],
      successorIds: [],
    },
  ],
  reportDefinitions: [],
};

describe("the board's mapping view", () => {
  it('lists each old center that ended in the period with the names of the centers that took it over', () => {
    expect(takenOver(view).map((c) => [c.centerId, c.validTo, c.successors])).toEqual([
      ['quang-dien', '2025-06-30', ['Xã Quảng Điền']],
    ]);
  });
});
