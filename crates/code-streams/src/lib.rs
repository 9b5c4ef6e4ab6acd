//! The wasm module's code section rewritten as streams of like values, which gzip packs
//! tighter than the section itself, and turned back into the section in the browser.
//!
//! A function body interleaves opcodes with their immediates: local indices, constants,
//! memory offsets, function indices, branch depths. Each kind has its own statistics, and
//! interleaved they blur one another's: gzip's Huffman codes and back-references see one
//! mixed alphabet. Laid out one kind after another, the opcodes repeat as opcode runs,
//! the local indices as index runs, and so on (BENCHMARKS.md, "Size decisions", has the
//! bytes).
//!
//! The build calls [`split`] (natively, `src/main.rs`); the package carries [`merge`]
//! compiled to a small wasm module of its own (`src/wasm.rs`) ahead of the split
//! module in its literal (scripts/inline-wasm.mjs), and runs it before compiling the main
//! module. Both walk a function with the one [`function`], over an [`Io`] that either takes
//! the body apart ([`split`]) or puts it together ([`merge`]): the format is what that
//! function reads, in one place. The build's other pass over the instructions, putting the
//! functions in the order gzip packs best ([`reorder`], renumbering every call), walks them
//! with it too.
//!
//! The split module is the original one with its code section's body replaced by:
//!
//! 1. the number of functions (LEB128, as in the section);
//! 2. the length of every stream but the last ([`LAYOUT`] order), LEB128 each;
//! 3. the streams, in [`LAYOUT`] order.
//!
//! Every immediate is copied as its bytes (a LEB128 number keeps its own encoding), so
//! merging gives the original instructions byte for byte. The function sizes are not
//! kept: merging writes each as a five-byte LEB128 (a valid encoding of any u32), and the
//! section's size too, so the merged module is a few bytes per function longer than the
//! original and decodes to the same module.
#![cfg_attr(not(test), no_std)]

#[cfg(not(target_arch = "wasm32"))]
extern crate alloc;
#[cfg(not(target_arch = "wasm32"))]
mod binary;
#[cfg(not(target_arch = "wasm32"))]
mod reorder;
#[cfg(not(target_arch = "wasm32"))]
mod split;
#[cfg(not(target_arch = "wasm32"))]
pub use reorder::reorder;
#[cfg(not(target_arch = "wasm32"))]
pub use split::split;
#[cfg(target_arch = "wasm32")]
mod wasm;

mod merge;
pub use merge::merge;

/// A stream: where one kind of value goes. `OP` holds the opcodes (one byte each), the
/// others LEB128 immediates (or raw bytes: `FLOAT`, the local declarations' types).
pub type Stream = u8;
pub const OP: Stream = 0;
pub const LOCALS: Stream = 1;
pub const BLOCK_TYPE: Stream = 2;
pub const FUNC: Stream = 3;
pub const LOAD_OFFSET: Stream = 4;
pub const STORE_OFFSET: Stream = 5;
pub const I32: Stream = 6;
pub const I64: Stream = 7;
/// Type and table indices, memory and reference-type bytes: rare, so together.
pub const INDEX: Stream = 8;
pub const GLOBAL: Stream = 9;
pub const FLOAT: Stream = 10;
/// The `0xfc` prefix's sub-opcodes and their immediates.
pub const SUB: Stream = 11;
pub const LOCAL_GET: Stream = 12;
pub const LOCAL_SET: Stream = 13;
pub const LOCAL_TEE: Stream = 14;
pub const LABEL: Stream = 15;
/// Each load and store opcode's alignment has a stream of its own, `ALIGN + (opcode -
/// 0x28)`: an opcode's alignment is nearly always the same (an `i32.load`'s 2), so each of
/// these is nearly one value repeated, where one stream for all mixed them.
pub const ALIGN: Stream = 16;
const LOADS_AND_STORES: u8 = 0x3e - 0x28 + 1;
pub const STREAMS: usize = 64;

/// The order the streams are laid out in: among those tried for the package's wasm, the one
/// that gzipped smallest, give or take a few bytes (the literal's data section follows them).
pub const LAYOUT: [Stream; ALIGN as usize + LOADS_AND_STORES as usize] = {
    let first =
        [LOCALS, FLOAT, FUNC, STORE_OFFSET, LOAD_OFFSET, INDEX, I32, I64, LOCAL_GET, LABEL, LOCAL_SET, LOCAL_TEE];
    let last = [BLOCK_TYPE, OP, GLOBAL, SUB];
    let mut layout = [0; ALIGN as usize + LOADS_AND_STORES as usize];
    let mut i = 0;
    while i < layout.len() {
        layout[i] = if i < first.len() {
            first[i]
        } else if i < first.len() + LOADS_AND_STORES as usize {
            ALIGN + (i - first.len()) as u8
        } else {
            last[i - first.len() - LOADS_AND_STORES as usize]
        };
        i += 1;
    }
    layout
};

/// What [`function`] reads and writes through: one direction of the transform.
pub trait Io {
    /// The next opcode (taken from the body, or from `OP`), passed on.
    fn op(&mut self) -> u8;
    /// The next LEB128 number of stream `s`, passed on; its value (the low 32 bits).
    fn leb(&mut self, s: Stream) -> u32;
    /// The next `n` bytes of stream `s`, passed on.
    fn raw(&mut self, s: Stream, n: u32);
}

