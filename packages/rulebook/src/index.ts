export { DECREE_61_2018 } from './data/decree-61-2018.js';
export {
  DECREE_118_BEFORE_CIRCULAR_03,
  DECREE_118_CIRCULAR_03,
  DECREE_118_CIRCULAR_04,
} from './data/decree-118-2025.js';
export { type DossierCodeParts, formatDossierCode } from './dossier-code.js';
export { formBasis, formLabel } from './forms.js';
export {
  LEGACY_RULEBOOK_ID,
  NoRulebookError,
  RULEBOOKS,
  receptionDay,
  rulebookById,
  rulebookFor,
  rulebookIdOf,
  rulebooksBetween,
} from './select.js';
export type * from './types.js';
