import type { CreateDisclosureApplication, StaffRole } from '@hotline/shared-types';
import type { TestApp } from './harness';
import { uploadedPhoto } from './photos';
import { staffSignIn } from './staff';

/** A 居民身份证 number whose check character is right (the standard's own example). */
export const RESIDENT_ID = '11010519491231002X';
/** A 统一社会信用代码 whose check character is right. */
export const CREDIT_CODE = '91350100M000100Y43';

export function naturalApplication(idPhotoId: string, extra: Partial<CreateDisclosureApplication> = {}) {
  return {
    applicant: {
      kind: 'natural' as const,
      name: '张三丰',
      idType: 'resident_id' as const,
      idNumber: RESIDENT_ID,
      phone: '13812345678',
      address: '漯河市源汇区人民路1号',
    },
    idPhotoId,
    description: '申请公开2025年源汇区老旧小区改造项目的资金安排文件',
    form: 'electronic' as const,
    delivery: 'online' as const,
    ...extra,
  };
}

export function organisationApplication(idPhotoId: string, orgType: string) {
  return {
    applicant: {
      kind: 'organisation' as const,
      orgType,
      name: '漯河市某某律师事务所',
      creditCode: CREDIT_CODE,
      legalRepresentative: '李四',
      contactName: '王五',
      phone: '0395-1234567',
      address: '漯河市郾城区黄河路2号',
    },
    idPhotoId,
    description: '申请公开2025年度本市政府采购项目的中标结果公告文件',
    form: 'paper' as const,
    delivery: 'post' as const,
  };
}

/** A citizen's application as submitted; returns its id. */
export async function submitApplication(t: TestApp, auth: string, body?: object): Promise<string> {
  const photo = await uploadedPhoto(t, auth);
  const res = await t.http
    .post('/api/v1/disclosure-applications')
    .set('Authorization', auth)
    .send(body ?? naturalApplication(photo.id));
  if (res.status !== 201) throw new Error(`application refused: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Moves the test clock to a local (UTC+8) time in the city, e.g. '2026-09-23T10:00'. Only forwards. */
export function setLocalTime(t: TestApp, local: string): void {
  const target = Date.parse(`${local}:00+08:00`);
  const now = t.clock.now().getTime();
  if (target < now) throw new Error(`the clock only moves forward: ${local} is before ${t.clock.now().toISOString()}`);
  t.clock.advance(target - now);
}

/** The end of a local day, as the deadline rules express a due date. */
export const endOfLocalDay = (date: string): string => new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();

/**
 * An office action as a freshly signed-in officer (staff sessions are short and the tests move the clock by
 * weeks), on the application's current version.
 */
export async function officeAct(
  t: TestApp,
  id: string,
  action: { action: string } & Record<string, unknown>,
  role: StaffRole = 'disclosure_officer',
) {
  const { auth } = await staffSignIn(t, role);
  const current = await t.http.get(`/api/v1/admin/disclosure-applications/${id}`).set('Authorization', auth);
  const version = (current.body as { version?: number }).version ?? 1;
  return t.http
    .post(`/api/v1/admin/disclosure-applications/${id}/actions`)
    .set('Authorization', auth)
    .send({ ...action, version });
}

/** A file answer (xlsx, docx) as bytes, after checking its status and content type. */
export async function download(t: TestApp, path: string, auth: string, type: RegExp): Promise<Buffer> {
  const res = await t.http
    .get(path)
    .set('Authorization', auth)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${String(res.body)}`);
  expect(res.headers['content-type']).toMatch(type);
  return res.body as Buffer;
}
