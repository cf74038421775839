/**
 * Chinese names the console shows, mirrored from @hotline/shared-types (the console has no build step to import
 * them). The end-to-end suite loads this module in the browser and compares it with shared-types, so a new
 * status or role cannot be forgotten here.
 */

export const CASE_STATUSES = {
  submitted: '已提交',
  forwarded: '已转交12345',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  withdrawn: '已撤回',
  rejected: '不予受理',
};

export const CASE_TYPES = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};

export const CASE_FLAGS = {
  content_review: '内容待审核',
  stuck_forwarding: '转交12345受阻',
  unsatisfied: '不满意待回访',
  extension_requested: '延期待审批',
};

export const STAFF_ROLES = {
  admin: '系统管理员',
  dispatcher: '派单员',
  handler: '承办人员',
  disclosure_editor: '政务公开编辑',
  disclosure_officer: '依申请公开办理人员',
  auditor: '审计员',
};

export const CASE_ACTIONS = {
  reply: '答复',
  transfer: '转办',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  approve_content: '审核通过',
  reject_content: '不予受理',
  close: '办结',
  follow_up: '回访',
};

/** Which role may do what; the console only hides what the BFF would refuse anyway. */
export const PERMISSIONS = {
  'cases.read': ['admin', 'dispatcher', 'handler', 'auditor'],
  'cases.act': ['dispatcher', 'handler'],
  'cases.dispatch': ['dispatcher'],
  'cases.review': ['dispatcher'],
  'cases.reveal': ['dispatcher', 'handler'],
  'figures.read': ['admin', 'dispatcher', 'handler', 'auditor'],
  'audit.read': ['admin', 'auditor'],
  'staff.manage': ['admin'],
  'catalog.edit': ['admin', 'disclosure_editor'],
  'disclosure.read': ['admin', 'disclosure_officer', 'auditor'],
  'disclosure.handle': ['disclosure_officer'],
};

/** @param {string | undefined} role @param {keyof typeof PERMISSIONS} permission */
export function can(role, permission) {
  return role !== undefined && /** @type {readonly string[]} */ (PERMISSIONS[permission]).includes(role);
}

export const QUEUE_SORTS = {
  created_desc: '提交时间（新→旧）',
  created_asc: '提交时间（旧→新）',
  due_asc: '办理期限（近→远）',
};

export const FIGURE_DIMENSIONS = {
  type: '诉求类型',
  area: '领域/分类',
  unit: '承办单位',
  region: '区域',
  month: '月份',
};

export const RATINGS = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

export const FORWARDING_STATES = {
  pending: '等待转交',
  held: '暂缓转交（待审核）',
  sent: '已转交',
  failed: '转交失败',
  none: '无需转交',
};

export const CONTENT_CHECKS = { pass: '已通过', review: '待人工审核', pending_recheck: '待复检' };

export const EXTENSION_STATES = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

export const TIMELINE_SOURCES = { citizen: '群众', staff: '工作人员', hotline: '12345', system: '系统' };

export const ACTOR_TYPES = { citizen: '群众', staff: '工作人员', system: '系统' };

/** @param {Record<string, string>} table @param {string | null | undefined} key */
export function label(table, key) {
  if (key === null || key === undefined) return '—';
  return table[key] ?? key;
}
