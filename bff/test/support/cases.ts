import { randomBytes } from 'node:crypto';
import type { CreateCaseInput } from '@hotline/shared-types';
import type { TestApp } from './harness';

export const newKey = (): string => randomBytes(12).toString('base64url');

/** A complete, valid submission; tests override what they are about. */
export function validCase(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    type: 'complaint',
    category: 'C04',
    content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
    location: { address: '漯河市郾城区沙北街道黄河路100号', latitude: 33.58, longitude: 114.02 },
    contact: { name: '张三', phone: '13812345678' },
    privacyConsent: true,
    ...overrides,
  };
}

export function submit(t: TestApp, auth: string, body: object = validCase(), key: string = newKey()) {
  return t.http.post('/api/v1/cases').set('Authorization', auth).set('Idempotency-Key', key).send(body);
}
