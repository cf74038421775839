import type Router from '@koa/router';
import { judgeText, labelFor, type Suggest } from './content-rules';
import { deliverPush } from './push';
import { asRecord, failure, ok, wechatId, type WechatReply } from './replies';
import { endpoint, rejectToken, remember, type SimulatorState } from './state';

/** msg_sec_check's limit: 2,500 characters of content. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

const isOpenid = (value: unknown): value is string => typeof value === 'string' && /^o[\w-]{27}$/.test(value);
const isScene = (value: unknown): boolean => value === 1 || value === 2 || value === 3 || value === 4;
/** A lone surrogate cannot be encoded as the UTF-8 WeChat requires. */
const isWellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

/** Checks shared by both content checks, in the order WeChat reports them. */
function readCheckRequest(body: Record<string, unknown>): { openid: string } | { reply: WechatReply } {
  if (body.version !== 2) return { reply: failure(47001) };
  if (!isOpenid(body.openid)) return { reply: failure(40003) };
  if (!isScene(body.scene)) return { reply: failure(40129) };
  return { openid: body.openid };
}

function checkText(state: SimulatorState, body: Record<string, unknown>): WechatReply {
  const { content, title, nickname, signature } = body;
  if (content === undefined || content === '') return failure(44002);
  const texts = [content, title, nickname, signature].filter((text) => text !== undefined);
  if (!texts.every((text): text is string => typeof text === 'string' && isWellFormed(text))) return failure(47001);
  if (typeof content !== 'string' || [...content].length > MSG_SEC_CHECK_MAX_CHARS) return failure(47001);
  const verdict = judgeText(texts, state.textRules);
  const { suggest, label } = verdict;
  return ok({
    trace_id: wechatId(state.clock.now()),
    result: { suggest, label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: 90 },
      {
        strategy: 'keyword',
        errcode: 0,
        ...(verdict.keyword ? { suggest, label, level: 20, keyword: verdict.keyword } : {}),
      },
    ],
  });
}

interface MediaJob {
  traceId: string;
  mediaUrl: string;
  openid: string;
}

async function downloads(mediaUrl: string, signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(mediaUrl, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function mediaCheckEvent(
  state: SimulatorState,
  job: MediaJob,
  suggest: Suggest | 'download-failed',
): Record<string, unknown> {
  const envelope = {
    ToUserName: `gh_${state.appId.slice(-12)}`,
    FromUserName: job.openid,
    CreateTime: Math.floor(state.clock.now().getTime() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: state.appId,
    trace_id: job.traceId,
    version: 2,
  };
  if (suggest === 'download-failed') {
    return { ...envelope, detail: [], errcode: -1008, errmsg: 'media download failed' };
  }
  const label = labelFor(suggest);
  return {
    ...envelope,
    result: { suggest, label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
  };
}

/** What WeChat does after media_check_async answers: judge the media, then push the result event. */
async function reportMediaCheck(state: SimulatorState, job: MediaJob): Promise<void> {
  const target = state.pushTarget;
  if (!target) {
    remember(state.pushes, { traceId: job.traceId, at: state.clock.now(), error: 'no push target configured' });
    return;
  }
  const fetched = !state.fetchMedia || (await downloads(job.mediaUrl, state.scheduler.signal));
  const event = mediaCheckEvent(state, job, fetched ? state.judgeMedia(job.mediaUrl) : 'download-failed');
  const outcome = await deliverPush(target, event, state.clock.now(), state.scheduler.signal);
  remember(state.pushes, { traceId: job.traceId, at: state.clock.now(), ...outcome });
}

/**
 * What both content checks do first, as WeChat does: the access token, a JSON body, then version, openid and
 * scene; only a request that passes reaches `handle`.
 */
function contentCheckEndpoint(
  state: SimulatorState,
  name: 'msg_sec_check' | 'media_check_async',
  handle: (body: Record<string, unknown>, openid: string) => WechatReply,
) {
  return endpoint(state, name, (ctx, call) => {
    const rejected = rejectToken(state, ctx);
    if (rejected) return rejected;
    const body = asRecord(ctx.request.body);
    if (!body) return failure(47001);
    if (typeof body.openid === 'string') call.openid = body.openid;
    const request = readCheckRequest(body);
    return 'reply' in request ? request.reply : handle(body, request.openid);
  });
}

/** `wxa/msg_sec_check` and `wxa/media_check_async`, version 2. */
export function registerSecurityRoutes(router: Router, state: SimulatorState): void {
  router.post(
    '/wxa/msg_sec_check',
    contentCheckEndpoint(state, 'msg_sec_check', (body) => checkText(state, body)),
  );

  router.post(
    '/wxa/media_check_async',
    contentCheckEndpoint(state, 'media_check_async', (body, openid) => {
      const { media_url: mediaUrl, media_type: mediaType } = body;
      if (typeof mediaUrl !== 'string' || !/^https?:\/\/./.test(mediaUrl)) return failure(47001);
      if (mediaType !== 1 && mediaType !== 2) return failure(47001);
      const job = { traceId: wechatId(state.clock.now()), mediaUrl, openid };
      state.scheduler.later(state.mediaCheckDelayMs, () => void reportMediaCheck(state, job));
      return ok({ trace_id: job.traceId });
    }),
  );
}
