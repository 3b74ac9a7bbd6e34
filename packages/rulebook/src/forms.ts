import type { FormKey, Rulebook } from './types.js';

/** How a form is named on screen and paper: `Mẫu 06 – Phiếu … (Thông tư 03/2025/TT-VPCP)`. */
export function formLabel(rulebook: Rulebook, key: FormKey): string {
  const { number, name, circular } = rulebook.forms[key].value;
  const head = number ? `Mẫu ${number} – ${name}` : name;
  return circular ? `${head} (${circular})` : head;
}

/** The legal basis line a console shows beside a form, flagged when the rule is unverified. */
export function formBasis(rulebook: Rulebook, key: FormKey): { text: string; verified: boolean } {
  const rule = rulebook.forms[key];
  return { text: rule.source.text, verified: rule.verified };
}
