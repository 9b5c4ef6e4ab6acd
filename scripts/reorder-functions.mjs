// The wasm's function bodies put in an order that gzip (and brotli) pack tighter.
//
// Deflate finds repeats only within the last 32 KB, and codes a near repeat in fewer bits
// than a far one; LLVM and wasm-opt order the functions by where they come from, not by what
// they look like. Here each next body is the one that compresses best right after the body
// before it (greedy, by deflate's own measure), so similar bodies (the many small futures'
// polls, drop glue, JSON readers) sit side by side. Only the order changes: each function
// keeps its body, and crates/code-streams (`code-streams reorder`) moves them and renumbers
// every reference to a function index (calls, `ref.func`, the table's elements, exports),
// walking the instructions with the same code that splits them into streams.

import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { functionBodies } from './wasm-binary.mjs';

/** The crate's build tool (scripts/build.mjs builds it before it is needed). */
export const codeStreamsTool = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'release', 'code-streams');

/** The order of `bodies` (indices into it) in which each follows the one it packs best after. */
function packedOrder(bodies) {
  if (!bodies.length) return [];
  const size = (b) => deflateRawSync(b, { level: 9 }).length;
  const alone = bodies.map(size);
  const order = [0];
  const left = new Set(bodies.keys());
  left.delete(0);
  while (left.size) {
    const last = bodies[order[order.length - 1]];
    const lastSize = alone[order[order.length - 1]];
    let best = -1, bestCost = Infinity;
    for (const i of left) { // in index order: ties go to the earlier function, so the build is reproducible
      const cost = size(Buffer.concat([last, bodies[i]])) - lastSize - alone[i];
      if (cost < bestCost) { best = i; bestCost = cost; }
    }
    order.push(best);
    left.delete(best);
  }
  return order;
}

/** `wasm` with its function bodies reordered (see the top of this file); throws what
 * `code-streams` could not handle (an instruction it does not know, a start section, …). */
export function reorderFunctions(wasm) {
  const order = packedOrder(functionBodies(wasm));
  try {
    return execFileSync(codeStreamsTool, ['reorder', order.join(',')], { input: wasm, maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`reorder-functions: ${e.stderr?.toString().trim() || e.message}`);
  }
}
