import path from 'node:path';
import { startWorker } from '../../lib/worker-thread';
import type { ImportProgress, ReadWorkbook, ReaderOptions } from './catalog-excel-read';

/**
 * Reads a workbook in a worker thread: parsing a large workbook takes seconds of CPU and hundreds of MB, which on
 * the request thread would stall every other request (/healthz included). The worker's heap is bounded by
 * configuration, so a workbook too large for it fails alone, with a message, instead of the process.
 */

export interface ImportLimits {
  /** Item rows one file may hold. */
  maxRows: number;
  /** Heap of the reading worker, in MB. */
  memoryMb: number;
}

const WORKER = path.join(__dirname, `catalog-excel-worker${path.extname(__filename)}`);

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const refused = (message: string): ReadWorkbook => ({
  rows: [],
  removals: [],
  notApplicable: [],
  warnings: [],
  skipped: [],
  problems: [{ sheet: '', row: null, column: null, message }],
});

export function readWorkbookOffThread(
  file: Buffer,
  options: Omit<ReaderOptions, 'maxRows'>,
  limits: ImportLimits,
  progress: ImportProgress = () => undefined,
): Promise<ReadWorkbook> {
  // .xls (Excel 97–2003) and WPS .et are OLE compound files: the reader only knows the .xlsx zip.
  if (file.subarray(0, 4).equals(OLE_MAGIC))
    return Promise.resolve(
      refused('这是旧版Excel（.xls）或WPS表格（.et）文件，请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入'),
    );
  // A copy the worker owns: the request's Buffer may share its memory with others.
  const copy = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const worker = startWorker(WORKER, {
    workerData: { file: copy, options: { ...options, maxRows: limits.maxRows } },
    transferList: [copy],
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on(
      'message',
      (message: { progress?: Parameters<ImportProgress>[0]; result?: ReadWorkbook; failed?: string }) => {
        if (message.progress) progress(message.progress);
        else if (message.result) settle(() => resolve(message.result!));
        else settle(() => reject(new Error(message.failed)));
      },
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(refused(`文件过大，读取时超出${limits.memoryMb}MB的内存上限，请按领域拆分后分批导入`))
          : reject(error),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`catalog import worker exited with ${code}`))));
  });
}
