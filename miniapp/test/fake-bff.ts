import type { CaseDetail, CaseSummary, Category } from '@hotline/shared-types';
import type { FakeBff, FakeResponse, RecordedRequest } from './weapp-shim';

/** The BFF origin the development weapp build talks to (miniapp/.env.development). */
export const API = 'http://127.0.0.1:3000/api/v1';
export const LOGIN_URL = `${API}/auth/wechat-login`;
export const CASES_URL = `${API}/cases`;
export const CATEGORIES_URL = `${API}/categories`;
export const UPLOAD_URL = `${API}/uploads/photos`;
export const SUGGEST_URL = `${API}/catalog/suggest`;
export const SUBSCRIPTIONS_URL = `${API}/notifications/subscriptions`;
export const TEMPLATES_URL = `${API}/notifications/templates`;

/** The subscription templates the BFF names (GET /notifications/templates). */
export const TEMPLATES = [
  { purpose: 'accepted', label: '受理通知', templateId: 'tmpl-accepted' },
  { purpose: 'result', label: '办理结果通知', templateId: 'tmpl-result' },
  { purpose: 'survey', label: '满意度评价提醒', templateId: 'tmpl-survey' },
] as const;

/** Ids the fake hands out for uploaded photos, in order. */
export const PHOTO_IDS = ['01JDQ40000000000000000PH01', '01JDQ40000000000000000PH02', '01JDQ40000000000000000PH03'];

export const CASE_ID = '01JDQ3ZB7Y6R2WJ4M6V1E8T9KX';

/** A few of the city's categories, in the order the BFF lists them: disclosure areas first. */
export const CATEGORIES: Category[] = [
  { code: 'A01', name: '城乡规划', aliases: ['国土空间规划'], kind: 'disclosure_area' },
  { code: 'A11', name: '环境保护', aliases: ['生态环境'], kind: 'disclosure_area' },
  { code: 'C01', name: '交通出行', aliases: [], kind: 'city_category' },
  { code: 'C04', name: '市容环卫', aliases: [], kind: 'city_category' },
];

/** A case as GET /cases/:id answers it a few days in: forwarded, accepted and dispatched, and overdue. */
export function recordedCase(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: CASE_ID,
    type: 'complaint',
    category: 'C04',
    categoryName: '市容环卫',
    status: 'dispatched',
    title: '沙澧河边步道的路灯坏了好几盏',
    content: '沙澧河边步道的路灯坏了好几盏，晚上散步很不安全',
    ticketNo: 'LH20261127000123',
    dueAt: '2026-11-30T09:00:00.000Z',
    overdue: true,
    createdAt: '2026-11-27T08:00:00.000Z',
    updatedAt: '2026-11-28T02:30:00.000Z',
    location: {
      address: '沙澧河风景区西段',
      latitude: null,
      longitude: null,
      regionCode: '411102',
      regionName: '源汇区',
    },
    photos: [],
    contact: { name: '张*', phone: '138****8000' },
    anonymous: false,
    confidential: false,
    handlingUnit: '源汇区城市管理局',
    flags: { supervised: false, urged: false, heldForReview: false },
    replies: [],
    // Newest first on purpose: the page must order them itself.
    timeline: [
      {
        id: 'e4',
        at: '2026-11-28T02:30:00.000Z',
        source: 'hotline',
        kind: 'dispatch',
        label: '已派单',
        fromStatus: 'accepted',
        toStatus: 'dispatched',
        unit: '源汇区城市管理局',
        note: '请尽快修复',
      },
      {
        id: 'e3',
        at: '2026-11-27T09:00:00.000Z',
        source: 'hotline',
        kind: 'accept',
        label: '12345已受理',
        fromStatus: 'forwarded',
        toStatus: 'accepted',
        unit: null,
        note: null,
      },
      {
        id: 'e2',
        at: '2026-11-27T08:00:05.000Z',
        source: 'system',
        kind: 'forward',
        label: '已转交12345',
        fromStatus: 'submitted',
        toStatus: 'forwarded',
        unit: null,
        note: null,
      },
      {
        id: 'e1',
        at: '2026-11-27T08:00:00.000Z',
        source: 'citizen',
        kind: 'submit',
        label: '已提交',
        fromStatus: null,
        toStatus: 'submitted',
        unit: null,
        note: null,
      },
    ],
    canWithdraw: false,
    ...overrides,
  };
}

/** The same case just submitted: only its first timeline entry, and still withdrawable. */
export function submittedCase(overrides: Partial<CaseDetail> = {}): CaseDetail {
  const submitted = recordedCase().timeline.find((entry) => entry.kind === 'submit');
  return recordedCase({
    status: 'submitted',
    ticketNo: null,
    overdue: false,
    handlingUnit: null,
    timeline: submitted ? [submitted] : [],
    canWithdraw: true,
    ...overrides,
  });
}

