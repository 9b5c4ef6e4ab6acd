//! The build's two passes over the wasm (see the crate's doc), module in on stdin, module
//! out on stdout:
//!
//! - `code-streams reorder <i,j,…>`: the defined functions in this order (each number the
//!   old position of the function put there; scripts/reorder-functions.mjs picks it);
//! - `code-streams split`: the code section as streams.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut wasm = Vec::new();
    let result =
        std::io::stdin().read_to_end(&mut wasm).map_err(|e| e.to_string()).and_then(|_| match args.as_slice() {
            [command, order] if command == "reorder" => {
                let order = order
                    .split(',')
                    .map(|n| n.parse().map_err(|_| format!("not a function position: {n}")))
                    .collect::<Result<Vec<usize>, _>>()?;
                code_streams::reorder(&wasm, &order)
            }
            [command] if command == "split" => code_streams::split(&wasm),
            _ => {
                Err("usage: code-streams reorder <i,j,…> | code-streams split (module on stdin, result on stdout)"
                    .into())
            }
        });
    match result.and_then(|out| std::io::stdout().write_all(&out).map_err(|e| e.to_string())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("code-streams: {e}");
            ExitCode::FAILURE
        }
    }
}
