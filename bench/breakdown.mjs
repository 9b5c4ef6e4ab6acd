// Where the wasm's bytes go, per crate and, for our own crates, per module: `twiggy top`
// (pinned by scripts/setup.sh) over the wasm-bindgen output before wasm-opt, which still
// carries the names of its functions. Used by bench/run.mjs for BENCHMARKS.md.
//
// How an item's name is attributed (names as twiggy prints them, demangled):
// - Hashes are dropped first: the `[c5930c85a12de822]` after a crate name in the standard
//   library's v0 names (`core[…]::str::…`), the `::h0123…` at the end of legacy names, and
//   twiggy's `[1]` for a repeated name.
// - A plain path belongs to its first segment's crate: `sha2::sha256::compress256`. For our
//   crates, to the module its path names (the longest prefix that is a module file or
//   folder under the crate's source, at most `depth` deep): `cognito_identity_wasm::js::
//   entry::user::run::{{closure}}` is ours, module `js::entry`.
// - An impl, `<Type as Trait>::method`, belongs to the crate that must hold the impl: the
//   type's crate (`<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop` is alloc's), but
//   the trait's when the type is generic or primitive (`<T as alloc::string::ToString>`,
//   `<i64 as cognito_identity_wasm::json::ToJson>`), when the type is the standard
//   library's and the trait is not (`<core::option::Option<T> as cognito_identity_wasm::
//   json::FromJson>` is our json module's), or when the trait is ours and the type is not.
//   `<Type>::method` (an inherent impl) is the type's; `<u32>::_fmt` is core's.
// - Drop glue, `core::ptr::drop_in_place<X>`, belongs to X. Other generic standard-library
//   code stays the standard library's even when it was instantiated for our types (an
//   iterator adapter's `fold` over our closure is core's): that is what monomorphisation
//   costs, and where it shows.
// - std's runtime shims `__rustc[…]::__rdl_alloc`, `rust_begin_unwind`… count as std; other
//   bare names that no export carries (`memcmp`, `__multi3`, `round`) as compiler_builtins.
// - wasm-bindgen's own items are 'wasm-bindgen glue': every import (`import ./…_bg.js::
//   __wbg_…`), every export entry and the function an export names (`run`, `now`, …: the
//   generated wrappers of our #[wasm_bindgen] functions and wasm-bindgen's allocator and
//   externref-table exports), `__wbindgen_*`/`__externref_*` functions and the `… shim`s.
// - Not code: the name section (its "function names" subsection and the rest) is left out
//   of the total and reported on its own, since wasm-opt strips it and nobody downloads
//   it; data segments (`.rodata`: string constants, tables, panic locations of every crate)
//   cannot be split by crate by name and get their own row; types, tables, globals,
//   section headers and the other custom sections make 'module structure'.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const STD = new Set(['core', 'alloc', 'std']);
export const GLUE = 'wasm-bindgen glue';
export const DATA = 'data segments';
export const STRUCTURE = 'module structure';

/** `twiggy top` of `wasmPath`, every item: `[{ name, size }]`. Throws if twiggy fails. */
export function twiggyItems(wasmPath) {
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', wasmPath], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const [header, ...rows] = parseCsv(csv);
  const name = header.indexOf('Name');
  const size = header.indexOf('ShallowSize');
  return rows.filter((r) => r.length > size).map((r) => ({ name: r[name], size: Number(r[size]) }));
}

/** RFC 4180: quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const stripHashes = (name) => name
  .replace(/\[[0-9a-f]{16}\]/g, '')
  .replace(/::h[0-9a-f]{16}$/, '')
  .replace(/\[\d+\]$/, '');

/** Index of the `>` closing the `<` at `open`, counting nested pairs (`->` is no bracket). */
function closing(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '<') depth++;
    else if (s[i] === '>' && s[i - 1] !== '-' && --depth === 0) return i;
  }
  return -1;
}

/** `a::b<c::d>::e` → ['a', 'b', 'e']: splits at the top level, generic arguments dropped. */
function segments(path) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '<') depth++;
    else if (c === '>' && path[i - 1] !== '-') depth--;
    if (depth === 0 && c === ':' && path[i + 1] === ':') { out.push(cur); cur = ''; i++; continue; }
    if (depth === 0 && c !== '>') cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * The path that owns a (hash-free) Rust name, as segments; null for generic and primitive
 * types. `ours` is the set of our crates' names.
 */
function owner(name, ours) {
  let s = name.trim().replace(/^(&(mut )?|\*(const|mut) |dyn )+/, '');
  if (s.startsWith('<')) {
    const end = closing(s, 0);
    if (end < 0) return null;
    const inner = s.slice(1, end);
    const as = topLevelAs(inner);
    if (as < 0) return owner(inner, ours) ?? ['core']; // `<Type>::method`; `<u32>::_fmt` is core's
    const type = owner(inner.slice(0, as), ours);
    const trait = owner(inner.slice(as + 4), ours);
    if (!type) return trait;
    if (!trait) return type;
    if ((STD.has(type[0]) && !STD.has(trait[0])) || (ours.has(trait[0]) && !ours.has(type[0]))) return trait;
    return type;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*::/.test(s)) return null;
  const segs = segments(s);
  const glue = s.match(/^core::ptr::drop_in_place(?:::)?<(.*)>(?:::|$)/);
  if (glue) return owner(glue[1], ours) ?? segs;
  return segs;
}

/** Where ` as ` splits `Type as Trait` outside any generic arguments; -1 if it does not. */
function topLevelAs(s) {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') depth++;
    else if (s[i] === '>' && s[i - 1] !== '-') depth--;
    else if (depth === 0 && s.startsWith(' as ', i)) return i;
  }
  return -1;
}

