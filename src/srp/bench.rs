//! Micro-benchmark: the new fixed-size Montgomery code against num-bigint 0.4
//! (`modpow`, what the crate used before; a dev-dependency now). Ignored by
//! default; run with
//!
//! - native: `cargo test --release --lib srp::bench -- --ignored --nocapture`
//! - browser: `CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --release
//!   --headless --chrome --lib -- srp::bench --include-ignored`
//!   (figures appear in the console output)

use num_bigint::BigUint;

use super::mont::{self, Exponent, N_BYTES};
use super::SrpClient;

struct Rng(u64);
impl Rng {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                self.0 as u8
            })
            .collect()
    }
}

/// Runs `f` `reps` times; returns the fastest run in ms (the machines this
/// runs on are shared: the minimum is the most stable figure).
fn time(now: &dyn Fn() -> f64, reps: u32, mut f: impl FnMut()) -> f64 {
    f(); // warm-up (and OnceLock initialisation)
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let t0 = now();
        f();
        best = best.min(now() - t0);
    }
    best
}

/// `now` returns milliseconds.
fn run(print: &dyn Fn(&str), now: &dyn Fn() -> f64, reps: u32) {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let n = BigUint::from_bytes_be(&N_BYTES);
    let two = BigUint::from(2u32);
    let base_bytes = rng.bytes(384);
    let base = BigUint::from_bytes_be(&base_bytes) % &n;
    let e256 = rng.bytes(32);
    let e1024 = rng.bytes(128);
    let e1025 = {
        let mut e = rng.bytes(129);
        e[0] = 1;
        e
    };
    let e1281 = {
        let mut e = rng.bytes(161);
        e[0] = 1;
        e
    };

    let line = |name: &str, old: f64, new: f64| {
        print(&format!("{name:<44} num-bigint {old:8.3} ms   new {new:8.3} ms   x{:.1}", old / new));
    };

    let old = time(now, reps, || {
        core::hint::black_box(two.modpow(&BigUint::from_bytes_be(&e1024), &n));
    });
    let new = time(now, reps, || {
        let e = Exponent::from_be_bytes(&e1024);
        core::hint::black_box(mont::from_mont(&mont::pow2_mont(&e)));
    });
    line("2^a, 1024-bit a (A)", old, new);

    let old = time(now, reps, || {
        core::hint::black_box(two.modpow(&BigUint::from_bytes_be(&e256), &n));
    });
    let new = time(now, reps, || {
        let e = Exponent::from_be_bytes(&e256);
        core::hint::black_box(mont::from_mont(&mont::pow2_mont(&e)));
    });
    line("2^x, 256-bit x (g^x)", old, new);

    for (name, e) in
        [("base^e, 1024-bit e", &e1024), ("base^e, 1025-bit e (real a+u·x)", &e1025), ("base^e, 1281-bit e", &e1281)]
    {
        let old = time(now, reps, || {
            core::hint::black_box(base.modpow(&BigUint::from_bytes_be(e), &n));
        });
        let new = time(now, reps, || {
            let b = mont::to_mont(&mont::reduce_be(&base_bytes));
            let e = Exponent::from_be_bytes(e);
            core::hint::black_box(mont::from_mont(&mont::pow_mont(&b, &e)));
        });
        line(name, old, new);
    }

    // A whole sign-in's SRP: A, then the password key (g^x, k·g^x, S, HKDF).
    let a = rng.bytes(128);
    let b_hex = super::pad::to_hex(&rng.bytes(384));
    let salt_hex = super::pad::to_hex(&rng.bytes(16));
    let old = time(now, reps, || {
        // The three exponentiations the old code did, with num-bigint.
        let a = BigUint::from_bytes_be(&a);
        let big_a = two.modpow(&a, &n);
        let x = BigUint::from_bytes_be(&e256);
        let gx = two.modpow(&x, &n);
        let exp = &a + &x * &x;
        core::hint::black_box((big_a, base.modpow(&exp, &n), gx));
    });
    let new = time(now, reps, || {
        let c = SrpClient::from_small_a(&a);
        core::hint::black_box(c.password_authentication_key("pool", "user", "pw", &b_hex, &salt_hex)).unwrap();
    });
    line("whole sign-in SRP (A, g^x, S)", old, new);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore = "benchmark: cargo test --release --lib srp::bench -- --ignored --nocapture"]
fn bench_modpow_native() {
    let start = std::time::Instant::now();
    run(&|s| println!("{s}"), &|| start.elapsed().as_secs_f64() * 1e3, 30);
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    #[ignore]
    fn bench_modpow_wasm() {
        // performance.now(): sub-millisecond resolution, unlike Date.now().
        let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
        let now_fn: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into()).unwrap().into();
        let now = move || now_fn.call0(&perf).unwrap().as_f64().unwrap();
        super::run(&|s| console_log!("{}", s), &now, 15);
    }
}
