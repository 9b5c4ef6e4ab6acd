//! Splitting a module's code section into streams: the build's side (src/main.rs).

use crate::binary::{function_bodies, leb, module, push_leb, sections, Reader};
use crate::{function, Io, Stream, LAYOUT, OP, STREAMS};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

struct Split<'a> {
    body: Reader<'a>,
    streams: [Vec<u8>; STREAMS],
}

impl Io for Split<'_> {
    fn op(&mut self) -> u8 {
        let b = self.body.byte();
        self.streams[OP as usize].push(b);
        b
    }

    fn leb(&mut self, s: Stream) -> u32 {
        let stream = &mut self.streams[s as usize];
        self.body.leb(|b| stream.push(b))
    }

    fn raw(&mut self, s: Stream, n: u32) {
        for _ in 0..n {
            let b = self.body.byte();
            self.streams[s as usize].push(b);
        }
    }
}

/// The module `wasm` with its code section split into streams (see the crate's doc); an
/// error naming what it cannot split (an opcode the format does not know, a malformed body).
pub fn split(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let parts = sections(wasm)?;
    let mut out = Vec::with_capacity(parts.len());
    for (id, body) in parts {
        out.push((id, if id == 10 { split_code(body)? } else { body.to_vec() }));
    }
    Ok(module(wasm, out))
}

/// The code section's body (`section`) as streams.
fn split_code(section: &[u8]) -> Result<Vec<u8>, String> {
    let mut split = Split {
        body: Reader { bytes: section, at: 0, truncated: false },
        streams: core::array::from_fn(|_| Vec::new()),
    };
    for (i, (start, end)) in function_bodies(section)?.into_iter().enumerate() {
        split.body = Reader { bytes: &section[..end], at: start, truncated: false };
        if !function(&mut split) {
            let op = split.streams[OP as usize].last().copied().unwrap_or_default();
            return Err(format!(
                "function {i}: opcode {op:#04x} (or its prefixed operation) not understood: it is not in code-streams' table"
            ));
        }
        if split.body.truncated || split.body.at != end {
            return Err(format!("function {i}: its instructions do not end where its size says"));
        }
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
