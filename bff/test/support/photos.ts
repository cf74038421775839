import { picture } from '../fixtures/images';
import type { TestApp } from './harness';

/** A photo the citizen just uploaded: its id, its image-check state and the trace id WeChat's verdict will carry. */
export async function uploadedPhoto(
  t: TestApp,
  auth: string,
): Promise<{ id: string; state: string; traceId: string | null }> {
  const upload = await t.http
    .post('/api/v1/uploads/photos')
    .set('Authorization', auth)
    .attach('file', await picture('jpeg'), 'p.jpg')
    .expect(201);
  const id = upload.body.id as string;
  const [row] = await t.dataSource.query(
    'SELECT media_check AS state, media_trace_id AS traceId FROM photos WHERE id = ?',
    [id],
  );
  return { id, state: String(row.state), traceId: row.traceId === null ? null : String(row.traceId) };
}
