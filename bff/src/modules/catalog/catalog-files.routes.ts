import type { IncomingMessage } from 'node:http';
import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { ParameterizedContext } from 'koa';
import { Invalid, TooLarge, UnsupportedType } from '../../lib/errors';
import { mount, type Guards } from '../../http/endpoint';
import { staffOf } from '../../http/staff-auth';
import type { AppState } from '../../http/state';
import type { CatalogModule } from './catalog.module';
import { addDocument, importDocuments, listDocuments, removeDocument } from './catalog-documents.service';
import { XLSX_TYPE } from './catalog-excel';
import { catalogTemplate, exportCatalog, importCatalog } from './catalog-import';
import { complianceReport } from './compliance';

/** The largest workbook accepted: a whole city catalog in the standard layout is well under 2 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Reads a raw request body, refusing more than `maxBytes`. */
export async function readRawBody(req: IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  if (Number(req.headers['content-length']) > maxBytes) throw new TooLarge(`${what}不能超过10MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new TooLarge(`${what}不能超过10MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendWorkbook(ctx: ParameterizedContext<AppState>, name: string): void {
  ctx.type = XLSX_TYPE;
  ctx.attachment(name, { type: 'attachment' });
}

const CSV_TYPE = 'text/csv';

/**
 * Excel export (citizens: published; editors: published or draft) and import of a region's catalog; the
 * documents linked to its items; the compliance report.
 */
export function catalogFilesRoutes(catalog: CatalogModule, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  const deps = catalog.edit;
  // The contract describes the binary bodies as strings for OpenAPI; Koa sends the Buffer as it is.
  mount(router, contract.catalogExport, guards, async ({ params }, ctx) => {
    const workbook = await exportCatalog(deps, params.region, 'published');
    sendWorkbook(ctx, `catalog-${params.region}.xlsx`);
    return { status: 200, body: workbook as unknown as string };
  });
  mount(router, contract.catalogAdminExport, guards, async ({ params, query }, ctx) => {
    const workbook = await exportCatalog(deps, params.region, query.source);
    sendWorkbook(ctx, `catalog-${params.region}-${query.source}.xlsx`);
    return { status: 200, body: workbook as unknown as string };
  });
  mount(router, contract.catalogImportTemplate, guards, async (_, ctx) => {
    const workbook = await catalogTemplate(deps);
    sendWorkbook(ctx, 'catalog-import-template.xlsx');
    return { status: 200, body: workbook as unknown as string };
  });
  mount(router, contract.catalogImport, guards, async ({ params, query }, ctx) => {
    if (!ctx.is(XLSX_TYPE, 'application/octet-stream', 'application/vnd.ms-excel')) {
      throw new UnsupportedType(`请以 ${XLSX_TYPE} 格式上传Excel文件（.xlsx）`);
    }
    const file = await readRawBody(ctx.req, IMPORT_MAX_BYTES, 'Excel文件');
    const report = await importCatalog(deps, staffOf(ctx).id, params.region, file, {
      dryRun: query.dryRun,
      scope: query.scope,
    });
    if (report.problems.length && !query.dryRun) {
      throw new Invalid([], `文件中有${report.problems.length}处错误，未做任何修改`, {
        details: { problems: report.problems },
      });
    }
    return { status: report.imported ? 201 : 200, body: report };
  });
  mount(router, contract.catalogDocuments, guards, async ({ params, query }) => ({
    status: 200,
    body: await listDocuments(catalog.docs, params.region, query.item),
  }));
  mount(router, contract.catalogAddDocument, guards, async ({ params, body }, ctx) => ({
    status: 201,
    body: await addDocument(catalog.docs, staffOf(ctx).id, params.region, body),
  }));
  mount(router, contract.catalogRemoveDocument, guards, async ({ params }) => {
    await removeDocument(catalog.docs, params.region, params.id);
    return { status: 200, body: { id: params.id } };
  });
  mount(router, contract.catalogImportDocuments, guards, async ({ params, query }, ctx) => {
    const kind = ctx.is(CSV_TYPE) ? 'csv' : ctx.is(XLSX_TYPE, 'application/octet-stream') ? 'xlsx' : null;
    if (!kind)
      throw new UnsupportedType('请以 text/csv（UTF-8 或 Excel 另存的 GB18030）或Excel（.xlsx）格式上传文件列表');
    const file = await readRawBody(ctx.req, IMPORT_MAX_BYTES, '文件列表');
    const report = await importDocuments(catalog.docs, staffOf(ctx).id, params.region, file, {
      kind,
      dryRun: query.dryRun,
    });
    if (report.problems.length && !query.dryRun) {
      throw new Invalid([], `文件中有${report.problems.length}处错误，未做任何修改`, {
        details: { problems: report.problems },
      });
    }
    return { status: report.imported ? 201 : 200, body: report };
  });
  mount(router, contract.catalogCompliance, guards, async ({ params, query }) => ({
    status: 200,
    body: await complianceReport(catalog.docs, params.region, query),
  }));
  return router;
}
