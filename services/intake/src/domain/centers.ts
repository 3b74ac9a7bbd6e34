/**
 * Centers this intake serves and their receiving unit identifier codes (Circular 10/2016/TT-BTTTT).
 * The full jurisdiction tree arrives with the lifecycle work; this is the walking skeleton's one center.
 * The code's digits are unverified (domain brief §5) — data, not code, so it can be corrected.
 */
export interface Center {
  centerId: string;
  name: string;
  unitCode: string;
}

export const CENTERS: Readonly<Record<string, Center>> = {
  'hue-city': {
    centerId: 'hue-city',
    name: 'Trung tâm Hành chính công thành phố Huế',
    unitCode: '000.00.31.H57',
  },
};
