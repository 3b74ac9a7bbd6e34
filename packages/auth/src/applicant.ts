/**
 * The applicant's identity in their token and in every service's own-dossier check: their ID number
 * when the receipt named one (all their dossiers), else this dossier alone.
 */
export function applicantIdOf(applicant: { idNumber?: string } | undefined, dossierId: string): string {
  return applicant?.idNumber ? `applicant:${applicant.idNumber}` : `applicant:dossier:${dossierId}`;
}

/** The ID number inside an applicant identity; '' when it stands for one dossier only. */
export function idNumberOfApplicant(applicantId: string): string {
  if (applicantId.startsWith('applicant:dossier:') || !applicantId.startsWith('applicant:')) return '';
  return applicantId.slice('applicant:'.length);
}
