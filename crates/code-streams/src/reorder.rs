//! The module's functions put in another order (scripts/reorder-functions.mjs picks the
//! one gzip packs best): each function's type and body move, and every reference to a
//! function index is renumbered to match: calls and `ref.func` in the code and in the
//! element segments' expressions, the element segments' index lists, the exports.
//! Imported functions keep their indices (they come first, and have no bodies).

use crate::binary::{function_bodies, leb, module, push_leb, sections, Reader};
use crate::{function, instructions, Io, Stream, FUNC, OP};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

const IMPORT: u8 = 2;
const FUNCTION: u8 = 3;
const EXPORT: u8 = 7;
const START: u8 = 8;
const ELEMENT: u8 = 9;
const CODE: u8 = 10;

/// Any stream but `FUNC`: a number copied as it is.
const AS_IT_IS: Stream = OP;

/// Copies instructions from `from` to `out`, the function indices renumbered.
struct Renumber<'a, 'r> {
    from: Reader<'a>,
    out: Vec<u8>,
    renumber: &'r dyn Fn(usize) -> usize,
}

impl Io for Renumber<'_, '_> {
    fn op(&mut self) -> u8 {
        self.byte()
    }

    fn leb(&mut self, s: Stream) -> u32 {
        if s == FUNC {
            let index = self.from.leb(|_| {});
            push_leb(&mut self.out, (self.renumber)(index as usize));
            return index;
        }
        let out = &mut self.out;
        self.from.leb(|b| out.push(b))
    }

    fn raw(&mut self, _: Stream, n: u32) {
        self.copy(n as usize);
    }
}

impl<'a, 'r> Renumber<'a, 'r> {
    fn new(bytes: &'a [u8], at: usize, renumber: &'r dyn Fn(usize) -> usize) -> Self {
        Renumber { from: Reader { bytes, at, truncated: false }, out: Vec::new(), renumber }
    }

    fn byte(&mut self) -> u8 {
        let b = self.from.byte();
        self.out.push(b);
        b
    }

    /// Copies `n` bytes as they are.
    fn copy(&mut self, n: usize) {
        for _ in 0..n {
            self.byte();
        }
    }

    /// Copies instructions (`walk`: [`function`] or [`instructions`]); an error where one
    /// is not understood.
    fn walk(&mut self, walk: fn(&mut Self) -> bool, what: &str) -> Result<(), String> {
        if !walk(self) || self.from.truncated {
            let op = self.out.last().copied().unwrap_or_default();
            return Err(format!(
                "{what}: opcode {op:#04x} (or its prefixed operation) not understood, or its instructions cut short"
            ));
        }
        Ok(())
    }
}

/// How many functions the module imports (they take the first indices).
fn imported_functions(body: &[u8]) -> Result<usize, String> {
    let (count, mut at) = leb(body, 0)?;
    let mut functions = 0;
    for _ in 0..count {
        for _ in 0..2 {
            let (n, start) = leb(body, at)?; // module, name
            at = start + n;
        }
        let kind = *body.get(at).ok_or("an import runs past its section")?;
        at += 1;
        match kind {
            0 => {
                functions += 1;
                at = leb(body, at)?.1;
            }
            1 | 2 => {
                at += (kind == 1) as usize; // a table's reference type
                let flags = *body.get(at).ok_or("an import runs past its section")?;
                at = leb(body, at + 1)?.1;
                if flags & 1 != 0 {
                    at = leb(body, at)?.1;
                }
            }
            3 => at += 2,
            _ => return Err(format!("import kind {kind} not understood")),
        }
    }
    Ok(functions)
}

/// A section that is a vector of items (`item` copies one), renumbered.
fn renumber_items(
    body: &[u8], renumber: &dyn Fn(usize) -> usize, mut item: impl FnMut(&mut Renumber) -> Result<(), String>,
) -> Result<Vec<u8>, String> {
    let (count, first) = leb(body, 0)?;
    let mut r = Renumber::new(body, 0, renumber);
    r.copy(first);
    for _ in 0..count {
        item(&mut r)?;
    }
    if r.from.truncated || r.from.at != body.len() {
        return Err("a section's items do not end where the section does".into());
    }
    Ok(r.out)
}

