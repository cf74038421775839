import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { ParameterizedContext } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import { staffOf } from '../../http/staff-auth';
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
export function disclosureRoutes(deps: DisclosureDeps, guards: Guards) {
  const router = new Router<AppState>();
  mount(router, contract.applyForDisclosure, guards, async ({ body }, ctx) => ({
    status: 201,
    body: await applyForDisclosure(deps, citizenOf(ctx).id, body),
  }));
  mount(router, contract.listMyDisclosureApplications, guards, async (_input, ctx) => ({
    status: 200,
    body: await listMyApplications(deps, citizenOf(ctx).id),
  }));
  mount(router, contract.getMyDisclosureApplication, guards, async ({ params }, ctx) => ({
    status: 200,
    body: await getMyApplication(deps, citizenOf(ctx).id, params.id),
  }));
  mount(router, contract.answerDisclosureSupplement, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await answerSupplement(deps, citizenOf(ctx).id, params.id, body.description),
  }));
  mount(router, contract.getMyDisclosureLetter, guards, async ({ params }, ctx) =>
    sendLetter(ctx, await letterFile(deps, params.id, citizenOf(ctx).id)),
  );

  mount(router, contract.adminGetDisclosureLetter, guards, async ({ params }, ctx) =>
    sendLetter(ctx, await letterFile(deps, params.id)),
  );
  // Before the `:id` routes, which would otherwise take "annual-report" for an id.
  mount(router, contract.adminDisclosureAnnualReport, guards, async ({ query }, ctx) => {
    ctx.type = XLSX;
    ctx.attachment(`政府信息公开申请情况-${query.year}.xlsx`, { type: 'attachment' });
    // The contract describes the binary body as a string for OpenAPI; Koa sends the Buffer as it is.
    return { status: 200, body: (await annualReport(deps, query.year)) as unknown as string };
  });
  mount(router, contract.adminPutDisclosureReviews, guards, async ({ body }, ctx) => ({
    status: 200,
    body: await saveReviews(deps, staffOf(ctx), body),
  }));
  mount(router, contract.adminListDisclosureApplications, guards, async ({ query }) => ({
    status: 200,
    body: await listForOffice(deps, query),
  }));
  mount(router, contract.adminGetDisclosureApplication, guards, async ({ params }) => ({
    status: 200,
    body: await getForOffice(deps, params.id),
  }));
  mount(router, contract.adminRevealDisclosureId, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await revealIdNumber(deps, staffOf(ctx), params.id, body.reason, ctx.state.requestId),
  }));
  mount(router, contract.adminDisclosureAction, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await actOnApplication(deps, staffOf(ctx), params.id, body),
  }));
  return router;
}
