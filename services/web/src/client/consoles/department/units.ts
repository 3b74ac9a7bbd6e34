import { organisation } from '../../core/organisation.js';

/** A department's or agency's name as of today (the jurisdiction data is bundled), else its id. */
export function unitName(unitId: string): string {
  const unit = organisation().findUnit(unitId, new Date());
  return unit && 'name' in unit.record ? String(unit.record.name) : unitId;
}
