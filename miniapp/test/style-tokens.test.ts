import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The design tokens of src/styles/variables.scss, by name. */
const tokens = Object.fromEntries(
  [
    ...readFileSync(path.join(__dirname, '../src/styles/variables.scss'), 'utf8').matchAll(/^\$([\w-]+):\s*([^;]+);/gm),
  ].map((match) => [match[1], match[2]?.trim()]),
);

function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Design px on a 750-wide design are CSS px × 2 on a 375-wide phone. */
const cssPx = (token: string) => parseFloat(tokens[token] ?? '0') / 2;

describe('style tokens', () => {
  const texts = [
    'color-text',
    'color-text-secondary',
    'color-primary',
    'color-danger',
    'color-success',
    'color-warning',
  ];
  const grounds = ['color-surface', 'color-background', 'color-primary-light'];

  it.each(texts.flatMap((text) => grounds.map((ground) => [text, ground])))(
    'when %s text sits on %s, then the contrast is at least 4.5:1',
    (text, ground) => {
      expect(contrast(tokens[text] ?? '', tokens[ground] ?? '')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('when a primary button shows white text on the primary colour, then the contrast is at least 4.5:1', () => {
    expect(contrast(tokens['color-surface'] ?? '', tokens['color-primary'] ?? '')).toBeGreaterThanOrEqual(4.5);
    const app = readFileSync(path.join(__dirname, '../src/app.scss'), 'utf8');
    expect(app).toMatch(/\.submit-button,[\s\S]*background-color: \$color-primary !important;/);
  });

  it('when care mode is on, then body text is at least 18 px, lines 1.3 apart and tap targets 60 px', () => {
    expect(cssPx('care-font-size-body')).toBeGreaterThanOrEqual(18);
    expect(cssPx('care-font-size-small')).toBeGreaterThanOrEqual(16);
    expect(parseFloat(tokens['care-line-height'] ?? '0')).toBeGreaterThanOrEqual(1.3);
    expect(cssPx('care-tap-min')).toBeGreaterThanOrEqual(60);
  });

  it('when care mode is off, then tap targets are still at least 44 px', () => {
    expect(cssPx('tap-min')).toBeGreaterThanOrEqual(44);
  });

  it('when the app styles are read, then care mode redefines every size variable on the page root', () => {
    const app = readFileSync(path.join(__dirname, '../src/app.scss'), 'utf8');
    const careBlock = app.slice(app.indexOf('.page-root.care-mode'));
    for (const variable of [
      '--font-small',
      '--font-body',
      '--font-title',
      '--font-headline',
      '--line-height',
      '--tap-min',
    ]) {
      expect(careBlock).toContain(variable);
    }
  });
});
