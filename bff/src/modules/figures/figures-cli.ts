import { ConfigError, loadCity, loadConfig } from '@hotline/config';
import { createDataSource } from '../../db/data-source';
import { systemClock } from '../../lib/clock';
import { CityContext } from '../city/city-context';
import { foldAll, foldSettings, resetRollup } from './rollup.fold';

const USAGE = [
  'usage: npm run figures -- rebuild    recompute the figures rollup from the cases',
  '                                     (after a change of the city time zone or signing limit, or to check it)',
  '',
].join('\n');

/** `npm run figures -- rebuild`: empties the rollup and folds every case again. Figures stay exact meanwhile. */
async function main(args: string[]): Promise<number> {
  if (args[0] !== 'rebuild' || args.length !== 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const city = new CityContext(loadCity(config.city));
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  try {
    const started = Date.now();
    await resetRollup(dataSource);
    const total = await foldAll(
      dataSource,
      foldSettings(city),
      () => systemClock.now(),
      (folded) => {
        process.stdout.write(`\rfolded ${folded} cases`);
      },
    );
    process.stdout.write(`\rfolded ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
