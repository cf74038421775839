import JSZip from 'jszip';
import { startTestApp, type TestApp } from './support/harness';
import { download, officeAct, setLocalTime, submitApplication } from './support/disclosure';
import { staffSignIn } from './support/staff';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ clockStart: new Date('2025-12-29T01:00:00Z') });
});
afterEach(async () => t.close());

const DOCX = /wordprocessingml/;

/** The text of a .docx body, paragraphs joined by new lines. */
async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((p) => p !== '')
    .join('\n');
}

async function lettersOf(auth: string, id: string) {
  const res = await t.http.get(`/api/v1/disclosure-applications/${id}`).set('Authorization', auth).expect(200);
  return res.body.letters as { id: string; kind: string; title: string; number: string }[];
}

test('when the office sends 补正, extension and decision letters, then each carries the next number of its year from the city’s prefix and the applicant downloads it as a Word letter', async () => {
  const auth = await t.signIn();
  const id = await submitApplication(t, auth);
  await officeAct(t, id, { action: 'confirm_receipt' });
  setLocalTime(t, '2025-12-30T10:00');
  await officeAct(t, id, { action: 'request_supplement', missing: '请写明所需文件的年份', replyWithinWorkingDays: 10 });
  setLocalTime(t, '2026-01-05T10:00');
  await t.http
    .post(`/api/v1/disclosure-applications/${id}/supplement`)
    .set('Authorization', auth)
    .send({ description: '申请公开2025年源汇区老旧小区改造项目的资金安排文件' })
    .expect(200);
  await officeAct(t, id, { action: 'extend', days: 10, approvedBy: '王主任', reason: '需要调取档案' });
  setLocalTime(t, '2026-01-06T10:00');
  await officeAct(t, id, {
    action: 'decide',
    outcome: 'disclose.full',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
    provided: '已通过在线查看提供《资金安排文件》',
  });
  const letters = await lettersOf(auth, id);
  // The year's numbering starts again on New Year.
  expect(letters.map((l) => [l.kind, l.number])).toEqual([
    ['supplement', '漯政公开〔2025〕1号'],
    ['extension', '漯政公开〔2026〕1号'],
    ['decision', '漯政公开〔2026〕2号'],
  ]);
  const decision = await docxText(await download(t, `/api/v1/disclosure-letters/${letters[2]?.id}`, auth, DOCX));
  expect(decision.split('\n')).toEqual([
    '政府信息公开申请答复告知书',
    '漯政公开〔2026〕2号',
    '张三丰：',
    '本机关于2025年12月29日收到您提出的政府信息公开申请，申请获取：申请公开2025年源汇区老旧小区改造项目的资金安排文件',
    '经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。',
    '依据：《中华人民共和国政府信息公开条例》第三十六条第（二）项。',
    '提供情况：已通过在线查看提供《资金安排文件》',
    '如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。',
    '漯河市人民政府办公室',
    '2026年1月6日',
  ]);
  const supplement = await docxText(await download(t, `/api/v1/disclosure-letters/${letters[0]?.id}`, auth, DOCX));
  expect(supplement).toContain('请对以下事项作出补正：请写明所需文件的年份');
  const extension = await docxText(await download(t, `/api/v1/disclosure-letters/${letters[1]?.id}`, auth, DOCX));
  expect(extension).toContain('答复期限延长10个工作日');
});

test('when another application is decided, then its letter takes the following number; another citizen cannot download it, the office can', async () => {
  const a = await t.signIn();
  const first = await submitApplication(t, a);
  const second = await submitApplication(t, a);
  for (const id of [first, second]) {
    await officeAct(t, id, { action: 'confirm_receipt' });
    await officeAct(t, id, {
      action: 'decide',
      outcome: 'not_handled.repeat',
      legalBasis: '第三十六条第（六）项',
      provided: '不予重复处理',
    });
  }
  const numbers = [...(await lettersOf(a, first)), ...(await lettersOf(a, second))].map((l) => l.number);
  expect(numbers).toEqual(['漯政公开〔2025〕1号', '漯政公开〔2025〕2号']);
  const letterId = (await lettersOf(a, second))[0]?.id as string;
  const b = await t.signIn();
  const hidden = await t.http.get(`/api/v1/disclosure-letters/${letterId}`).set('Authorization', b).expect(404);
  expect(hidden.body.error.code).toBe('NOT_FOUND');
  const { auth } = await staffSignIn(t, 'disclosure_officer');
  const text = await docxText(await download(t, `/api/v1/admin/disclosure-letters/${letterId}`, auth, DOCX));
  expect(text).toContain('本机关不作为政府信息公开申请处理');
});
