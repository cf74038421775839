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
    summary: '某区划已发布的标准目录，导出为标准版式的 Excel（每个领域一张表）',
    tag: 'catalog',
    auth: 'none',
    params: regionParamsSchema,
    responses: { 200: xlsx, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogAdminExport: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/export`,
    summary: '某区划已发布的目录或草稿，导出为 Excel',
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
    summary: '空白的目录导入模板（每个领域一张表，按本系统最易读取的版式），附填表说明',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    responses: { 200: xlsx, ...denied },
  }),
  catalogImport: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/import`,
    summary:
      '用 Excel 目录替换草稿中该文件涉及的领域（scope=region 时替换整个区划草稿；请求体为文件本身，Content-Type 为 xlsx），' +
      '按行推算相对上级的增加、调整和删减，按领域列在 byArea；全有或全无：有任何一行被拒则不做任何修改' +
      '（400，details.problems 列出全部问题）；dryRun 只检查',
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
    summary: '某区划事项关联的公开文件（?item= 限定一个事项）及链接检查结果',
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
    summary: '为事项关联一份已公开文件（同一事项和链接再次提交即更新）',
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
    summary: '取消关联一份文件',
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
      '从 CSV（text/csv，UTF-8 或 GB18030）或 Excel 批量关联文件：事项编号或事项名称（一级/二级[/三级]）、文件标题、链接、' +
      '发布日期、索引号；全有或全无（400，details.problems 列出全部问题）；dryRun 只检查',
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
    summary: '没有文件、文件超过公开时限或链接失效的事项：合计、按领域、按公开主体',
    tag: 'catalog-admin',
    auth: 'staff',
    permission: 'catalog.edit',
    params: regionParamsSchema,
    query: complianceQuerySchema,
    responses: { 200: complianceReportSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema, ...denied },
  }),
} as const satisfies Record<string, Endpoint>;
