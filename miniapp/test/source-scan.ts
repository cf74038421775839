import fs from 'node:fs';
import path from 'node:path';

/** Reading the mini-program's source for what WeChat's review checks: privacy-gated calls and who makes them. */
export const SRC = path.resolve(__dirname, '../src');

/** Location APIs WeChat refuses on a device unless app.json lists them in requiredPrivateInfos. */
export const LOCATION_APIS = new Set([
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
]);

/** APIs WeChat holds until the citizen agrees to the privacy guide (besides the location ones). */
const PRIVACY_GATED_APIS = new Set([
  ...LOCATION_APIS,
  'chooseMedia',
  'chooseImage',
  'chooseVideo',
  'chooseMessageFile',
  'setClipboardData',
  'getClipboardData',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'getWeRunData',
]);

/** Buttons whose open-type is privacy-gated. */
const GATED_OPEN_TYPES = ['getPhoneNumber', 'getRealtimePhoneNumber', 'chooseAvatar'];

export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The privacy-gated APIs a source file calls (`Taro.x(` / `wx.x(`) or opens through a button's openType. */
export function gatedCallsIn(file: string): string[] {
  if (!/\.tsx?$/.test(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const calls = [...text.matchAll(/\b(?:Taro|wx)\.(\w+)\(/g)].map((match) => match[1] ?? '');
  const openTypes = GATED_OPEN_TYPES.filter((type) => text.includes(`openType="${type}"`));
  return [...new Set([...calls.filter((name) => PRIVACY_GATED_APIS.has(name)), ...openTypes])];
}

/** Every page's entry file: the .tsx beside each `<name>.config.ts` under src/pages. */
export function pagesOf(): string[] {
  return filesUnder(path.join(SRC, 'pages'))
    .filter((file) => file.endsWith('.config.ts'))
    .map((config) => config.replace(/\.config\.ts$/, '.tsx'))
    .filter((entry) => fs.existsSync(entry));
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((candidate) =>
    fs.existsSync(candidate),
  );
}

/** The entry and every source file it reaches through relative imports. */
export function importsOf(entry: string): Set<string> {
  const reached = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const resolved = resolveImport(file, match[1] ?? '');
      if (resolved) queue.push(resolved);
    }
  }
  return reached;
}
