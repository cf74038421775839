import { z } from 'zod';
import { API_PREFIX, endpoint, type Endpoint } from './endpoint';
import {
  catalogExportQuerySchema,
  catalogImportQuerySchema,
  catalogImportReportSchema,
  regionParamsSchema,
} from './catalog';
import { errorEnvelopeSchema } from './errors';

const xlsx = z.string().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const denied = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };

/** The catalog's files: Excel export and import (issue 7, part 2). */
export const catalogFilesContract = {
  catalogExport: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions/:region/export`,
    summary: "A region's published catalog as an Excel workbook in the standard layout (one sheet per area)",
    tag: 'catalog',
    auth: 'none',
    params: regionParamsSchema,
    responses: { 200: xlsx, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogAdminExport: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/export`,
    summary: "A region's published catalog or its draft as an Excel workbook",
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: catalogExportQuerySchema,
    responses: { 200: xlsx, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, ...denied },
  }),
  catalogImport: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/import`,
    summary:
      "Replace the region's draft with the catalog of an Excel workbook (raw body, Content-Type xlsx); " +
      'additions, adjustments and removals against the parent are worked out from the rows. All or nothing: ' +
      'a file with any rejected row changes nothing (400, every problem in details.problems); dryRun only checks',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: catalogImportQuerySchema,
    responses: {
      200: catalogImportReportSchema,
      201: catalogImportReportSchema,
      400: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
      413: errorEnvelopeSchema,
      415: errorEnvelopeSchema,
      ...denied,
    },
  }),
} as const satisfies Record<string, Endpoint>;
