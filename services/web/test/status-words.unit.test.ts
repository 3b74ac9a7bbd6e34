import { describe, expect, it } from 'vitest';
import {
  dossierStatus,
  heldByText,
  nationalCode,
  statusText,
  taskStatusText,
} from '../src/client/core/status-words.js';

describe("a dossier's one status, as the national portal names it", () => {
  it('says "being processed" once routing runs it, without the reception status beside it', () => {
    const status = dossierStatus({ status: 'received', process: { status: 'processing' } });
    expect(status).toBe('processing');
    expect(nationalCode(status)).toBe(4);
    expect(statusText(status, 'vi')).toBe('Đang xử lý');
  });

  it('says "received" until routing has recorded the processing', () => {
    expect(dossierStatus({ status: 'received', process: null })).toBe('received');
  });

  it("takes routing's waits and ends during processing, intake's before and after", () => {
    expect(dossierStatus({ status: 'received', process: { status: 'awaiting_supplement' } })).toBe(
      'awaiting_supplement',
    );
    expect(dossierStatus({ status: 'received', process: { status: 'completed' } })).toBe('result_ready');
    expect(dossierStatus({ status: 'received', process: { status: 'closed' } })).toBe('withdrawn');
    expect(dossierStatus({ status: 'returned', process: { status: 'completed' } })).toBe('returned');
    expect(dossierStatus({ status: 'refused' })).toBe('refused_at_intake');
    expect(nationalCode('returned')).toBe(10);
  });

  it('shows an unknown status as it came rather than hiding it', () => {
    expect(statusText('teleported', 'en')).toBe('teleported');
  });
});

describe("a task's status", () => {
  it('is "being processed" once an officer claimed or was assigned it, "waiting" before', () => {
    expect(taskStatusText({ status: 'queued', assignee: 'officer.tp.hue' }, 'vi')).toBe('Đang xử lý');
    expect(taskStatusText({ status: 'queued' }, 'vi')).toBe('Chờ phân công xử lý');
    expect(taskStatusText({ status: 'completed' }, 'en')).toBe('Completed and handed over');
  });
});

describe('who holds the dossier', () => {
  it('names every department holding it once, and nothing when none does', () => {
    const held = [{ departmentName: 'Công an' }, { departmentName: 'BHXH' }, { departmentName: 'Công an' }];
    expect(heldByText(held, 'vi')).toBe('Đang xử lý tại: Công an, BHXH');
    expect(heldByText([], 'vi')).toBe('');
  });
});
