// Short names for the wasm's imports and wasm-bindgen's own exports, and the same renaming
// applied to the JS glue.
//
// wasm-bindgen names each import `__wbg_<method>_<16 hex digits of hash>` under the module
// "./<crate>_bg.js", and its runtime exports `__wbindgen_malloc`,
// `wasm_bindgen__convert__closures_____invoke__h<hash>` and so on. Each name is written
// twice in what a page downloads, once in the wasm and once in the glue, and the hashes do
// not compress. Only names the JS never sees are renamed: every import, and the exports of
// wasm-bindgen's runtime (the package's own exports, `__stack_pointer` and `memory` keep
// theirs). The glue uses each of them as `wasm.<name>`, as an object key, or as the name
// of a wrapper function of its own, so a whole-word replacement renames them consistently.

import { leb, moduleOf, nameBytes, readName, sections, u32 } from './wasm-binary.mjs';

/** wasm-bindgen's runtime exports, which only its glue calls. */
const RUNTIME_EXPORT = /^(?:__wbindgen_|__wbg_|__externref_|wasm_bindgen__|__wasm_bindgen_|__abort_handler$|__instance_terminated$)/;

/** Where an import's description ends (function, table, memory, global or tag). */
function skipImportDesc(body, at) {
  const kind = body[at++];
  const limits = (p) => { const flags = body[p]; let [, q] = leb(body, p + 1); if (flags & 1) [, q] = leb(body, q); return q; };
  if (kind === 0x00 || kind === 0x04) return leb(body, kind === 0x04 ? at + 1 : at)[1]; // type index (tag: attribute byte first)
  if (kind === 0x01) return limits(at + 1); // reference type, limits
  if (kind === 0x02) return limits(at);
  if (kind === 0x03) return at + 2; // value type, mutability
  throw new Error(`import kind ${kind} not understood`);
}

/** `$0`, `$1`, …, `$z`, `$10`, …: never a name the glue has, checked below. */
const shortName = (i) => `$${i.toString(36)}`;

/**
 * Renames the imports (their module too) and wasm-bindgen's runtime exports of `wasm`;
 * returns the new module and `rename(source)`, which applies the same renaming to glue code.
 */
export function shortenNames(wasm) {
  const renames = new Map();
  const newName = (old) => {
    if (!renames.has(old)) renames.set(old, shortName(renames.size));
    return renames.get(old);
  };
  const rebuilt = sections(wasm).map(({ id, body }) => {
    if (id !== 2 && id !== 7) return { id, body };
    let [count, at] = leb(body, 0);
    const out = [...u32(count)];
    for (; count > 0; count--) {
      if (id === 2) {
        let module, name;
        [module, at] = readName(body, at);
        [name, at] = readName(body, at);
        const end = skipImportDesc(body, at);
        out.push(...nameBytes(newName(module)), ...nameBytes(newName(name)), ...body.subarray(at, end));
        at = end;
      } else {
        let name;
        [name, at] = readName(body, at);
        const end = leb(body, at + 1)[1];
        out.push(...nameBytes(RUNTIME_EXPORT.test(name) ? newName(name) : name), ...body.subarray(at, end));
        at = end;
      }
    }
    return { id, body: Buffer.from(out) };
  });

  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Longest first, so that no name is replaced inside a longer one it prefixes.
  const olds = [...renames.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w$])(?:${olds.map(escape).join('|')})(?![\\w$])`, 'g');
  const rename = (source) => {
    for (const name of renames.values()) {
      if (new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`).test(source)) throw new Error(`the glue already has ${name}`);
    }
    return source.replace(pattern, (old) => renames.get(old));
  };
  return { wasm: moduleOf(wasm, rebuilt), rename };
}
