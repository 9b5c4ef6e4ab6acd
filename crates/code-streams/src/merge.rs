//! Putting a split module back together: what the browser runs (through `src/wasm.rs`).
//!
//! Raw pointers, no bounds checks: the input is the package's own build output, checked
//! when it was split and again by tests/packaging (merged, it is the original module);
//! and a checked index would bring core's panic formatting into this small module.

use crate::{function, leb_digit, Io, Stream, LAYOUT, OP, STREAMS};

struct Merge {
    /// Where each stream's next byte is.
    next: [*const u8; STREAMS],
    out: *mut u8,
}

impl Merge {
    /// Copies `n` bytes of stream `s` to the output, or (`n` 0) one LEB128 number, whose
    /// value it returns (the low 32 bits). The positions are read once and written back
    /// once: held in the struct across the copy, each byte's store could alias them and
    /// reload them.
    #[inline(always)]
    unsafe fn copy(&mut self, s: Stream, n: u32) -> u32 {
        let s = s as usize & (STREAMS - 1);
        let (mut from, mut to) = (self.next[s], self.out);
        let (mut value, mut i) = (0, 0);
        loop {
            let b = *from;
            from = from.add(1);
            *to = b;
            to = to.add(1);
            value = leb_digit(value, b, i);
            i += 1;
            if if n == 0 { b < 0x80 } else { i == n } {
                break;
            }
        }
        self.next[s] = from;
        self.out = to;
        value
    }
}

impl Io for Merge {
    fn op(&mut self) -> u8 {
        unsafe {
            self.copy(OP, 1);
            *self.out.sub(1)
        }
    }

    fn leb(&mut self, s: Stream) -> u32 {
        unsafe { self.copy(s, 0) }
    }

    fn raw(&mut self, s: Stream, n: u32) {
        unsafe { self.copy(s, n) };
    }
}

/// Reads a LEB128 number at `*at`, moving `*at` past it.
unsafe fn read_leb(at: &mut *const u8) -> u32 {
    let (mut value, mut n) = (0, 0);
    loop {
        let b = **at;
        *at = at.add(1);
        value = leb_digit(value, b, n);
        n += 1;
        if b < 0x80 {
            return value;
        }
    }
}

/// Writes `value` as a five-byte LEB128 number at `at`.
unsafe fn write_padded(at: *mut u8, value: usize) {
    for i in 0..5 {
        let more = if i < 4 { 0x80 } else { 0 };
        *at.add(i) = (value >> (7 * i)) as u8 & 0x7f | more;
    }
}

/// Merges the split module of `len` bytes at `input` into `out`; returns the merged
/// module's length. `out` must not overlap the input and must have room for the merged
/// module: at most the input's length plus five bytes per function and four.
///
/// # Safety
/// `input` must be a module made by [`crate::split`] (anything else reads and writes out
/// of bounds), and `out` as above.
pub unsafe fn merge(input: *const u8, len: usize, out: *mut u8) -> usize {
    let end = input.add(len);
    let mut at = input.add(8);
    core::ptr::copy_nonoverlapping(input, out, 8);
    let mut io = Merge { next: [at; STREAMS], out: out.add(8) };
    while at < end {
        let id = *at;
        let mut body = at.add(1);
        let size = read_leb(&mut body) as usize;
        let next_section = body.add(size);
        if id != 10 {
            let whole = next_section.offset_from(at) as usize;
            core::ptr::copy_nonoverlapping(at, io.out, whole);
            io.out = io.out.add(whole);
        } else {
            *io.out = 10;
            let section_size_at = io.out.add(1);
            io.out = section_size_at.add(5);
            io.next[OP as usize] = body;
            let functions = io.leb(OP); // copied as it is
            body = io.next[OP as usize];
            let mut lengths = [0usize; STREAMS];
            for s in &LAYOUT[..LAYOUT.len() - 1] {
                lengths[*s as usize] = read_leb(&mut body) as usize;
            }
            for s in LAYOUT {
                io.next[s as usize] = body;
                body = body.add(lengths[s as usize]);
            }
            for _ in 0..functions {
                let size_at = io.out;
                io.out = io.out.add(5);
                function(&mut io);
                write_padded(size_at, io.out.offset_from(size_at) as usize - 5);
            }
            write_padded(section_size_at, io.out.offset_from(section_size_at) as usize - 5);
        }
        at = next_section;
    }
    io.out.offset_from(out) as usize
}
