import { newKey, submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';

// What a probe sent as names, titles and content: bidi overrides, control and zero-width characters, lone
// surrogates. The shared schemas clean them before anything is stored, and refuse what nothing visible is left of.
describe('text nobody typed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());
  const count = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM cases'))[0].n);

  test('when title and content carry overrides, controls, zero-width characters and lone surrogates, then the stored text is without them, in NFC', async () => {
    const auth = await t.signIn();
    const body = validCase({
      title: '路灯\u202E坏了\u200B',
      content: '小区门口的路灯\u0007已经坏了\uD800一个多月，\u2066晚上出行\u2069很不方便。Cafe\u0301',
    });
    // Sent as JSON text so the lone surrogate arrives as the escape a client would send.
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', newKey())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body))
      .expect(201);
    const [row] = await t.dataSource.query('SELECT title, content FROM cases WHERE id = ?', [res.body.id]);
    expect(row).toEqual({
      title: '路灯坏了',
      content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。Caf\u00E9',
    });
  });

  test.each([
    [
      'a contact name of zero-width characters only',
      { contact: { name: '\u200B\u200D\uFEFF', phone: '13812345678' } },
      'contact.name',
    ],
    ['a contact name of a bidi override only', { contact: { name: '\u202E', phone: '13812345678' } }, 'contact.name'],
    [
      'content padded to length with invisible characters',
      { content: `路灯坏了${'\u200B\u0001'.repeat(10)}` },
      'content',
    ],
  ])('when the case has %s, then 400 names the field and nothing is stored', async (_name, change, path) => {
    const auth = await t.signIn();
    const before = await count();
    const res = await submit(t, auth, validCase(change)).expect(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([path]);
    expect(await count()).toBe(before);
  });
});
