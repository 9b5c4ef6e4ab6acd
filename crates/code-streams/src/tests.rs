//! Split, then merged: the same module, function by function (the sizes aside, which
//! merging writes padded). The package's own wasm goes through the same round trip in
//! tests/packaging/code-streams.test.mjs.

use super::*;
use crate::binary::{function_bodies, push_leb, sections};

fn section(id: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    push_leb(&mut out, body.len());
    out.extend(body);
    out
}

/// A module of a type section, a data section after the code, and these function bodies
/// (each its locals and instructions).
fn module(bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut code = vec![];
    push_leb(&mut code, bodies.len());
    for b in bodies {
        push_leb(&mut code, b.len());
        code.extend(b);
    }
    [
        &b"\0asm\x01\0\0\0"[..],
        &section(1, &[1, 0x60, 0, 0]),
        &section(10, &code),
        &section(11, b"\x01\x00\x41\x10\x0b\x05hello"),
    ]
    .concat()
}

/// Every section as (id, body), each function body of the code section apart.
fn parsed(wasm: &[u8]) -> Vec<(u8, Vec<Vec<u8>>)> {
    let parts = sections(wasm).expect("a module");
    parts
        .into_iter()
        .map(|(id, body)| {
            if id != 10 {
                return (id, vec![body.to_vec()]);
            }
            let bodies = function_bodies(body).expect("a code section");
            (id, bodies.into_iter().map(|(start, end)| body[start..end].to_vec()).collect())
        })
        .collect()
}

fn merged(split: &[u8]) -> Vec<u8> {
    let mut out = vec![0; split.len() * 4 + 64];
    let n = unsafe { merge(split.as_ptr(), split.len(), out.as_mut_ptr()) };
    out.truncate(n);
    out
}

fn round_trip(bodies: &[Vec<u8>]) {
    let wasm = module(bodies);
    let split = split(&wasm).expect("splits");
    assert_ne!(split, wasm);
    assert_eq!(parsed(&merged(&split)), parsed(&wasm));
}

#[test]
fn instructions_of_every_kind_come_back_byte_for_byte() {
    let body = [
        &[2u8, 1, 0x7f, 3, 0x7e][..],                                        // locals: 1 i32, 3 i64
        &[0x02, 0x40, 0x03, 0x7f, 0x41, 0x80, 0x80, 0x04, 0x0c, 0x00, 0x0b], // block, loop, i32.const 65536, br 0, end
        &[0x20, 0x00, 0x04, 0x40, 0x0e, 0x02, 0x00, 0x01, 0x00, 0x05, 0x0b, 0x0b], // local.get, if, br_table 3 targets, else, end, end
        &[0x41, 0x10, 0x28, 0x02, 0x08, 0x36, 0x02, 0x90, 0x03], // i32.const, i32.load align 2 offset 8, i32.store offset 400
        &[0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x1a], // i64.const -1 (ten bytes), drop
        &[0x43, 1, 2, 3, 4, 0x1a, 0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a], // f32.const, drop, f64.const, drop
        &[0xfc, 0x0a, 0x00, 0x00, 0xfc, 0x0b, 0x00, 0xfc, 0x03], // memory.copy, memory.fill, i32.trunc_sat_f64_u
        &[0x10, 0x00, 0x11, 0x00, 0x00, 0x23, 0x00, 0x24, 0x00, 0x21, 0x01, 0x22, 0x02], // call, call_indirect, globals, locals
        &[0x3f, 0x00, 0x40, 0x00, 0x1a, 0x6a, 0x0f, 0x0b], // memory.size, memory.grow, drop, i32.add, return, end
    ]
    .concat();
    round_trip(&[body, vec![0, 0x0b], vec![1, 2, 0x7f, 0x41, 0x05, 0x1a, 0x0b]]);
}

#[test]
fn a_module_without_functions_and_an_empty_body() {
    round_trip(&[]);
    round_trip(&[vec![0, 0x0b]]);
}

#[test]
fn what_it_cannot_split_is_an_error() {
    let unknown = module(&[vec![0, 0xfd, 0x00, 0x0b]]); // a SIMD prefix
    assert!(split(&unknown).unwrap_err().contains("0xfd"));
    let early_end = module(&[vec![0, 0x0b, 0x01, 0x0b]]); // bytes after the function's end
    assert!(split(&early_end).unwrap_err().contains("do not end where its size says"));
    let cut = module(&[vec![0, 0x41]]); // a constant without its number
    assert!(split(&cut).unwrap_err().contains("do not end where its size says"));
    let mut short = module(&[vec![0, 0x0b]]);
    short.truncate(short.len() - 3); // the data section cut short
    assert!(split(&short).unwrap_err().contains("past the end"));
    assert!(split(b"not wasm").is_err());
}

#[test]
fn reordering_moves_bodies_and_types_and_renumbers_calls_and_exports() {
    // Two types; function 0 (type 0) returns 7; function 1 (type 1) calls function 0 and
    // ref.funcs itself; function 1 is exported.
    let types = section(1, &[2, 0x60, 0, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f]);
    let functions = section(3, &[2, 0, 1]);
    let exports = section(7, &[1, 1, b'f', 0, 1]);
    let f0 = [0u8, 0x41, 7, 0x0b];
    let f1 = [0u8, 0x10, 0, 0xd2, 1, 0x1a, 0x0b];
    let code = [&[2u8, f0.len() as u8][..], &f0, &[f1.len() as u8], &f1].concat();
    let wasm = [&b"\0asm\x01\0\0\0"[..], &types, &functions, &exports, &section(10, &code)].concat();

    let reordered = reorder(&wasm, &[1, 0]).expect("reorders");
    let sections = parsed(&reordered);
    assert_eq!(sections[1], (3, vec![vec![2, 1, 0]]), "the types follow their functions");
    assert_eq!(sections[2], (7, vec![vec![1, 1, b'f', 0, 0]]), "the export follows its function");
    // The caller is now function 0 and calls function 1; its ref.func names itself, now 0.
    assert_eq!(sections[3], (10, vec![vec![0, 0x10, 1, 0xd2, 0, 0x1a, 0x0b], f0.to_vec()]));
    assert!(reorder(&wasm, &[0, 0]).is_err(), "an order that is not a permutation");
    assert!(reorder(&wasm, &[0]).is_err());
}
