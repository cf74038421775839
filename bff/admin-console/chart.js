import { svg } from './dom.js';

/**
 * A horizontal bar chart as inline SVG, built element by element: long Chinese labels (unit names) read better
 * beside horizontal bars than under vertical ones.
 * @param {{ title: string; rows: { label: string; value: number | null; text: string }[]; max?: number }} spec
 * @returns {SVGElement}
 */
export function barChart({ title, rows, max }) {
  const labelWidth = 180;
  const barArea = 300;
  const valueWidth = 110;
  const rowHeight = 28;
  const width = labelWidth + barArea + valueWidth;
  const height = Math.max(rows.length, 1) * rowHeight + 8;
  const top = max ?? Math.max(1, ...rows.map((r) => r.value ?? 0));
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title },
    svg('title', null, title),
    rows.length === 0 ? svg('text', { x: 8, y: 20, class: 'chart__empty' }, '暂无数据') : null,
    rows.map((row, i) => {
      const y = i * rowHeight + 4;
      const barWidth = row.value === null ? 0 : Math.max(1, Math.round((row.value / top) * barArea));
      return svg(
        'g',
        { class: 'chart__row' },
        svg('text', { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end', class: 'chart__label' }, clip(row.label)),
        svg('rect', { x: labelWidth, y: y + 4, width: barWidth, height: rowHeight - 10, rx: 2, class: 'chart__bar' }),
        svg('text', { x: labelWidth + barWidth + 6, y: y + 18, class: 'chart__value' }, row.text),
      );
    }),
  );
}

/** @param {string} text */
function clip(text) {
  const chars = Array.from(text);
  return chars.length > 12 ? `${chars.slice(0, 11).join('')}…` : text;
}
