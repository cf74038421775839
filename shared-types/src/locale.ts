import { z } from 'zod';

/**
 * zod's own messages ("数值过大：期望 string <=20 字符", "出现未知的键(key)") in Chinese wherever these schemas
 * run — the BFF's 400 answers and the mini-program's form hints alike — instead of its English defaults.
 * Loaded by the package's index, so no client of the schemas can forget it.
 */
z.config(z.locales.zhCN());
