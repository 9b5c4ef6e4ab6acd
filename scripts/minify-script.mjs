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
 * `source` (a classic script, its `/*!` banner first) minified.
 *
 * The wasm's literal stays where the source declares it, a `var` at the top of the IIFE:
 * terser would inline a literal used once into the function that reads it, where an engine
 * that compiles functions lazily scans it twice (scripts/inline-wasm.mjs says why it sits
 * outside). And at the start of the file, not between the glue and the classes, the JS
 * code is one stretch that gzip's 32 KB window can refer back across (−470 B).
 *
 * No compile hint (`//# allFunctionsCalledOnLoad`, Chromium 136 and later), which has every
 * function compiled as the file streams in: measured, it cost main-thread and wall time from
 * the tag to a usable pool (what runs at load is little of the file, and eagerly compiled
 * functions still cost the main thread to install) and made the first sign-in after the tag
 * no faster (bench/size-decisions.md, session 12).
 */
export async function minifiedScript(source) {
  const literal = inlinedLiteral(source);
  if (!literal || source.includes(LITERAL_SLOT)) throw new Error('the script has no wasm literal, or already the slot for it');
  const { code } = await minify(source.replace(literal, () => LITERAL_SLOT), TERSER);
  if (code.split(LITERAL_SLOT).length !== 2) throw new Error('terser moved or copied the wasm literal\'s slot');
  return code.replace(LITERAL_SLOT, () => literal);
}
