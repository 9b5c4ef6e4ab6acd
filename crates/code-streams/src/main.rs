//! `code-streams <module.wasm> <split.wasm>`: the build's splitting step (see the crate's doc).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: code-streams <module.wasm> <split.wasm>");
        return ExitCode::FAILURE;
    };
    let split = std::fs::read(input).map_err(|e| format!("{input}: {e}")).and_then(|wasm| code_streams::split(&wasm));
    match split.and_then(|s| std::fs::write(output, s).map_err(|e| format!("{output}: {e}"))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("code-streams: {e}");
            ExitCode::FAILURE
        }
    }
}