/// Element segments renumbered (all eight encodings).
fn renumber_elements(body: &[u8], renumber: &dyn Fn(usize) -> usize) -> Result<Vec<u8>, String> {
    renumber_items(body, renumber, |r| {
        let flags = r.leb(AS_IT_IS);
        if flags & 3 == 2 {
            r.leb(AS_IT_IS); // table index
        }
        if flags & 1 == 0 {
            r.walk(instructions, "an element segment's offset")?;
        }
        if flags & 3 != 0 {
            r.copy(1); // element kind or reference type
        }
        for _ in 0..r.leb(AS_IT_IS) {
            if flags & 4 != 0 {
                r.walk(instructions, "an element segment's expression")?;
            } else {
                r.leb(FUNC);
            }
        }
        Ok(())
    })
}

/// Exports renumbered.
fn renumber_exports(body: &[u8], renumber: &dyn Fn(usize) -> usize) -> Result<Vec<u8>, String> {
    renumber_items(body, renumber, |r| {
        let name = r.leb(AS_IT_IS);
        r.copy(name as usize);
        let kind = r.byte();
        r.leb(if kind == 0 { FUNC } else { AS_IT_IS });
        Ok(())
    })
}

/// `wasm` with its defined functions in `order` (each the old position, among the defined
/// functions, of the one put there).
pub fn reorder(wasm: &[u8], order: &[usize]) -> Result<Vec<u8>, String> {
    let parts = sections(wasm)?;
    let part = |id: u8| parts.iter().find(|(i, _)| *i == id).map(|(_, body)| *body);
    if part(START).is_some() {
        return Err("a start section is not handled".into());
    }
    if parts.iter().any(|(id, body)| *id == 0 && body.get(..5) == Some(b"\x04name")) {
        return Err("the name section would need renumbering too".into());
    }
    let imported = part(IMPORT).map(imported_functions).transpose()?.unwrap_or(0);
    let (types, code) = (part(FUNCTION).unwrap_or(b"\0"), part(CODE).unwrap_or(b"\0"));
    let (count, mut at) = leb(types, 0)?;
    let mut type_of = Vec::new(); // where each function's type index is in `types`
    for _ in 0..count {
        let start = at;
        at = leb(types, at)?.1;
        type_of.push((start, at));
    }
    let bodies = function_bodies(code)?;
    let mut new_index = alloc::vec![usize::MAX; bodies.len()];
    for (position, old) in order.iter().enumerate() {
        *new_index.get_mut(*old).ok_or("the order names a function the module does not have")? = position;
    }
    if type_of.len() != bodies.len() || order.len() != bodies.len() || new_index.contains(&usize::MAX) {
        return Err("the order, the function and the code sections disagree".into());
    }
    let renumber = |index: usize| {
        if index < imported {
            index
        } else {
            imported + new_index.get(index - imported).copied().unwrap_or(usize::MAX - imported)
        }
    };
    let mut function_section = Vec::new();
    let mut code_section = Vec::new();
    push_leb(&mut function_section, order.len());
    push_leb(&mut code_section, order.len());
    for &old in order {
        function_section.extend(&types[type_of[old].0..type_of[old].1]);
        let (start, end) = bodies[old];
        let mut r = Renumber::new(&code[..end], start, &renumber);
        r.walk(function, &format!("function {old}"))?;
        if r.from.at != end {
            return Err(format!("function {old}: its instructions do not end where its size says"));
        }
        push_leb(&mut code_section, r.out.len());
        code_section.extend(r.out);
    }
    let mut out = Vec::with_capacity(parts.len());
    for (id, body) in &parts {
        out.push((
            *id,
            match *id {
                FUNCTION => core::mem::take(&mut function_section),
                CODE => core::mem::take(&mut code_section),
                EXPORT => renumber_exports(body, &renumber)?,
                ELEMENT => renumber_elements(body, &renumber)?,
                _ => body.to_vec(),
            },
        ));
    }
    Ok(module(wasm, out))
}
