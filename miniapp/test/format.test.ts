import { formatDateTime } from '../src/utils/date';
import { dueText, isFinal, maskPhone, statusLabel, statusMark, truncate } from '../src/utils/format';

describe('status labels', () => {
  it('when a status is known, then its Chinese label is shown', () => {
    expect(statusLabel('dispatched')).toBe('已派单');
    expect(statusLabel('closed')).toBe('已办结');
  });

  it('when a newer BFF sends a status this build does not know, then it shows as it came', () => {
    expect(statusLabel('escalated' as never)).toBe('escalated');
  });

  it('when statuses are marked, then finished, stopped and moving ones differ by shape, not only colour', () => {
    expect(['replied', 'closed', 'rated'].map((s) => statusMark(s as never))).toEqual(['✓', '✓', '✓']);
    expect(['withdrawn', 'rejected'].map((s) => statusMark(s as never))).toEqual(['✕', '✕']);
    expect(statusMark('submitted')).toBe('●');
  });

  it('when a case is closed, withdrawn, rated or rejected, then it is final', () => {
    expect(['closed', 'rated', 'withdrawn', 'rejected'].every((s) => isFinal(s as never))).toBe(true);
    expect(isFinal('replied')).toBe(false);
  });
});

describe('masking', () => {
  it('when a mobile number is masked, then the middle four digits are hidden', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('when a landline is masked, then the area code and last four digits stay', () => {
    expect(maskPhone('0395-1234567')).toBe('0395-***4567');
  });

  it('when the number is already masked, then it is left alone', () => {
    expect(maskPhone('138****8000')).toBe('138****8000');
  });
});

describe('truncation', () => {
  it('when text is longer than the limit, then it is cut by characters with an ellipsis', () => {
    expect(truncate('沙澧河边步道的路灯坏了', 5)).toBe('沙澧河边…');
  });

  it('when an emoji sits at the cut, then it is not split in half', () => {
    expect(truncate('路灯👍🏮坏了', 3)).toBe('路灯…');
    expect(truncate('👍👍👍', 3)).toBe('👍👍👍');
  });
});

describe('dates', () => {
  it('when a time is formatted, then it reads year-month-day hour:minute in the device zone', () => {
    const at = new Date(2026, 10, 27, 16, 5).toISOString();
    expect(formatDateTime(at)).toBe('2026-11-27 16:05');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('when a deadline has passed, then the text says so in words', () => {
    const at = new Date(2026, 10, 30, 17, 0).toISOString();
    expect(dueText(at, false)).toBe('2026-11-30 17:00 前办结');
    expect(dueText(at, true)).toBe('2026-11-30 17:00 前办结（已超期）');
  });
});
