// A year of a city's cases written by the database itself (INSERT … SELECT over MariaDB's sequence engine), for the
// scale benchmark and the EXPLAIN test: realistic types, statuses, units, regions, 7–8 timeline events per case and
// ratings on 60% of the closed ones. Every value derives from the case number through CRC32, so a seed is repeatable.
// Plain CommonJS so the jest suites and the .mjs benchmark share it.

const DAY_MS = 86_400_000;
const CHUNK = 50_000;

const sqlList = (values) => values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ');
/** A skewed pick from a list: low indexes far more often, as a few categories and regions carry most cases. */
const pick = (list, r) => `ELT(1 + FLOOR(POW(${r}, 2) * ${list.length}), ${sqlList(list)})`;

/** The citizen who owns case n: about two cases per citizen. */
const citizenOf = (expr, cases) =>
  `CONCAT('01CIT', LPAD(MOD(${expr}, ${Math.max(1, Math.floor(cases / 2))}), 21, '0'))`;

/**
 * Inserts cases `from`..`to` (1-based) of `total`, spread evenly over the year before `end`. Case n's id is
 * '01' + n padded to 24 digits, so ids follow submission order as ULIDs do.
 */
function caseChunkSql({ from, to, total, end, city }) {
  const start = new Date(end.getTime() - 365 * DAY_MS);
  const stepMs = (365 * DAY_MS) / total;
  const categories = city.categories.map((c) => c.code);
  const regions = [];
  const walk = (node) => {
    if (node.level !== 'city') regions.push(node.code);
    node.children.forEach(walk);
  };
  walk(city.region);
  const units = city.units.map((u) => u.name);
  const limits = city.timeLimits;
  const r = (salt) => `(CRC32(CONCAT(s.seq, '${salt}')) / 4294967296)`;
  const endLiteral = end.toISOString().replace('T', ' ').slice(0, 23);
  const startLiteral = start.toISOString().replace('T', ' ').slice(0, 23);
  return `
INSERT INTO cases (id, citizen_id, idempotency_key, request_hash, type, category, status, title, content,
  location_address, region_code, anonymous, confidential, content_check, ticket_no, handling_unit, due_at, closed_at,
  dispatched_at, signed_at, rating, rated_at, follow_up, supervised, urged, last_hotline_seq, version, created_at,
  updated_at)
SELECT id, citizen_id, CONCAT('k', n), LPAD(n, 64, '0'), type, category, status, title,
  CONCAT(title, '，已经持续一段时间了，希望有关部门尽快处理。'), '漯河市郾城区黄河路100号', region_code, 0, 0,
  content_check, IF(status = 'submitted', NULL, CONCAT('LH', LPAD(n, 10, '0'))),
  IF(dispatched, unit, NULL), due_at, closed_at, dispatched_at, signed_at, rating, rated_at,
  COALESCE(rating = 'unsatisfied', 0), 0, 0, 5, 1, created_at,
  GREATEST(created_at, COALESCE(rated_at, closed_at, signed_at, dispatched_at, created_at))
FROM (
  SELECT y.*,
    IF(dispatched, TIMESTAMPADD(MINUTE, FLOOR(30 + rd * 300), created_at), NULL) AS dispatched_at,
    IF(dispatched AND status NOT IN ('dispatched'), TIMESTAMPADD(MINUTE, FLOOR(30 + rd * 300 + re * 1800), created_at), NULL) AS signed_at,
    IF(status IN ('submitted', 'forwarded'), NULL, TIMESTAMPADD(DAY, limit_days, created_at)) AS due_at,
    IF(status IN ('closed', 'rated', 'withdrawn'), TIMESTAMPADD(MINUTE, FLOOR(60 + rf * limit_days * 1440 * 1.15), created_at), NULL) AS closed_at,
    IF(status = 'rated', ELT(1 + (rg > 0.7) + (rg > 0.9), 'satisfied', 'basically_satisfied', 'unsatisfied'), NULL) AS rating,
    IF(status = 'rated', TIMESTAMPADD(MINUTE, FLOOR(60 + rf * limit_days * 1440 * 1.15 + 60 + rg * 2880), created_at), NULL) AS rated_at
  FROM (
    SELECT x.*,
      CASE type ${Object.entries(limits)
        .map(([t, d]) => `WHEN '${t}' THEN ${d}`)
        .join(' ')} ELSE 15 END AS limit_days,
      status NOT IN ('submitted', 'forwarded', 'accepted', 'withdrawn') AS dispatched
    FROM (
      SELECT n, id, citizen_id, created_at, rc, rd, re, rf, rg, region_code, category, unit, type, title,
        IF(rh < 0.001, 'pending_recheck', IF(rh < 0.006, 'review', 'pass')) AS content_check,
        CASE
          WHEN age_days > 20 THEN
            IF(rc < 0.02, 'withdrawn', IF(rc < 0.04, 'in_progress', IF(rc < 0.05, 'rejected', IF(rc < 0.62, 'rated', 'closed'))))
          ELSE ELT(1 + FLOOR(rc * 10), 'submitted', 'forwarded', 'accepted', 'dispatched', 'signed', 'in_progress',
            'in_progress', 'replied', 'closed', 'rated')
        END AS status
      FROM (
        SELECT s.seq AS n, CONCAT('01', LPAD(s.seq, 24, '0')) AS id, ${citizenOf('s.seq * 7919', total)} AS citizen_id,
          TIMESTAMPADD(MICROSECOND, FLOOR((s.seq - 1) * ${stepMs * 1000}), '${startLiteral}') AS created_at,
          TIMESTAMPDIFF(DAY, TIMESTAMPADD(MICROSECOND, FLOOR((s.seq - 1) * ${stepMs * 1000}), '${startLiteral}'), '${endLiteral}') AS age_days,
          ${r('c')} AS rc, ${r('d')} AS rd, ${r('e')} AS re, ${r('f')} AS rf, ${r('g')} AS rg, ${r('h')} AS rh,
          ${pick(regions, r('region'))} AS region_code,
          ${pick(categories, r('category'))} AS category,
          ${pick(units, r('unit'))} AS unit,
          ELT(1 + (${r('type')} > 0.3) + (${r('type')} > 0.55) + (${r('type')} > 0.8) + (${r('type')} > 0.85) + (${r('type')} > 0.95),
            'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise') AS type,
          CONCAT(ELT(1 + FLOOR(${r('title')} * 6), '路灯损坏', '噪音扰民', '道路积水', '物业服务', '社保咨询', '占道经营'), '问题', s.seq) AS title
        FROM seq_${from}_to_${to} s
      ) w
    ) x
  ) y
) z`;
}

