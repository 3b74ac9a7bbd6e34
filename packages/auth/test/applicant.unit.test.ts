import { describe, expect, it } from 'vitest';
import { applicantIdOf, idNumberOfApplicant } from '../src/applicant.js';

describe("an applicant's identity", () => {
  it('stands for all their dossiers when the receipt named an ID number, and gives it back', () => {
    const id = applicantIdOf({ idNumber: '046190001234' }, 'd-1');
    expect(id).toBe('applicant:046190001234');
    expect(idNumberOfApplicant(id)).toBe('046190001234');
  });

  it('stands for one dossier alone without an ID number, and holds none', () => {
    const id = applicantIdOf({}, 'd-1');
    expect(id).toBe('applicant:dossier:d-1');
    expect(idNumberOfApplicant(id)).toBe('');
  });
});
