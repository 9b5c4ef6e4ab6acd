// The script-tag file's minification (scripts/build.mjs), also run by the bench to split
// the file into its parts (bench/script-parts.mjs): one copy of the options.
import { minify } from 'terser';

import { inlinedLiteral } from './inline-wasm.mjs';

/**
 * The module entries are left readable (bundlers minify them). ascii_only keeps the file
 * ASCII, like the inlined wasm literal; wrap_iife parenthesises the decoder so V8 compiles
 * it eagerly (scripts/inline-wasm.mjs). A second compress pass inlines and drops what the
 * first one left single-use or unused; a third finds nothing more. No `unsafe` options:
 * they rewrite `String(x)` to `"" + x`, which throws for a Symbol and reads valueOf before
 * toString. The two narrow ones turn function expressions that use no `this`, `arguments`
 * or `new.target` into arrows and methods (the glue's imports, inlined helpers), which
 * only differ in having no `prototype` and not being constructors: nothing constructs
 * them (the public classes and UserAgent are classes and declarations, which these leave
 * alone). (`hoist_funs` gave −140 B with the literal between the glue and the classes,
 * +800 B with it first: it moves the facade's functions above the literal.)
 */
export const TERSER = {
  ecma: 2020,
  compress: { ecma: 2020, passes: 2, unsafe_arrows: true, unsafe_methods: true },
  mangle: true,
  format: { ascii_only: true, comments: /^!/, wrap_iife: true },
};

/** What stands for the wasm literal while terser runs: a global it must leave where it is. */
const LITERAL_SLOT = '__wasmLiteral__';

/**
 * `source` (a classic script, its `/*!` banner first) minified, with V8's explicit compile
 * hint after the banner.
 *
 * The wasm's literal stays where the source declares it, a `var` at the top of the IIFE:
 * terser would inline a literal used once into the function that reads it, where an engine
 * that compiles functions lazily scans it twice (scripts/inline-wasm.mjs says why it sits
 * outside). And at the start of the file, not between the glue and the classes, the JS
 * code is one stretch that gzip's 32 KB window can refer back across (−470 B).
 *
 * The compile hint (Chromium 136 and later; a comment elsewhere): every function of the
 * file is then compiled while the file streams in, on a background thread, instead of on
 * the main thread at its first call. Much of the glue and the facade runs at load (the
 * classes, the pool's constructor), at the first call (the decoder, initSync) or at the
 * first sign-in; without the hint, their lazy compilations cost more main-thread time
 * before the pool was usable than the hint does. Terser keeps only `/*!` comments, hence
 * added after it.
 */
export async function minifiedScript(source) {
  const literal = inlinedLiteral(source);
  if (!literal || source.includes(LITERAL_SLOT)) throw new Error('the script has no wasm literal, or already the slot for it');
  const { code } = await minify(source.replace(literal, () => LITERAL_SLOT), TERSER);
  if (code.split(LITERAL_SLOT).length !== 2) throw new Error('terser moved or copied the wasm literal\'s slot');
  const hinted = code.replace(/^\/\*![^]*?\*\/\n/, (banner) => `${banner}//# allFunctionsCalledOnLoad\n`);
  if (hinted === code) throw new Error('the script tag\'s banner is not where the compile hint goes');
  return hinted.replace(LITERAL_SLOT, () => literal);
}