/** What POST /cases answers for a new case built from the request body. */
function createdCase(body: { type: CaseDetail['type']; category: string; content: string }): CaseDetail {
  return submittedCase({
    type: body.type,
    category: body.category,
    title: body.content.slice(0, 20),
    content: body.content,
  });
}

/** The list row of a case: the summary fields only. */
function summaryOf(detail: CaseDetail): CaseSummary {
  const { id, type, category, status, title, content, ticketNo, dueAt, overdue, createdAt, updatedAt } = detail;
  return { id, type, category, status, title, content, ticketNo, dueAt, overdue, createdAt, updatedAt };
}

const notFound: FakeResponse = {
  statusCode: 404,
  data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId: 'r' } },
};

export const errorAnswer = (statusCode: number, code: string, message: string, fields?: unknown[]): FakeResponse => ({
  statusCode,
  data: { error: { code, message, ...(fields ? { details: { fields } } : {}), requestId: 'req-1' } },
});

/**
 * Answers like the BFF: a session for any login code, the categories, a created case per new Idempotency-Key
 * (201) and the same case again for a key it has seen (200), one stored case to list, read and withdraw.
 */
export function fakeBff(stored: CaseDetail = recordedCase()): FakeBff {
  const byKey = new Map<string, CaseDetail>();
  let current = stored;
  let uploads = 0;
  return (request: RecordedRequest) => {
    if (request.url === UPLOAD_URL && request.method === 'POST') {
      const id = PHOTO_IDS[uploads % PHOTO_IDS.length] ?? '';
      uploads += 1;
      const photo = { id, mime: 'image/jpeg', bytes: 1000, width: 800, height: 600, url: `/api/v1/photos/${id}` };
      return { statusCode: 201, data: photo };
    }
    if (request.url.startsWith(`${API}/photos/`) && request.method === 'GET') return { statusCode: 200, data: '' };
    if (request.url === SUGGEST_URL) return { statusCode: 200, data: { items: [], sample: true } };
    if (request.url === TEMPLATES_URL) return { statusCode: 200, data: { templates: TEMPLATES } };
    if (request.url === SUBSCRIPTIONS_URL && request.method === 'POST') {
      const { caseId } = request.data as { caseId?: string };
      const grants = TEMPLATES.map((template) => ({ ...template, available: 1 }));
      return { statusCode: 200, data: { caseId: caseId ?? null, grants } };
    }
    if (request.url === LOGIN_URL) {
      return {
        statusCode: 200,
        data: { token: 'token-from-bff', expiresAt: '2099-01-01T00:00:00.000Z', citizen: { id: 'citizen-1' } },
      };
    }
    if (request.url === CATEGORIES_URL) return { statusCode: 200, data: { items: CATEGORIES } };
    if (request.url === CASES_URL && request.method === 'POST') {
      const key = request.header['Idempotency-Key'] ?? '';
      const replayed = byKey.get(key);
      if (replayed) return { statusCode: 200, data: replayed };
      const created = createdCase(request.data as Parameters<typeof createdCase>[0]);
      byKey.set(key, created);
      return { statusCode: 201, data: created };
    }
    if (request.url === `${CASES_URL}/${current.id}` && request.method === 'GET') {
      return { statusCode: 200, data: current };
    }
    if (request.url.startsWith(`${CASES_URL}?`) && request.method === 'GET') {
      const statuses = new URL(request.url).searchParams.get('status')?.split(',');
      const items = statuses && !statuses.includes(current.status) ? [] : [summaryOf(current)];
      return { statusCode: 200, data: { items, nextCursor: null } };
    }
    if (request.url.startsWith(`${CASES_URL}/`) && request.method === 'GET') {
      return errorAnswer(404, 'NOT_FOUND', '找不到相关内容');
    }
    if (request.url === `${CASES_URL}/${current.id}/withdraw` && request.method === 'POST') {
      if (!current.canWithdraw) return errorAnswer(409, 'INVALID_TRANSITION', '诉求已受理，不能撤回');
      const at = '2026-11-27T08:10:00.000Z';
      current = {
        ...current,
        status: 'withdrawn',
        canWithdraw: false,
        timeline: [
          ...current.timeline,
          {
            id: 'e-withdraw',
            at,
            source: 'citizen',
            kind: 'withdraw',
            label: '已撤回',
            fromStatus: current.status,
            toStatus: 'withdrawn',
            unit: null,
            note: null,
          },
        ],
      };
      return { statusCode: 200, data: current };
    }
    return notFound;
  };
}
