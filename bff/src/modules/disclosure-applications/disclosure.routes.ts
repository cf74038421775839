import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount } from '../../http/endpoint';
import { staffOf, type StaffGuard } from '../../http/staff-auth';
import type { AppState } from '../../http/state';
import { annualReport, saveReviews } from './annual-report.service';
import { letterFile } from './letters.service';
import { actOnApplication, getForOffice, listForOffice, revealIdNumber } from './disclosure-handling';
import {
  answerSupplement,
  applyForDisclosure,
  getMyApplication,
  listMyApplications,
  type DisclosureDeps,
} from './disclosure.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends a letter; the contract describes the binary body as a string for OpenAPI, Koa sends the Buffer as it is. */
function sendLetter(ctx: ParameterizedContext<AppState>, letter: { file: Buffer; filename: string }) {
  ctx.type = DOCX;
  ctx.attachment(letter.filename, { type: 'attachment' });
  return { status: 200, body: letter.file as unknown as string };
}

/** 依申请公开: the applicant's routes and the disclosure office's. */
export function disclosureRoutes(deps: DisclosureDeps, citizen: Middleware<AppState>, guard: StaffGuard) {
  const router = new Router<AppState>();
  mount(router, contract.applyForDisclosure, [citizen], async ({ body }, ctx) => ({
    status: 201,
    body: await applyForDisclosure(deps, citizenOf(ctx).id, body),
  }));
  mount(router, contract.listMyDisclosureApplications, [citizen], async (_input, ctx) => ({
    status: 200,
    body: await listMyApplications(deps, citizenOf(ctx).id),
  }));
  mount(router, contract.getMyDisclosureApplication, [citizen], async ({ params }, ctx) => ({
    status: 200,
    body: await getMyApplication(deps, citizenOf(ctx).id, params.id),
  }));
  mount(router, contract.answerDisclosureSupplement, [citizen], async ({ params, body }, ctx) => ({
    status: 200,
    body: await answerSupplement(deps, citizenOf(ctx).id, params.id, body.description),
  }));
  mount(router, contract.getMyDisclosureLetter, [citizen], async ({ params }, ctx) =>
    sendLetter(ctx, await letterFile(deps, params.id, citizenOf(ctx).id)),
  );

  const { adminGetDisclosureLetter: letter } = contract;
  mount(router, letter, [guard(letter.permission)], async ({ params }, ctx) =>
    sendLetter(ctx, await letterFile(deps, params.id)),
  );
  const { adminDisclosureAnnualReport: report } = contract;
  // Before the `:id` routes, which would otherwise take "annual-report" for an id.
  mount(router, report, [guard(report.permission)], async ({ query }, ctx) => {
    ctx.type = XLSX;
    ctx.attachment(`政府信息公开申请情况-${query.year}.xlsx`, { type: 'attachment' });
    // The contract describes the binary body as a string for OpenAPI; Koa sends the Buffer as it is.
    return { status: 200, body: (await annualReport(deps, query.year)) as unknown as string };
  });
  const { adminPutDisclosureReviews: reviews } = contract;
  mount(router, reviews, [guard(reviews.permission)], async ({ body }, ctx) => ({
    status: 200,
    body: await saveReviews(deps, staffOf(ctx), body),
  }));
  const { adminListDisclosureApplications: list, adminGetDisclosureApplication: get } = contract;
  mount(router, list, [guard(list.permission)], async ({ query }) => ({
    status: 200,
    body: await listForOffice(deps, query),
  }));
  mount(router, get, [guard(get.permission)], async ({ params }) => ({
    status: 200,
    body: await getForOffice(deps, params.id),
  }));
  const { adminRevealDisclosureId: reveal, adminDisclosureAction: act } = contract;
  mount(router, reveal, [guard(reveal.permission)], async ({ params, body }, ctx) => ({
    status: 200,
    body: await revealIdNumber(deps, staffOf(ctx), params.id, body.reason, ctx.state.requestId),
  }));
  mount(router, act, [guard(act.permission)], async ({ params, body }, ctx) => ({
    status: 200,
    body: await actOnApplication(deps, staffOf(ctx), params.id, body),
  }));
  return router;
}
