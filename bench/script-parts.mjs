// The script-tag file (pkg/amazon-cognito-identity.min.js) split into its parts, for
// BENCHMARKS.md: the inlined wasm literal, wasm-bindgen's JS glue, our facade (src/facade)
// and the rest (the IIFE around them, the literal's decoder, the instantiation).
//
// The file is minified as a whole, so terser's output does not say which bytes came from
// where. To split it, the same code (pkg/index.cjs, the CommonJS entry, which scripts/
// build.mjs assembles from the same pieces as the script tag) is minified again with the
// same terser options and a `/*!…*/` marker comment before each part; terser keeps such
// comments, and where they land splits its output. Terser may move code across a marker
// (it inlines classes used once into the object that exports them, for example), so the
// split is approximate by those moves; `reconstructed` says how close the re-minified
// file, markers removed, comes to the real one. The literal is the real file's own.
import { readFileSync } from 'node:fs';

import { inlinedLiteral } from '../scripts/inline-wasm.mjs';
import { minifiedScript } from '../scripts/minify-script.mjs';
const mark = (part) => `\n/*!@@part:${part}*/\n`;

/**
 * `{ literal, glue, facade, rest }` (strings: the part's minified text) and
 * `reconstructed: { bytes, of }`, the re-minified file's length against the real file's;
 * null when pkg/index.cjs is not laid out as expected (the reason in `why`).
 * `files`: `{ script, cjs, noModulesGlue }` paths.
 */
export async function scriptParts(files) {
  const real = readFileSync(files.script, 'latin1');
  const cjs = readFileSync(files.cjs, 'utf8');
  const glue = readFileSync(files.noModulesGlue, 'utf8');
  const literal = inlinedLiteral(real);
  const at = {
    open: cjs.indexOf('(function () {\n'),
    glue: cjs.indexOf(glue),
    init: cjs.indexOf('var instantiate = '),
    facade: cjs.indexOf('var wasm = wasm_bindgen;\n'),
    publish: cjs.lastIndexOf('module.exports = api;'),
  };
  const missing = Object.entries(at).filter(([, i]) => i < 0).map(([k]) => k);
  if (missing.length || !literal) return { why: `pkg/index.cjs or the script tag changed shape (not found: ${[...missing, ...(literal ? [] : ['literal'])].join(', ')})` };
  // The facade's marker goes before its first function or class: terser drops a comment
  // with the statement it leads, and the facade's first statements are constants it
  // inlines (those few bytes count as the rest's).
  const afterAlias = at.facade + 'var wasm = wasm_bindgen;\n'.length;
  const firstDeclaration = cjs.slice(afterAlias).search(/^(?:function|class) /m);
  if (firstDeclaration < 0) return { why: 'the facade has no function or class declaration' };
  const facadeStart = afterAlias + firstDeclaration;
  const banner = real.match(/^\/\*![^]*?\*\//)?.[0] ?? '';
  const source = `${banner}\n${cjs.slice(at.open, at.glue)}${mark('glue')}${glue}${mark('rest')}${cjs.slice(at.glue + glue.length, facadeStart)}`
    + `${mark('facade')}${cjs.slice(facadeStart, at.publish)}globalThis.AmazonCognitoIdentity = api;${cjs.slice(at.publish + 'module.exports = api;'.length)}`;
  const code = await minifiedScript(source);
  const pieces = code.split(/\n?\/\*!@@part:(\w+)\*\/\n?/);
  const parts = { rest: pieces[0], glue: '', facade: '' };
  for (let i = 1; i < pieces.length; i += 2) parts[pieces[i]] += pieces[i + 1];
  if (pieces.length !== 7) return { why: `terser dropped or moved a marker (${(pieces.length - 1) / 2} of 3 left)` };
  const ownLiteral = inlinedLiteral(parts.rest);
  if (!ownLiteral) return { why: 'the re-minified literal is not where expected' };
  const reconstructed = pieces.filter((_, i) => i % 2 === 0).join('');
  return {
    literal,
    glue: parts.glue,
    facade: parts.facade,
    rest: parts.rest.replace(ownLiteral, ''),
    reconstructed: { bytes: Buffer.byteLength(reconstructed, 'latin1'), of: Buffer.byteLength(real, 'latin1'), same: reconstructed === real },
  };
}
