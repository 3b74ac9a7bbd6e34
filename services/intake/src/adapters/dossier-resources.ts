import type { IntakeApp } from '../app/intake-app.js';

/**
 * What a dossier's authorization is checked against (auth bindings' `lookup` kinds): it belongs to
 * the center that received it, the one that decides it and the one that returns it; the return
 * itself only to the last (Decree 118/2025 Art 14(2), ADR 0018).
 */
export function dossierResources(app: IntakeApp) {
  return {
    dossier: async (id: string) => {
      const dossier = await app.find(id);
      return {
        centerId: dossier.centerId,
        centerIds: [dossier.competentCenterId, dossier.returnCenterId],
        applicantId: dossier.applicantId,
      };
    },
    'dossier-return': async (id: string) => {
      const dossier = await app.find(id);
      return { centerId: dossier.returnCenterId, applicantId: dossier.applicantId };
    },
  };
}
