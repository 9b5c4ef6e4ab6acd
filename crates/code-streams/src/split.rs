//! Splitting a module's code section into streams: the build's side (src/main.rs).

use crate::{function, leb_digit, Io, Stream, LAYOUT, OP, STREAMS};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

struct Split<'a> {
    body: &'a [u8],
    at: usize,
    streams: [Vec<u8>; STREAMS],
    /// The body ended inside an instruction.
    truncated: bool,
}

impl Split<'_> {
    /// Moves the next byte of the body to stream `s`; past the end, an `end` opcode.
    fn byte(&mut self, s: Stream) -> u8 {
        let Some(&b) = self.body.get(self.at) else {
            self.truncated = true;
            return 0x0b;
        };
        self.at += 1;
        self.streams[s as usize].push(b);
        b
    }
}

impl Io for Split<'_> {
    fn op(&mut self) -> u8 {
        self.byte(OP)
    }

    fn leb(&mut self, s: Stream) -> u32 {
        let (mut value, mut n) = (0, 0);
        loop {
            let b = self.byte(s);
            value = leb_digit(value, b, n);
            n += 1;
            if b < 0x80 {
                return value;
            }
        }
    }

    fn raw(&mut self, s: Stream, n: u32) {
        for _ in 0..n {
            self.byte(s);
        }
    }
}

/// A LEB128 number at `at` of `bytes`: its value and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let (mut value, mut n) = (0u32, 0);
    loop {
        let &b = bytes.get(at).ok_or("a number runs past the end of the module")?;
        at += 1;
        value = leb_digit(value, b, n);
        n += 1;
        if b < 0x80 {
            return Ok((value as usize, at));
        }
    }
}

fn push_leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The module `wasm` with its code section split into streams (see the crate's doc); an
/// error naming what it cannot split (an opcode the format does not know, a malformed body).
pub fn split(wasm: &[u8]) -> Result<Vec<u8>, String> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let end =
            body.checked_add(size).filter(|e| *e <= wasm.len()).ok_or("a section runs past the end of the module")?;
        if id == 10 {
            let code = split_code(&wasm[body..end])?;
            out.push(10);
            push_leb(&mut out, code.len());
            out.extend(code);
        } else {
            out.extend(&wasm[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// The code section's body (`section`) as streams.
fn split_code(section: &[u8]) -> Result<Vec<u8>, String> {
    let (functions, mut at) = leb(section, 0)?;
    let mut split = Split { body: section, at: 0, streams: core::array::from_fn(|_| Vec::new()), truncated: false };
    for i in 0..functions {
        let (size, body) = leb(section, at)?;
        let end = body + size;
        split.at = body;
        split.body = section.get(..end).ok_or("a function runs past the end of the code section")?;
        if !function(&mut split) {
            let op = split.streams[OP as usize].last().copied().unwrap_or_default();
            return Err(format!(
                "function {i}: opcode {op:#04x} (or its prefixed operation) is not in code-streams' table"
            ));
        }
        if split.truncated || split.at != end {
            return Err(format!("function {i}: its instructions do not end where its size says"));
        }
        at = end;
    }
    if at != section.len() {
        return Err("bytes after the last function".into());
    }
    let mut out = section[..leb(section, 0)?.1].to_vec();
    for s in &LAYOUT[..LAYOUT.len() - 1] {
        push_leb(&mut out, split.streams[*s as usize].len());
    }
    for s in LAYOUT {
        out.extend(&split.streams[s as usize]);
    }
    Ok(out)
}
