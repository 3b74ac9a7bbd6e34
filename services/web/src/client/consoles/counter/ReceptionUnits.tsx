// Decree 118/2025 Art 14(2): for a procedure on the province's boundary-free list, the counter chooses
// which center decides and where the result is returned (default: this center). For any other procedure
// it offers no choice: what intake would refuse (`intake.boundary-free-only`) cannot be asked.
import { dayOf } from '@motcua/organisation';
import type { Procedure } from '../../core/catalogue.js';
import { formatDate } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { boundaryFreeListing, centersOfProvince, provinceOf } from '../../core/legal-basis.js';
import { unitName } from '../../core/names.js';
import { organisation } from '../../core/organisation.js';
import { SelectField } from '../../core/ui.js';
import { words } from './i18n.js';

export interface UnitsChoice {
  competentCenterId: string;
  returnCenterId: string;
}

export function ReceptionUnits(props: {
  procedure: Procedure;
  centerId: string;
  value: UnitsChoice;
  onChange: (next: UnitsChoice) => void;
}) {
  const t = useT(words);
  const lang = useLang();
  const org = organisation();
  const day = dayOf(new Date());
  const province = provinceOf(org, props.centerId, day);
  const listing = boundaryFreeListing(props.procedure.boundaryFree, province, day);
  if (!listing || !province) {
    return (
      <p class="muted" data-testid="reception-units">
        {t('unitsHereOnly')}
      </p>
    );
  }
  const centers = centersOfProvince(org, province, day);
  const options = centers.map((c) => ({
    value: c.centerId,
    label: c.centerId === props.centerId ? t('thisCenter', { name: c.name }) : c.name,
  }));
  const doubt = (props.procedure.unverified ?? []).find((u) => /boundary-free/i.test(u));
  return (
    <fieldset data-testid="reception-units">
      <legend>{t('unitsSection')}</legend>
      <p class="alert alert-ok" data-testid="boundary-free-basis">
        {t('boundaryFreeBasis', {
          province: unitName(province),
          from: formatDate(`${listing.validFrom}T00:00:00+07:00`, lang),
        })}
        {doubt ? ` ${t('boundaryFreeUnverified')}` : ''}
      </p>
      <div class="grid">
        <SelectField
          label={t('competentCenter')}
          name="competentCenterId"
          value={props.value.competentCenterId}
          onChange={(e) => props.onChange({ ...props.value, competentCenterId: e.currentTarget.value })}
          options={options}
        />
        <SelectField
          label={t('returnCenter')}
          name="returnCenterId"
          value={props.value.returnCenterId}
          onChange={(e) => props.onChange({ ...props.value, returnCenterId: e.currentTarget.value })}
          options={options}
        />
      </div>
    </fieldset>
  );
}
