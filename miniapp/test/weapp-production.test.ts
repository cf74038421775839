/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { productionProblems, resolveBuildSettings, type BuildSettings } from '../config/build-settings';
import { filesUnder, gatedCallsIn, importsOf, LOCATION_APIS, pagesOf, SRC } from './source-scan';

/** The package a city uploads: `npm run build:weapp` builds it from miniapp/.env.production. */
const DIST = path.resolve(__dirname, '../dist');
const MINIAPP = path.resolve(__dirname, '..');

function requireProductionBuild(): void {
  const projectConfig = path.join(DIST, 'project.config.json');
  if (!fs.existsSync(projectConfig)) {
    throw new Error(`${DIST} has no build: run \`npm run build:weapp\` first.`);
  }
  const { appid } = JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { appid: string };
  if (appid === 'touristappid') throw new Error(`${DIST} is not a production build: run \`npm run build:weapp\`.`);
}

const distFiles = () => filesUnder(DIST).filter((file) => !file.endsWith('.build-stamp'));
const appJson = () =>
  JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
    requiredPrivateInfos?: string[];
    sitemapLocation?: string;
  };

describe('the production weapp package (miniapp/dist)', () => {
  beforeAll(requireProductionBuild);

  it('when any file is searched, then it names neither this machine nor a demo template id', () => {
    const offending = distFiles().filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return /127\.0\.0\.1|localhost|demo-case-|touristappid/.test(text);
    });
    expect(offending).toEqual([]);
  });

  it('when the bundle is read, then it calls the https API base of .env.production', () => {
    const { apiBase } = resolveBuildSettings('production', 'weapp');
    expect(apiBase).toMatch(/^https:\/\//);
    const bundles = distFiles().filter((file) => file.endsWith('.js'));
    expect(bundles.some((file) => fs.readFileSync(file, 'utf8').includes(JSON.stringify(apiBase)))).toBe(true);
  });

  it('when every JavaScript file is parsed as ES2017, then none uses later syntax', () => {
    const scripts = distFiles().filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(10);
    const failures = scripts.flatMap((file) => {
      try {
        parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017, sourceType: 'script' });
        return [];
      } catch (error) {
        return [`${path.relative(DIST, file)}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('when src/ calls a location API, then app.json declares it in requiredPrivateInfos', () => {
    const used = new Set(filesUnder(SRC).flatMap((file) => gatedCallsIn(file).filter((api) => LOCATION_APIS.has(api))));
    expect(used).toContain('chooseLocation');
    expect(appJson().requiredPrivateInfos?.slice().sort()).toEqual([...used].sort());
  });

  it('when WeChat search reads sitemap.json, then only public pages may be indexed', () => {
    const app = appJson();
    expect(app.sitemapLocation).toBe('sitemap.json');
    const { rules } = JSON.parse(fs.readFileSync(path.join(DIST, 'sitemap.json'), 'utf8')) as {
      rules: { action: string; page: string }[];
    };
    expect(rules.at(-1)).toEqual({ action: 'disallow', page: '*' });
    const allowed = rules.filter((rule) => rule.action === 'allow').map((rule) => rule.page);
    const personal = ['pages/submit/index', 'pages/cases/index', 'pages/detail/index', 'pages/me/index'];
    expect(allowed.filter((page) => personal.includes(page) || page.startsWith('pages/survey'))).toEqual([]);
    const built = [...app.pages, ...app.subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))];
    expect(allowed.filter((page) => !built.includes(page))).toEqual([]);
  });

  it('when the 我的 page is listed, then it is in the main package', () => {
    expect(appJson().pages).toContain('pages/me/index');
    expect(fs.existsSync(path.join(DIST, 'pages/me/index.js'))).toBe(true);
  });
});

describe('every page that makes a privacy-gated call', () => {
  it('when its imports are followed, then it renders the privacy dialog', () => {
    const gatedPages = pagesOf().filter((page) => [...importsOf(page)].some((file) => gatedCallsIn(file).length > 0));
    expect(gatedPages.map((page) => path.relative(SRC, page)).sort()).toEqual(
      expect.arrayContaining(['pages/catalog/item.tsx', 'pages/me/index.tsx', 'pages/submit/index.tsx']),
    );
    const withoutDialog = gatedPages.filter(
      (page) => ![...importsOf(page)].some((file) => file.includes(`${path.sep}components${path.sep}PrivacyDialog`)),
    );
    expect(withoutDialog).toEqual([]);
  });
});

describe('the stylesheets', () => {
  const sheets = filesUnder(SRC).filter((file) => file.endsWith('.scss'));

  it('when read, then none uses `inset`, which older iOS ignores', () => {
    expect(sheets.filter((file) => /(^|[\s;{])inset\s*:/m.test(fs.readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('when a layer is fixed to the screen, then its sheet pads for the home indicator', () => {
    const fixed = sheets.filter((file) => /position:\s*fixed/.test(fs.readFileSync(file, 'utf8')));
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.filter((file) => !fs.readFileSync(file, 'utf8').includes('safe-area-bottom'))).toEqual([]);
  });
});

describe('settings a city cannot upload', () => {
  const good: BuildSettings = {
    appId: 'wx8f3c2a1b0d9e7f65',
    apiBase: 'https://api.12345.example.gov.cn',
    subscribeTemplateIds: 'a-1,b-2,c-3',
    city: resolveBuildSettings('production', 'weapp').city,
  };

  it('when every setting is a real one, then there is no problem', () => {
    expect(productionProblems(good)).toEqual([]);
  });

  it.each([
    ['the appid is missing', { appId: '' }, 'TARO_APP_ID is missing'],
    ['the appid is touristappid', { appId: 'touristappid' }, 'TARO_APP_ID is "touristappid"'],
    ['the API base is http', { apiBase: 'http://api.12345.example.gov.cn' }, 'is not https'],
    ['the API base is this machine', { apiBase: 'https://127.0.0.1:3000' }, 'points at the phone itself'],
    ['the API base is localhost', { apiBase: 'https://localhost' }, 'points at the phone itself'],
    ['the API base is not a URL', { apiBase: 'api.example.gov.cn' }, 'is not a URL'],
    ['a template id is a demo one', { subscribeTemplateIds: 'a-1,demo-case-reply' }, 'demo ids (demo-case-reply)'],
    ['no template id is set', { subscribeTemplateIds: ' , ' }, 'TARO_APP_SUBSCRIBE_TEMPLATE_IDS is missing'],
  ])('when %s, then the problem is named', (_case, change, message) => {
    const problems = productionProblems({ ...good, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('npm run build:weapp with unshippable settings', () => {
  it('when the API base is http, the appid touristappid and the templates demo ones, then the build fails naming all three', () => {
    const before = fs.existsSync(path.join(DIST, 'app.json')) ? fs.statSync(path.join(DIST, 'app.json')).mtimeMs : 0;
    const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp', '--no-check'], {
      cwd: MINIAPP,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'production',
        TARO_APP_ID: 'touristappid',
        TARO_APP_API_BASE: 'http://api.12345.example.gov.cn',
        TARO_APP_SUBSCRIBE_TEMPLATE_IDS: 'demo-case-progress,demo-case-reply,demo-case-survey',
      },
    });
    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain('this weapp build cannot be uploaded');
    expect(build.stderr).toContain('"http://api.12345.example.gov.cn" is not https');
    expect(build.stderr).toContain('TARO_APP_ID is "touristappid"');
    expect(build.stderr).toContain('demo ids (demo-case-progress, demo-case-reply, demo-case-survey)');
    // Refused before webpack ran: the package already built is left as it was.
    const after = fs.existsSync(path.join(DIST, 'app.json')) ? fs.statSync(path.join(DIST, 'app.json')).mtimeMs : 0;
    expect(after).toBe(before);
  }, 120000);
});
