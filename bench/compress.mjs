// The compressed sizes bench/run.mjs reports and tests/packaging/size-budget.test.mjs
// budgets: gzip at level 9 and brotli at quality 11 (window 24), from Node's zlib. (zlib's
// level 9 gives the JS SDK's file the same 28,952 bytes as the `.gz` it ships.)
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

export const gzipBytes = (buf) => gzipSync(buf, { level: 9 }).length;

export const brotliBytes = (buf) => brotliCompressSync(buf, {
  params: {
    [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY,
    [zc.BROTLI_PARAM_LGWIN]: zc.BROTLI_MAX_WINDOW_BITS,
    [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
  },
}).length;

/** `{ raw, gzip, brotli }` byte counts of `buf`. */
export const compressed = (buf) => ({ raw: buf.length, gzip: gzipBytes(buf), brotli: brotliBytes(buf) });