/**
 * What one twiggy item is: `{ kind: 'names' }` for the name section, else `{ group }`,
 * the crate or one of GLUE, DATA, STRUCTURE, and for our crates `module` too.
 * `ctx.exports` holds the export names, `ctx.ours` our crates' names; `ctx.isModule(crate,
 * segs)` says whether a path is a module of one of our crates, `ctx.split(crate)` which of
 * its top-level modules to tell apart by submodule.
 */
function attribute(rawName, ctx) {
  if (/^"[^"]+" subsection$/.test(rawName) || rawName === "custom section 'name' headers") return { kind: 'names' };
  if (rawName.startsWith('data segment ')) return { group: DATA };
  if (/^(import |export ")/.test(rawName) || / shim$/.test(rawName) || ctx.exports.has(rawName) || /^__(wbindgen|externref|wbg)_/.test(rawName)) return { group: GLUE };
  if (/^(type|table|global|memory|elem|code)\[\d+\]|^wasm magic bytes$|^custom section |section headers$/.test(rawName)) return { group: STRUCTURE };
  const name = stripHashes(rawName);
  if (/^__rustc::/.test(name)) return { group: 'std' };
  const path = owner(name, ctx.ours);
  if (!path) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? { group: 'compiler_builtins' } : { group: STRUCTURE };
  const crate = path[0];
  if (!ctx.ours.has(crate)) return { group: crate };
  // Module segments after the crate's name (the last segment is the item itself): the
  // top-level module, and one more for the modules named in `split`.
  let levels = 0;
  while (1 + levels < path.length - 1 && ctx.isModule(crate, path.slice(1, 2 + levels)) && (levels === 0 || (levels === 1 && ctx.split(crate).has(path[1])))) levels++;
  if (!levels) return { group: crate, module: `${crate} (lib.rs)` };
  const module = path.slice(0, 1 + levels).join('::');
  return { group: crate, module: levels === 1 && ctx.split(crate).has(path[1]) ? `${module} (mod.rs)` : module };
}

/**
 * The breakdown of `wasmPath`. `ours`: `{ crate: { src, split } }`, each of our crates with
 * its source folder and the top-level modules whose submodules get rows of their own
 * (`split: ['js']` gives `::js::entry`, `::js::fetch`…, where the others give `::json`).
 * Returns `{ total, names, counted, groups: [{ name, bytes }], modules: [{ name, bytes }],
 * items }`, `counted` being the total without the name section, both lists largest first,
 * `items` twiggy's items with what each was attributed to (to check the attribution).
 */
export function wasmBreakdown(wasmPath, ours) {
  const items = twiggyItems(wasmPath);
  const exports = new Set(items.map((i) => i.name.match(/^export "(.*)"$/)?.[1]).filter(Boolean));
  const moduleCache = new Map();
  const ctx = {
    exports,
    ours: new Set(Object.keys(ours)),
    split: (crate) => new Set(ours[crate].split ?? []),
    isModule(crate, segs) {
      const key = `${crate}::${segs.join('::')}`;
      if (!moduleCache.has(key)) {
        const base = join(ours[crate].src, ...segs);
        moduleCache.set(key, segs.every((s) => /^[a-z_][a-z0-9_]*$/.test(s)) && (existsSync(`${base}.rs`) || existsSync(join(base, 'mod.rs'))));
      }
      return moduleCache.get(key);
    },
  };
  const groups = new Map();
  const modules = new Map();
  let total = 0;
  let names = 0;
  for (const item of items) {
    total += item.size;
    const a = attribute(item.name, ctx);
    Object.assign(item, a);
    if (a.kind === 'names') { names += item.size; continue; }
    groups.set(a.group, (groups.get(a.group) ?? 0) + item.size);
    if (a.module) modules.set(a.module, (modules.get(a.module) ?? 0) + item.size);
  }
  const sorted = (m) => [...m].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { total, names, counted: total - names, groups: sorted(groups), modules: sorted(modules), items };
}

/**
 * What each way into the code keeps alive (`twiggy dominators`): an item's retained size
 * is its own bytes plus everything reachable only through it. The ways in are the
 * module's exports (`call`, `memory`, …) and, since every future is polled through
 * the function table, the poll functions of the operations' futures (`…::{{closure}}`).
 * Items of at least `min` bytes, largest first: `[{ name, retained, via }]`, names
 * without hashes and without the crate prefix `cognito_identity_wasm::`.
 */
export function wasmRetained(wasmPath, min = 1500) {
  const csv = execFileSync('twiggy', ['dominators', '-d', '4', '-r', '100000', '--format', 'csv', wasmPath], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const [header, ...rows] = parseCsv(csv);
  const col = (n) => header.indexOf(n);
  const [ID, NAME, RETAINED, DOM] = ['Id', 'Name', 'RetainedSize', 'ImmediateDominator'].map(col);
  const nameOf = new Map(rows.map((r) => [r[ID], r[NAME]]));
  const out = [];
  for (const r of rows) {
    const parent = nameOf.get(r[DOM]);
    const name = r[NAME];
    const viaTable = parent === 'elem[0]';
    const isExport = parent === '<meta root>' && /^export "/.test(name);
    if ((!viaTable && !isExport) || Number(r[RETAINED]) < min) continue;
    const short = name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').replaceAll('cognito_identity_wasm::', '');
    out.push({ name: short, retained: Number(r[RETAINED]), via: viaTable ? 'function table' : 'export' });
  }
  return out.sort((a, b) => b.retained - a.retained);
}
