//! Reading and writing the binary form's numbers and sections (the build's side).

use crate::leb_digit;
use alloc::string::String;
use alloc::vec::Vec;

/// A LEB128 number at `at` of `bytes`: its value and where it ends.
pub fn leb(bytes: &[u8], at: usize) -> Result<(usize, usize), String> {
    let mut reader = Reader { bytes, at, truncated: false };
    let value = reader.leb(|_| {});
    if reader.truncated {
        return Err("a number runs past the end of the module".into());
    }
    Ok((value as usize, reader.at))
}

pub fn push_leb(out: &mut Vec<u8>, mut n: usize) {
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

/// The module's sections, as (id, body).
pub fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if wasm.get(..4) != Some(b"\0asm") || wasm.len() < 8 {
        return Err("not a wasm module".into());
    }
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let (size, body) = leb(wasm, at + 1)?;
        let end =
            body.checked_add(size).filter(|e| *e <= wasm.len()).ok_or("a section runs past the end of the module")?;
        out.push((wasm[at], &wasm[body..end]));
        at = end;
    }
    Ok(out)
}

/// A module of `wasm`'s header and these sections.
pub fn module(wasm: &[u8], sections: impl IntoIterator<Item = (u8, Vec<u8>)>) -> Vec<u8> {
    let mut out = wasm[..8].to_vec();
    for (id, body) in sections {
        out.push(id);
        push_leb(&mut out, body.len());
        out.extend(body);
    }
    out
}

/// The code section's function bodies (each after its size), as where each starts and ends.
pub fn function_bodies(code: &[u8]) -> Result<Vec<(usize, usize)>, String> {
    let (count, mut at) = leb(code, 0)?;
    let mut bodies = Vec::new();
    for _ in 0..count {
        let (size, start) = leb(code, at)?;
        at = start
            .checked_add(size)
            .filter(|end| *end <= code.len())
            .ok_or("a function runs past the end of the code section")?;
        bodies.push((start, at));
    }
    if at != code.len() {
        return Err("bytes after the last function".into());
    }
    Ok(bodies)
}

/// A body being read by one of the build's [`crate::Io`]s.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
    /// It ended inside an instruction.
    pub truncated: bool,
}

impl Reader<'_> {
    /// The next byte; past the end, an `end` opcode (and `truncated`).
    pub fn byte(&mut self) -> u8 {
        let Some(&b) = self.bytes.get(self.at) else {
            self.truncated = true;
            return 0x0b;
        };
        self.at += 1;
        b
    }

    /// The next LEB128 number's bytes, and its value (the low 32 bits).
    pub fn leb(&mut self, mut each: impl FnMut(u8)) -> u32 {
        let (mut value, mut n) = (0, 0);
        loop {
            let b = self.byte();
            each(b);
            value = leb_digit(value, b, n);
            n += 1;
            if b < 0x80 {
                return value;
            }
        }
    }
}