/// [`IMMEDIATES`]' entries for the opcodes whose immediates take more than a stream or two
/// (read by [`function`] itself), and for those the package's wasm does not use.
const BR_TABLE: u8 = 0xf0;
const F32: u8 = 0xf1;
const F64: u8 = 0xf2;
const PREFIX: u8 = 0xf3;
const UNKNOWN: u8 = 0xff;

/// Per opcode, the streams of its LEB128 immediates, the first and the second (`OP`:
/// none; `OP` is never an immediate's stream), or one of the entries above and `OP`.
const IMMEDIATES: [[u8; 2]; 256] = {
    let mut t = [[UNKNOWN, OP]; 256];
    let none = [0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1];
    let mut i = 0;
    while i < none.len() {
        t[none[i]] = [OP, OP];
        i += 1;
    }
    let mut op = 0x45; // the numeric instructions, none of which has an immediate
    while op <= 0xc4 {
        t[op] = [OP, OP];
        op += 1;
    }
    t[0x02] = [BLOCK_TYPE, OP]; // block, loop, if
    t[0x03] = [BLOCK_TYPE, OP];
    t[0x04] = [BLOCK_TYPE, OP];
    t[0x0c] = [LABEL, OP]; // br, br_if
    t[0x0d] = [LABEL, OP];
    t[0x0e] = [BR_TABLE, OP];
    t[0x10] = [FUNC, OP]; // call
    t[0x11] = [INDEX, INDEX]; // call_indirect: type, table
    t[0x20] = [LOCAL_GET, OP];
    t[0x21] = [LOCAL_SET, OP];
    t[0x22] = [LOCAL_TEE, OP];
    t[0x23] = [GLOBAL, OP];
    t[0x24] = [GLOBAL, OP];
    t[0x25] = [INDEX, OP]; // table.get, .set
    t[0x26] = [INDEX, OP];
    let mut i = 0; // loads (0x28 to 0x35) and stores: alignment, offset
    while i < LOADS_AND_STORES {
        t[0x28 + i as usize] = [ALIGN + i, if i < 0x36 - 0x28 { LOAD_OFFSET } else { STORE_OFFSET }];
        i += 1;
    }
    t[0x3f] = [INDEX, OP]; // memory.size, .grow: the memory's index
    t[0x40] = [INDEX, OP];
    t[0x41] = [I32, OP];
    t[0x42] = [I64, OP];
    t[0x43] = [F32, OP];
    t[0x44] = [F64, OP];
    t[0xd0] = [INDEX, OP]; // ref.null: the type
    t[0xd2] = [FUNC, OP]; // ref.func
    t[0xfc] = [PREFIX, OP];
    t
};

/// After the `0xfc` prefix: how many LEB128 immediates each sub-opcode has (the
/// saturating truncations none; memory.init, data.drop, memory.copy, memory.fill, and the
/// table operations: their indices and zero bytes).
const PREFIXED_IMMEDIATES: [u8; 18] = [0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1];

/// One function body (after its size): its local declarations, then its instructions up
/// to the `end` that closes it. False at an opcode the format does not know (splitting
/// stops there; merged input comes from a split and has none).
pub fn function(io: &mut impl Io) -> bool {
    let declarations = io.leb(LOCALS);
    for _ in 0..declarations {
        io.leb(LOCALS);
        io.raw(LOCALS, 1);
    }
    instructions(io)
}

/// Instructions up to the `end` that closes them: a function's, or a constant expression's.
/// False at an opcode the format does not know.
pub fn instructions(io: &mut impl Io) -> bool {
    let mut depth = 0u32;
    loop {
        let op = io.op();
        // (No `match` on the opcode: LLVM makes it a jump table of 256 entries.)
        let [first, second] = IMMEDIATES[op as usize];
        if first == BR_TABLE {
            // the number of targets, the targets, the default
            let targets = io.leb(LABEL);
            for _ in 0..=targets {
                io.leb(LABEL);
            }
        } else if first == F32 || first == F64 {
            io.raw(FLOAT, if first == F32 { 4 } else { 8 });
        } else if first == PREFIX {
            let sub = io.leb(SUB);
            let Some(&n) = PREFIXED_IMMEDIATES.get(sub as usize) else { return false };
            for _ in 0..n {
                io.leb(SUB);
            }
        } else if first == UNKNOWN {
            return false;
        } else {
            for s in [first, second] {
                if s != OP {
                    io.leb(s);
                }
            }
        }
        if op.wrapping_sub(0x02) < 3 {
            depth += 1; // block, loop, if
        } else if op == 0x0b {
            if depth == 0 {
                return true;
            }
            depth -= 1;
        }
    }
}

/// Adds the LEB128 byte `b`, the `n`th of its number, to `value` (the low 32 bits).
fn leb_digit(value: u32, b: u8, n: u32) -> u32 {
    if n < 5 {
        value | ((b & 0x7f) as u32) << (7 * n)
    } else {
        value
    }
}

#[cfg(test)]
mod tests;
