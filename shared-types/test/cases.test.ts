import {
  allowedEvents,
  charCount,
  createCaseRequestSchema,
  fieldIssuesOf,
  listCasesQuerySchema,
  nextStatus,
} from '../src';

const base = { type: 'help', category: 'C01', privacyConsent: true, anonymous: true };

describe('charCount', () => {
  test('when text has 4-byte characters, then each counts once', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('𠀀😀')).toBe(2);
    expect(charCount('')).toBe(0);
  });
});

describe('createCaseRequestSchema', () => {
  test('when content is padded with spaces, then it is trimmed before its length is checked', () => {
    const parsed = createCaseRequestSchema.parse({ ...base, content: '   十个字的内容刚刚好吧   ' });
    expect(parsed.content).toBe('十个字的内容刚刚好吧');
    const short = createCaseRequestSchema.safeParse({ ...base, content: '   九个字的内容刚刚好   ' });
    expect(short.success).toBe(false);
  });

  test('when several fields are wrong, then every problem is reported with its path', () => {
    const result = createCaseRequestSchema.safeParse({ type: 'x', content: 1, extra: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(
      fieldIssuesOf(result.error)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['category', 'content', 'extra', 'privacyConsent', 'type']);
  });
});

describe('listCasesQuerySchema', () => {
  test('when limit comes as a query string, then it is coerced and bounded', () => {
    expect(listCasesQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5 });
    expect(listCasesQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(listCasesQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listCasesQuerySchema.safeParse({ limit: 'many' }).success).toBe(false);
  });
});

describe('the case state machine', () => {
  test('when a case is submitted, then it can be forwarded, accepted, rejected (不予受理) or withdrawn, nothing else', () => {
    expect(allowedEvents('submitted')).toEqual(['forward', 'accept', 'reject', 'withdraw']);
  });

  test('when events follow the full lifecycle, then each leads to the documented state', () => {
    const path = [
      ['forward', 'forwarded'],
      ['accept', 'accepted'],
      ['dispatch', 'dispatched'],
      ['sign', 'signed'],
      ['start', 'in_progress'],
      ['extend', 'in_progress'],
      ['reply', 'replied'],
      ['close', 'closed'],
      ['rate', 'rated'],
    ] as const;
    let status: Parameters<typeof nextStatus>[0] = 'submitted';
    for (const [event, expected] of path) {
      const next = nextStatus(status, event);
      expect({ event, next }).toEqual({ event, next: expected });
      status = expected;
    }
  });

  test('when an event does not fit the state, then it is refused', () => {
    expect(nextStatus('closed', 'withdraw')).toBeNull();
    expect(nextStatus('submitted', 'close')).toBeNull();
    expect(nextStatus('withdrawn', 'accept')).toBeNull();
  });

  test('when a unit sends a case back or it is transferred, then it returns to accepted or dispatched', () => {
    expect(nextStatus('signed', 'send_back')).toBe('accepted');
    expect(nextStatus('in_progress', 'transfer')).toBe('dispatched');
  });
});
