import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { listen, type RunningServer } from '@hotline/simulators';
import Koa from 'koa';

/** One stored service request, in GeoReport v2 field names. */
export interface FakeRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  lat: number | null;
  long: number | null;
  address: string | null;
  media_url: string | null;
  /** What the POST carried, as parsed form fields (contact, attributes); never answered by GET. */
  form: Record<string, unknown>;
}

/** What the next POST does: answer normally, answer a token, fail with 500, or create and then fail. */
export type PostMode = 'normal' | 'token' | 'fail500' | 'lose-answer';

export interface Open311Fake extends RunningServer {
  requests: FakeRequest[];
  posts: Array<Record<string, unknown>>;
  gets: string[];
  /** Applied to the following POSTs in order, then `normal`. */
  nextPosts: PostMode[];
  /** Tokens not yet resolved answer no id. */
  resolveTokens: boolean;
  update(id: string, change: Partial<Omit<FakeRequest, 'service_request_id' | 'form'>>): void;
}

/**
 * A small GeoReport v2 endpoint for the Open311 adapter's tests: form-encoded POST requests.json, GET
 * requests.json (start_date/end_date over requested_datetime), GET tokens/{token}.json, errors as
 * [{code, description}]. Its clock is the one the test gives it.
 */
export async function startOpen311Fake(options: {
  apiKey: string;
  serviceCodes: string[];
  now: () => Date;
}): Promise<Open311Fake> {
  const requests: FakeRequest[] = [];
  const tokens = new Map<string, string>();
  let counter = 0;
  const state = {
    requests,
    posts: [] as Array<Record<string, unknown>>,
    gets: [] as string[],
    nextPosts: [] as PostMode[],
    resolveTokens: false,
  };

  const fail = (ctx: Koa.Context, status: number, code: number, description: string): void => {
    ctx.status = status;
    ctx.body = [{ code, description }];
  };

  const router = new Router();
  router.post('/requests.json', (ctx) => {
    const form = (ctx.request.body ?? {}) as Record<string, unknown>;
    state.posts.push(form);
    if (form.api_key !== options.apiKey) {
      return fail(ctx, 403, 403, `api_key ${String(form.api_key)} is not valid`);
    }
    const code = typeof form.service_code === 'string' ? form.service_code : '';
    if (!options.serviceCodes.includes(code)) {
      return fail(ctx, 400, 400, `service_code ${code} not found for api_key ${String(form.api_key)}`);
    }
    const mode = state.nextPosts.shift() ?? 'normal';
    if (mode === 'fail500') return fail(ctx, 500, 500, 'internal error');
    const at = options.now().toISOString();
    const id = `SR${String(++counter).padStart(5, '0')}`;
    const text = (name: string): string | null => (typeof form[name] === 'string' ? form[name] : null);
    const number = (name: string): number | null => (text(name) === null ? null : Number(text(name)));
    requests.push({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: code,
      description: text('description') ?? '',
      agency_responsible: null,
      requested_datetime: at,
      updated_datetime: at,
      expected_datetime: null,
      lat: number('lat'),
      long: number('long'),
      address: text('address_string'),
      media_url: text('media_url'),
      form,
    });
    if (mode === 'lose-answer') return fail(ctx, 500, 500, 'created, but the answer was lost');
    if (mode === 'token') {
      const token = `tok-${counter}`;
      tokens.set(token, id);
      ctx.body = [{ token, service_notice: 'queued' }];
      return;
    }
    ctx.body = [{ service_request_id: id, service_notice: 'thank you', account_id: null }];
  });

  router.get('/requests.json', (ctx) => {
    state.gets.push(ctx.url);
    const start = typeof ctx.query.start_date === 'string' ? Date.parse(ctx.query.start_date) : -Infinity;
    const end = typeof ctx.query.end_date === 'string' ? Date.parse(ctx.query.end_date) : Infinity;
    if (Number.isNaN(start) || Number.isNaN(end)) return fail(ctx, 400, 400, 'bad start_date or end_date');
    const code = typeof ctx.query.service_code === 'string' ? ctx.query.service_code : null;
    ctx.body = requests
      .filter((r) => {
        const at = Date.parse(r.requested_datetime);
        return at >= start && at <= end && (code === null || r.service_code === code);
      })
      .map(({ form: _form, ...visible }) => visible);
  });

  router.get('/tokens/:token.json', (ctx) => {
    state.gets.push(ctx.url);
    const id = tokens.get(ctx.params.token ?? '');
    if (id === undefined) return fail(ctx, 404, 404, 'unknown token');
    ctx.body = [{ token: ctx.params.token, ...(state.resolveTokens ? { service_request_id: id } : {}) }];
  });

  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'] }));
  app.use(router.routes());
  const server = await listen(app);
  return Object.assign(state, server, {
    update(id: string, change: Partial<Omit<FakeRequest, 'service_request_id' | 'form'>>): void {
      const request = requests.find((r) => r.service_request_id === id);
      if (!request) throw new Error(`no request ${id}`);
      Object.assign(request, change);
    },
  });
}
