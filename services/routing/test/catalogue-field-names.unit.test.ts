import { describe, expect, it } from 'vitest';
import { recentFieldNames } from '../src/adapters/grpc-catalogue-service.js';
import type { ProcedureRepository } from '../src/adapters/procedure-repository.js';

describe('the field names the catalogue answers with', () => {
  const catalogue = (names: string[][]) => {
    let reads = 0;
    const repo = {
      fields: async () => {
        const [code, name] = names[Math.min(reads++, names.length - 1)]!;
        return [{ fieldCode: code, name }];
      },
    } as unknown as ProcedureRepository;
    return { repo, reads: () => reads };
  };

  it('reads them once for the receptions of a few seconds, then again', async () => {
    let now = 0;
    const { repo, reads } = catalogue([
      ['HT', 'Hộ tịch'],
      ['HT', 'Hộ tịch (mới)'],
    ]);
    const names = recentFieldNames(repo, 10_000, () => now);
    expect((await names()).get('HT')).toBe('Hộ tịch');
    now = 9_999;
    expect((await names()).get('HT')).toBe('Hộ tịch');
    expect(reads()).toBe(1);
    now = 10_000;
    expect((await names()).get('HT')).toBe('Hộ tịch (mới)');
    expect(reads()).toBe(2);
  });

  it('reads them again at once after a failed read', async () => {
    let fail = true;
    const repo = {
      fields: async () => {
        if (fail) throw new Error('database down');
        return [{ fieldCode: 'HT', name: 'Hộ tịch' }];
      },
    } as unknown as ProcedureRepository;
    const names = recentFieldNames(repo, 10_000, () => 0);
    await expect(names()).rejects.toThrow('database down');
    fail = false;
    expect((await names()).get('HT')).toBe('Hộ tịch');
  });
});