/** Seven timeline events per case, an eighth for every other one. */
function eventChunkSql({ from, to }) {
  const kinds = ['submit', 'create_ticket', 'accepted', 'dispatched', 'signed', 'in_progress', 'replied', 'closed'];
  return `
INSERT INTO case_events (id, case_id, seq, at, source, actor, kind, from_status, to_status, unit, note, data)
SELECT CONCAT('01E', LPAD(c.n, 21, '0'), LPAD(k.seq, 2, '0')), c.id, k.seq,
  TIMESTAMPADD(HOUR, k.seq * 3, c.created_at), IF(k.seq = 1, 'citizen', 'hotline'), NULL,
  ELT(k.seq, ${sqlList(kinds)}), NULL, NULL, IF(k.seq >= 4, c.handling_unit, NULL),
  IF(k.seq = 7, '已联系相关单位处理，感谢您的反映。', NULL), NULL
FROM (SELECT CAST(SUBSTRING(id, 3) AS UNSIGNED) AS n, id, created_at, handling_unit FROM cases
      WHERE id BETWEEN CONCAT('01', LPAD(${from}, 24, '0')) AND CONCAT('01', LPAD(${to}, 24, '0'))) c
JOIN seq_1_to_8 k ON k.seq <= 7 + MOD(c.n, 2)`;
}

/** The citizens owning the seeded cases (only the id and a unique openid matter to the read paths). */
function citizenSql(total) {
  const count = Math.max(1, Math.floor(total / 2));
  return `INSERT INTO citizens (id, openid, created_at)
SELECT CONCAT('01CIT', LPAD(s.seq - 1, 21, '0')), CONCAT('bench-openid-', s.seq - 1), NOW(3) FROM seq_1_to_${count} s`;
}

/** Seeds `total` cases with their events; `progress(done)` after every chunk. */
async function seedCases(conn, { total, end, city, progress = () => undefined }) {
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await conn.query(caseChunkSql({ from, to, total, end, city }));
    await conn.query(eventChunkSql({ from, to }));
    progress(to);
  }
}

module.exports = { seedCases, citizenSql, citizenOf };
