import { parentPort, workerData } from 'node:worker_threads';
import { readCatalogWorkbook, type ReaderOptions } from './catalog-excel-read';

/** Worker thread entry (see `catalog-excel-thread.ts`): reads one workbook, posting progress and the result. */
const { file, options } = workerData as { file: ArrayBuffer; options: ReaderOptions };
readCatalogWorkbook(file, options, (progress) => parentPort!.postMessage({ progress })).then(
  (result) => parentPort!.postMessage({ result }),
  (error: unknown) => parentPort!.postMessage({ failed: String(error) }),
);
