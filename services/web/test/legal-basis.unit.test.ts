import { createDirectory, ORGANISATIONS } from '@motcua/organisation';
import { rulebookById } from '@motcua/rulebook';
import { describe, expect, it } from 'vitest';
import {
  boundaryFreeListing,
  centersOfProvince,
  formCitation,
  mayStopOnRequest,
  provinceOf,
  rulebookAtCheck,
  rulebookOf,
  statusBasis,
} from '../src/client/core/legal-basis.js';

const d61 = rulebookById('decree-61-2018');
const c03 = rulebookById('decree-118-2025-circular-03');

describe('the legal basis the consoles cite', () => {
  it('cites a form by its number and the circular of the dossier’s rulebook', () => {
    expect(formCitation(d61, 'receipt')).toBe('Mẫu số 01 (Thông tư 01/2018/TT-VPCP)');
    expect(formCitation(c03, 'receipt')).toBe('Mẫu số 01 (Thông tư 03/2025/TT-VPCP)');
    expect(formCitation(d61, 'controlSheet')).toBe('Mẫu số 05 (Thông tư 01/2018/TT-VPCP)');
    expect(formCitation(c03, 'controlSheet')).toBe('Mẫu số 06 (Thông tư 03/2025/TT-VPCP)');
  });

  it('cites a form without a model number by its name and the legal text that requires it', () => {
    const interim = rulebookById('decree-118-2025-before-circular-03');
    expect(formCitation(interim, 'stopNotice')).toBe(
      'Thông báo dừng giải quyết hồ sơ (Nghị định 118/2025/NĐ-CP, Điều 21)',
    );
  });

  it('reads a dossier without a rulebook id (a view from before rulebooks) as Decree 61/2018', () => {
    expect(rulebookOf({}).id).toBe('decree-61-2018');
    expect(rulebookOf({ rulebookId: c03.id }).name).toBe(
      'Nghị định 118/2025/NĐ-CP và Thông tư 03/2025/TT-VPCP',
    );
    expect(statusBasis(c03)).not.toBe('');
  });

  it('checks an online submission under the rules of the day it is received, a received dossier under its own', () => {
    const today = new Date('2026-03-02T09:00:00+07:00');
    expect(rulebookAtCheck({ status: 'submitted', rulebookId: d61.id }, today).id).toBe(
      'decree-118-2025-circular-04',
    );
    expect(rulebookAtCheck({ status: 'received', rulebookId: d61.id }, today).id).toBe(d61.id);
  });

  it('offers the stop on request only under Decree 118/2025 and only before a result', () => {
    expect(mayStopOnRequest(c03, 'processing')).toBe(true);
    expect(mayStopOnRequest(c03, 'awaiting_supplement')).toBe(true);
    expect(mayStopOnRequest(c03, 'completed')).toBe(false);
    expect(mayStopOnRequest(c03, 'stopped')).toBe(false);
    expect(mayStopOnRequest(d61, 'processing')).toBe(false);
  });
});

describe('the boundary-free choice at the counter', () => {
  const hue = createDirectory(ORGANISATIONS.hue!);
  const listed = [{ provinceId: 'hue', validFrom: '2025-07-01' }];

  it('finds the listing of the center’s province on the day, and none before it or elsewhere', () => {
    expect(boundaryFreeListing(listed, 'hue', '2026-03-02')).toEqual(listed[0]);
    expect(boundaryFreeListing(listed, 'hue', '2025-06-30')).toBeUndefined();
    expect(boundaryFreeListing(listed, 'da-nang', '2026-03-02')).toBeUndefined();
    expect(boundaryFreeListing(undefined, 'hue', '2026-03-02')).toBeUndefined();
    expect(
      boundaryFreeListing([{ ...listed[0]!, validTo: '2026-01-01' }], 'hue', '2026-03-02'),
    ).toBeUndefined();
  });

  it('offers the centers of the province in force that day', () => {
    const centers = centersOfProvince(hue, 'hue', '2026-03-02');
    expect(centers.length).toBeGreaterThan(1);
    for (const c of centers) expect(provinceOf(hue, c.centerId, '2026-03-02')).toBe('hue');
  });
});
