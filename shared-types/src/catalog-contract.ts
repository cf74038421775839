import { z } from 'zod';
import { API_PREFIX, endpoint, type Endpoint } from './endpoint';
import {
  addDocumentRequestSchema,
  adminDocumentListSchema,
  catalogDocumentSchema,
  complianceQuerySchema,
  complianceReportSchema,
  documentImportReportSchema,
  documentListQuerySchema,
  documentParamsSchema,
  catalogExportQuerySchema,
  catalogImportQuerySchema,
  catalogImportReportSchema,
  regionParamsSchema,
} from './catalog';
import { errorEnvelopeSchema } from './errors';

const xlsx = z.string().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const denied = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };

/** The catalog's files (Excel export and import), published documents and the compliance report. */
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
  catalogImportTemplate: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/import-template`,
    summary: 'An empty catalog workbook in the layout the import reads best (one sheet per area), with instructions',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    responses: { 200: xlsx, ...denied },
  }),
  catalogImport: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/import`,
    summary:
      "Replace the areas an Excel workbook covers in the region's draft (scope=region: the whole draft; raw body, " +
      'Content-Type xlsx); additions, adjustments and removals against the parent are worked out from the rows, ' +
      'per area in byArea. All or nothing: ' +
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
  catalogDocuments: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/documents`,
    summary: "The documents linked to a region's items (of one item with ?item=), with what the link checker found",
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: documentListQuerySchema,
    responses: { 200: adminDocumentListSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, ...denied },
  }),
  catalogAddDocument: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/documents`,
    summary: 'Link a published document to an item of the region (the same item and URL again updates it)',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    body: addDocumentRequestSchema,
    responses: { 201: catalogDocumentSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, ...denied },
  }),
  catalogRemoveDocument: endpoint({
    method: 'DELETE',
    path: `${API_PREFIX}/admin/catalog/regions/:region/documents/:id`,
    summary: 'Unlink a document',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: documentParamsSchema,
    responses: { 200: z.object({ id: z.string() }), 404: errorEnvelopeSchema, ...denied },
  }),
  catalogImportDocuments: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/documents/import`,
    summary:
      'Link documents in bulk from a CSV (text/csv, UTF-8) or Excel body: 事项编号 or 事项名称 (一级/二级[/三级]), ' +
      '文件标题, 链接, 发布日期, 索引号. All or nothing (400 with every problem in details.problems); dryRun only checks',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: catalogImportQuerySchema,
    responses: {
      200: documentImportReportSchema,
      201: documentImportReportSchema,
      400: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
      413: errorEnvelopeSchema,
      415: errorEnvelopeSchema,
      ...denied,
    },
  }),
  catalogCompliance: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/compliance`,
    summary:
      'Items without documents, with documents older than their 公开时限 allows, or with broken links; ' +
      'in total, per area and per 公开主体',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: complianceQuerySchema,
    responses: { 200: complianceReportSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, ...denied },
  }),
} as const satisfies Record<string, Endpoint>;
