import { describe, expect, it } from 'vitest';
import { e2ePortShift } from '../src/ports.js';

describe('the end-to-end port shift', () => {
  it('is zero when MOTCUA_E2E_PORT_SHIFT is not set', () => {
    expect(e2ePortShift({})).toBe(0);
  });

  it('is the integer MOTCUA_E2E_PORT_SHIFT gives', () => {
    expect(e2ePortShift({ MOTCUA_E2E_PORT_SHIFT: '5000' })).toBe(5000);
  });

  it('refuses a value that is not a whole number of ports', () => {
    expect(() => e2ePortShift({ MOTCUA_E2E_PORT_SHIFT: 'abc' })).toThrow(/MOTCUA_E2E_PORT_SHIFT/);
    expect(() => e2ePortShift({ MOTCUA_E2E_PORT_SHIFT: '-1' })).toThrow(/MOTCUA_E2E_PORT_SHIFT/);
  });
});
