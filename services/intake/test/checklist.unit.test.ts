import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../src/domain/checklist.js';

const required = [
  { name: 'Giấy đề nghị đăng ký hộ kinh doanh', conditional: '' },
  { name: 'Bản sao giấy tờ pháp lý của chủ hộ', conditional: '' },
  { name: 'Bản sao hợp đồng thuê địa điểm', conditional: 'khi thuê địa điểm' },
];

describe('the completeness checklist against the catalogue', () => {
  it('marks a required document provided when a received document bears its name, whatever the accents and case', () => {
    const list = buildChecklist(required, [
      { name: 'giay de nghi dang ky ho kinh doanh', original: true, count: 1 },
    ]);
    expect(list).toEqual([
      { documentName: 'Giấy đề nghị đăng ký hộ kinh doanh', required: true, provided: true },
      { documentName: 'Bản sao giấy tờ pháp lý của chủ hộ', required: true, provided: false },
      { documentName: 'Bản sao hợp đồng thuê địa điểm', required: false, provided: false },
    ]);
  });

  it("takes the officer's ticks over the document names, and keeps the officer's extra lines", () => {
    const list = buildChecklist(
      required,
      [],
      [
        { documentName: 'Bản sao giấy tờ pháp lý của chủ hộ', required: true, provided: true },
        { documentName: 'Giấy ủy quyền', required: false, provided: true },
      ],
    );
    expect(list.find((l) => l.documentName.startsWith('Bản sao giấy tờ'))?.provided).toBe(true);
    expect(list.at(-1)).toEqual({ documentName: 'Giấy ủy quyền', required: false, provided: true });
  });
});
