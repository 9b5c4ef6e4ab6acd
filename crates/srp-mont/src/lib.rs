//! Fixed-size arithmetic modulo Cognito's SRP prime N (RFC 3526 group 15,
//! 3072 bits), written for wasm32 first.
//!
//! # Representation
//!
//! A number is 110 limbs of 28 bits, little-endian, each stored in a `u32`
//! (`[u32; 110]`, 3080 bits). Products of two limbs are < 2^56, so a whole
//! column of a product (at most 220 limb products, see [`mont_mul`]) can be
//! summed in a single `u64` accumulator with no carry handling inside the
//! inner loop: per product just `i64.mul` and `i64.add`. wasm32 has a native
//! 64-bit multiply but no 64×64→128 one, which is why this beats 32-bit
//! saturated limbs (which need a carry split per product) there. Columns are
//! summed two at a time ([`dot2`]) so every loaded limb feeds two products.
//!
//! # Montgomery form
//!
//! R = 2^3080 (= 2^(28·110)). N ≡ −1 (mod 2^64), so n0' = −N⁻¹ mod 2^28 is 1
//! and the Montgomery quotient digit is simply the low 28 bits of the
//! accumulator. Because 4N < R, [`mont_mul`] maps inputs in [0, 2N) to an
//! output in [0, 2N) without the usual conditional final subtraction
//! ("almost Montgomery" / lazy reduction): there is no data-dependent step at
//! all in the multiply. Values are brought into [0, N) only when leaving the
//! Montgomery domain ([`from_mont`], [`cond_sub_n`]).
//!
//! # Constant time
//!
//! Everything here that can see a secret (the exponents `a`, `x`, `a + u·x`
//! and values derived from them, e.g. g^x and the SRP base B − k·g^x) runs in
//! time that depends only on public lengths:
//! - no branch and no memory index depends on limb values or exponent bits:
//!   loops run over fixed limb counts; the window digit selects a table entry
//!   by reading *every* entry and masking ([`ct_select`]), and the base-2
//!   digit 2^d is built the same way ([`ct_pow2`]);
//! - the exponent is processed at a fixed, public bit length ([`Exponent::bits`])
//!   — leading zero bits are not skipped — so the sequence of squarings,
//!   multiplications and table reads is the same for every exponent of that
//!   length (zero, all ones, anything);
//! - the multiply has no final subtraction (lazy reduction, above); the
//!   small multiply used for base 2 ([`mul_small`]) reduces with a quotient
//!   computed arithmetically, not by comparing; the only conditional
//!   subtraction ([`cond_sub_n`]) and the modular subtraction ([`sub_mod`])
//!   select their result with a mask;
//! - masks go through `core::hint::black_box` so the optimiser cannot prove
//!   they are 0 or all-ones and turn the masked selects back into branches;
//! - the secret exponent a + u·x ([`Exponent::a_plus_ux`]) is computed with
//!   fixed loops and gets the fixed length max(8·len(a), 512) + 1 bits
//!   (513 for our 64-byte a, 1025 for the JS SDK's 128-byte one), x is
//!   processed as 256 bits, a as 8·len(a) bits.
//!
//! How it is checked: `tests::op_sequence_is_independent_of_exponent` counts
//! (under `cfg(test)`) every multiply, square, small multiply and table read,
//! plus an order-sensitive fingerprint of the sequence, and requires them to
//! be equal for several exponents of one length, including all-zero,
//! all-one, 1 and top-bit-only exponents, and for a + u·x with u·x zero or
//! maximal. Beyond the sequence of operations, the code has no
//! data-dependent control flow or addressing by construction — reviewable:
//! every `if`/`match`/`.get()` in this file is on loop indices, public
//! lengths or `cfg`. Multiplication instructions themselves are assumed
//! constant time (true of `i64.mul` on the x86-64 and AArch64 engines
//! browsers run on).
//!
//! Not covered (inherent in the protocol, same as the JS SDK): `padHex(S)`
//! strips S's leading zero bytes before hashing, so the HKDF input length —
//! and the time to build it — depends on S.

#![forbid(unsafe_code)]
// Only `core` and `alloc`: the wasm that links this crate is `no_std`.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;

use core::hint::black_box;

/// Bits per limb.
const W: u32 = 28;
/// Number of limbs: 110 · 28 = 3080 ≥ 3072 + 2, so 4N < R.
pub const L: usize = 110;
const MASK: u64 = (1 << W) - 1;

/// A 3080-bit number as 110 little-endian 28-bit limbs.
pub type Limbs = [u32; L];

/// RFC 3526 group 15 (3072-bit), exactly as in the JS SDK's `initN`.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// Byte length of N.
pub const N_LEN: usize = 384;

const fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("N_HEX is not hex"), // compile-time only
    }
}

/// N, big-endian.
pub const N_BYTES: [u8; N_LEN] = {
    let h = N_HEX.as_bytes();
    assert!(h.len() == 2 * N_LEN);
    let mut out = [0u8; N_LEN];
    let mut i = 0;
    while i < N_LEN {
        out[i] = (hex_digit(h[2 * i]) << 4) | hex_digit(h[2 * i + 1]);
        i += 1;
    }
    out
};

/// Limbs of a big-endian byte string of at most 385 bytes (bytes beyond
/// 3080 bits would be dropped; callers never pass more than 384).
/// Usable in constants; branches only on positions, never on byte values.
pub const fn limbs_from_be(b: &[u8]) -> Limbs {
    let mut out = [0u32; L];
    let n = b.len();
    let mut p = 0; // little-endian byte position
    while p < n {
        let v = (b[n - 1 - p] as u64) << ((8 * p) % W as usize);
        let li = 8 * p / W as usize;
        if li < L {
            out[li] |= (v & MASK) as u32;
        }
        if li + 1 < L {
            out[li + 1] |= (v >> W) as u32;
        }
        p += 1;
    }
    out
}

/// Big-endian bytes of `x` (which must be < 2^3072, e.g. canonical mod N).
pub fn limbs_to_be(x: &Limbs) -> [u8; N_LEN] {
    let mut out = [0u8; N_LEN];
    for (p, byte) in out.iter_mut().rev().enumerate() {
        let bit = 8 * p;
        let li = bit / W as usize;
        let lo = u64::from(x[li]);
        let hi = x.get(li + 1).map_or(0, |&v| u64::from(v));
        *byte = ((lo | (hi << W)) >> (bit % W as usize)) as u8;
    }
    out
}

/// N in limbs.
pub const N: Limbs = limbs_from_be(&N_BYTES);

/// R mod N = 2^3080 mod N = 2^8·δ with δ = 2^3072 − N (2^8·δ < 2^3016 < N: δ < 2^3008
/// since the top 64 bits of N are ones): the Montgomery form of 1. Computed when asked
/// for (once per exponentiation), as 2^3052 times 2^28 reduced by [`mul_small`]: as a
/// constant it was 440 bytes of the wasm's data that do not compress.
pub fn one_m() -> Limbs {
    let mut top = [0u32; L];
    top[L - 1] = 1; // 2^3052
    mul_small_unrecorded(&top, 1 << W, 0)
}

/// Plain 1 (multiplying a Montgomery value by it leaves the Montgomery domain).
const ONE: Limbs = {
    let mut one = [0u32; L];
    one[0] = 1;
    one
};

// ---------------------------------------------------------------------------
// Operation counting (tests only): proves the operation sequence of the
// exponentiations does not depend on exponent values.

#[cfg(test)]
pub mod counter {
    use std::cell::Cell;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Ops {
        pub mul: u64,
        pub sqr: u64,
        pub small: u64,
        pub select: u64,
        /// Order-sensitive fingerprint of the sequence of operations.
        pub trace: u64,
    }

    thread_local! {
        static OPS: Cell<Ops> = Cell::new(Ops::default());
    }

    pub fn record(kind: u64) {
        OPS.with(|c| {
            let mut o = c.get();
            match kind {
                1 => o.mul += 1,
                2 => o.sqr += 1,
                3 => o.small += 1,
                _ => o.select += 1,
            }
            o.trace = o.trace.wrapping_mul(0x100_0000_01b3).wrapping_add(kind);
            c.set(o);
        });
    }

    /// Resets the counters, runs `f`, returns what it did.
    pub fn count<T>(f: impl FnOnce() -> T) -> (T, Ops) {
        OPS.with(|c| c.set(Ops::default()));
        let r = f();
        (r, OPS.with(|c| c.get()))
    }
}

#[inline(always)]
fn record(_kind: u64) {
    #[cfg(test)]
    counter::record(_kind);
}

// ---------------------------------------------------------------------------
// Constant-time helpers.

/// All-ones if `a == b`, else zero, with no branch.
#[inline(always)]
fn ct_eq_mask(a: u32, b: u32) -> u32 {
    let x = a ^ b;
    // (x | −x) has its top bit set iff x != 0.
    let nonzero = (x | x.wrapping_neg()) >> 31;
    black_box(nonzero.wrapping_sub(1))
}

/// 2^d for a secret 0 <= d < 32, built without a variable shift or branch.
#[inline(always)]
fn ct_pow2(d: u32) -> u64 {
    let mut p = 0u64;
    for k in 0..32u32 {
        p |= u64::from(ct_eq_mask(k, d)) & (1u64 << k);
    }
    p
}

/// `table[idx]`, reading every entry (no secret-dependent memory address).
fn ct_select(table: &[Limbs; TABLE], idx: u32) -> Limbs {
    record(4);
    let mut out = [0u32; L];
    for (k, entry) in table.iter().enumerate() {
        let mask = ct_eq_mask(k as u32, idx);
        for (o, &v) in out.iter_mut().zip(entry.iter()) {
            *o |= v & mask;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Core arithmetic.

/// Two adjacent columns of a product at once:
/// (Σ_{t<n} x[t]·y[n−1−t], Σ_{t<n} x[t]·y[n−t]) with n = x.len() and
/// y.len() = n + 1. Each loaded x[t] and y[k] serves two products, halving
/// the loads (on wasm every load also costs an address add: LLVM does not
/// fold constant offsets into wasm loads here). Each sum has at most 110
/// products < 2^56, so neither can overflow.
///
/// One plain loop, bounds-check free: LLVM unrolls it by itself at the crate's opt-level 3.
/// It replaced a loop unrolled by hand into chunks of four (which shared each loaded y
/// between the chunk's products): more wasm, and no faster in V8 (bench/size-decisions.md).
///
/// Out of line: [`mont_product`] calls it four times per pair of columns, and its four
/// inlined copies were 1 KB of wasm. The calls cost about 3% of a warm sign-in's SRP,
/// and the smaller product gets optimised sooner by engines that compile in tiers (V8):
/// the first sign-in of a page is faster.
#[inline(never)]
fn dot2(x: &[u32], y: &[u32]) -> (u64, u64) {
    // Lengths are fixed by the callers; the `get`s only keep this panic-free.
    let n = x.len().min(y.len().saturating_sub(1));
    let (x, y, mut prev) = match (x.get(..n), y.get(..n), y.get(n)) {
        (Some(x), Some(y), Some(&last)) => (x, y, u64::from(last)),
        _ => return (0, 0),
    };
    // x[t] pairs with y[n − 1 − t] (y reversed) and with the y element above it,
    // `prev` (y[n − t]).
    let (mut s0, mut s1) = (0u64, 0u64);
    for (&a, &b) in x.iter().zip(y.iter().rev()) {
        let (a, b) = (u64::from(a), u64::from(b));
        s0 += a * b;
        s1 += a * prev;
        prev = b;
    }
    (s0, s1)
}

#[inline(always)]
fn mul(a: u32, b: u32) -> u64 {
    a as u64 * b as u64
}

/// The Montgomery digit for a finished column: n0' = 1 because N ≡ −1
/// (mod 2^28), so m = acc mod 2^28 makes acc + m·N_0 = acc + m·(2^28 − 1)
/// ≡ 0 (mod 2^28); returns m and the carry (acc + m·N_0) / 2^28.
#[inline(always)]
fn reduce_column(acc: u64) -> (u32, u64) {
    let m = (acc & MASK) as u32;
    (m, (acc + mul(m, N[0])) >> W)
}

/// Montgomery multiplication a·b·R⁻¹ mod N (see [`mont_product`]).
pub fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
    record(1);
    mont_product(a, b, black_box(0))
}

/// Montgomery squaring a²·R⁻¹ mod N (see [`mont_product`]).
pub fn mont_sqr(a: &Limbs) -> Limbs {
    record(2);
    mont_product(a, a, black_box(1))
}

/// `x[start..end]`, or nothing where that is out of range (never, for the callers'
/// indices): the products' slices without the panic paths of indexing, which the
/// compiler could not prove unreachable.
#[inline(always)]
fn part(x: &Limbs, start: usize, end: usize) -> &[u32] {
    x.get(start..end).unwrap_or_default()
}

/// `x[j]`, or 0 where `j` is out of range (never, for the callers' indices), as [`part`].
#[inline(always)]
fn limb(x: &Limbs, j: usize) -> u32 {
    x.get(j).copied().unwrap_or(0)
}

/// Montgomery product a·b·R⁻¹ mod N, product scanning with the reduction interleaved
/// column by column (Koç et al.'s FIPS method), two columns per step. For a square
/// (`square` = 1, `b` = `a`), each cross product a_j·a_k (j < k) is computed once and
/// doubled. One function for both, the square choosing its slices and terms
/// arithmetically (no branch): a copy for each cost the wasm about 2 KB, and `square`
/// goes through `black_box` at the callers so that the compiler does not make the two
/// copies again.
///
/// Inputs: limbs < 2^28, values < 2N. Output: limbs < 2^28, value < 2N
/// (since (a·b + m·N)/R < (4N² + R·N)/R = N·(4N/R + 1) < 2N as 4N < R).
///
/// Accumulator bound: a column adds at most 110 products a_j·b_{i−j} (for a square:
/// 2·(≤ 55 cross products) + 1 square) and 110 products m_j·N_{i−j}, each
/// ≤ (2^28 − 1)^2, plus the carry from the previous column (< 2^36): < 220·2^56 + 2^36
/// < 2^64.
#[inline(never)]
fn mont_product(a: &Limbs, b: &Limbs, square: usize) -> Limbs {
    let sq = square as u64; // 0 or 1
    let k = 1 + sq; // what the cross products are multiplied by
    let mut m = [0u32; L];
    let mut out = [0u32; L];
    let mut acc = 0u64;
    // Low columns i, i + 1 (i even; L is even). Column c is
    // Σ_{j≤c} a_j·b_{c−j} + Σ_{j≤c} m_j·N_{c−j}, where m_i, m_{i+1} are only
    // known once columns i, i + 1 are summed: their terms are added last.
    // The product terms: a product sums a_j·b_{i−j} for j ≤ i (x = a[..=i], y = b[..=i+1])
    // and adds a_{i+1}·b_0 to column i + 1; a square (h = i/2) sums the cross products
    // a_j·a_{i−j} for j < h (x = a[..h], y = a[h+1..=i+1]), doubles them and adds a_h²
    // to column i, and a_h·a_{h+1} (doubled) to column i + 1. With y_start = sq·(h + 1)
    // and x_len = i + 1 − y_start, both are: x = a[..x_len], y = b[y_start..=i+1],
    // column i + 1 also gets a[x_len]·b[y_start]. `dot2` takes as many terms as y has,
    // less one, so x is passed whole (here and for m: y decides the length).
    for i in (0..L).step_by(2) {
        let h = i / 2;
        let y_start = square * (h + 1);
        let x_len = i + 1 - y_start;
        let (s0, s1) = dot2(a, part(b, y_start, i + 2));
        let (q0, q1) = dot2(&m, part(&N, 1, i + 2));
        let (mi, carry) = reduce_column(acc + k * s0 + sq * mul(a[h], b[h]) + q0);
        m[i] = mi;
        let p1 = k * (s1 + mul(limb(a, x_len), limb(b, y_start)));
        let (mi1, carry) = reduce_column(carry + p1 + q1 + mul(mi, N[1]));
        m[i + 1] = mi1;
        acc = carry;
    }
    // High columns i, i + 1 for i = L, L + 2, ..., 2L − 4, then 2L − 2 alone.
    // With lo = i + 1 − L, column i is Σ_{lo≤j<L} (a_j·b_{i−j} + m_j·N_{i−j}).
    // A product sums x = a[lo+1..], y = b[lo..] and adds a_lo·b_{L−1} to column i; a
    // square sums the cross products x = a[lo+1..h], y = a[h+1..], adds a_lo·a_{L−1}
    // to column i's and a_h·a_{h+1} to column i + 1's before doubling, and a_h² to
    // column i. With x_end = L − sq·(L − h) and y_start = lo + sq·(h + 1 − lo), both are
    // x = a[lo+1..x_end], y = b[y_start..]; as y decides the length, x is a[lo+1..].
    for i in (L..2 * L - 2).step_by(2) {
        let lo = i + 1 - L;
        let h = i / 2;
        let y_start = lo + square * (h + 1 - lo);
        let (s0, s1) = dot2(part(a, lo + 1, L), part(b, y_start, L));
        let (q0, q1) = dot2(part(&m, lo + 1, L), part(&N, lo, L));
        acc += k * (s0 + mul(a[lo], b[L - 1])) + sq * mul(a[h], b[h]) + q0 + mul(m[lo], N[L - 1]);
        out[i - L] = (acc & MASK) as u32;
        acc = (acc >> W) + k * (s1 + sq * mul(a[h], b[h + 1])) + q1;
        out[i + 1 - L] = (acc & MASK) as u32;
        acc >>= W;
    }
    acc += mul(a[L - 1], b[L - 1]) + mul(m[L - 1], N[L - 1]);
    out[L - 2] = (acc & MASK) as u32;
    out[L - 1] = (acc >> W) as u32; // < 2^21 since the value is < 2N < 2^3073
    out
}

/// (r·p + c) mod N into [0, 2N), for r < 2N, p ≤ 2^31, c < 2^32; works for
/// Montgomery and plain values alike (it is linear).
///
/// t = r·p + c < 2^3104. With q = ⌊t / 2^3072⌋ < 2^32 and t = q·2^3072 + t₀,
/// t − q·N = t₀ + q·δ where δ = 2^3072 − N < 2^3008, so 0 ≤ t − q·N < 2^3072 + 2^3040
/// < 2N. No comparison, no branch: the result is t − q·N, limb by limb with a signed
/// borrow, modulo 2^3080 (it is below that, so what t has beyond 3080 bits cancels).
///
/// Out of line, one copy: it runs once per window of [`pow2_mont`] (beside five
/// squarings) and a few hundred times per sign-in in the conversions ([`reduce_be`],
/// [`to_mont`]), so a call costs nothing measurable, and each inlined copy cost bytes.
#[inline(always)]
pub fn mul_small(r: &Limbs, p: u64, c: u64) -> Limbs {
    record(3);
    mul_small_unrecorded(r, p, c)
}

/// [`mul_small`] without the test-only operation count: what [`one_m`] uses, since the
/// exponentiations' counts are of the steps that see the exponent.
#[inline(never)]
fn mul_small_unrecorded(r: &Limbs, p: u64, c: u64) -> Limbs {
    let mut t = [0u32; L];
    let mut carry = c;
    for (ti, &ri) in t.iter_mut().zip(r.iter()) {
        let v = u64::from(ri) * p + carry; // < 2^59 + 2^33
        *ti = (v & MASK) as u32;
        carry = v >> W;
    }
    // Bit 3072 is bit 20 of limb 109.
    let q = (u64::from(t[L - 1]) >> 20) + (carry << 8);
    let mut out = [0u32; L];
    let mut borrow = 0i64;
    for ((o, &ti), &ni) in out.iter_mut().zip(t.iter()).zip(N.iter()) {
        // q·N_i < 2^60; v > −2^61.
        let v = i64::from(ti) - (q * u64::from(ni)) as i64 + borrow;
        *o = (v as u64 & MASK) as u32;
        borrow = v >> W; // arithmetic: floor division
    }
    out
}

/// x − N if x ≥ N else x, for x < 2N: the result is x mod N. It is [`sub_mod`] with N
/// as the subtrahend (x − N lies in [−N, N), and N is added back iff x < N): one copy of
/// the subtraction serves both, as they run a few times per exponentiation, not in its
/// loops.
pub fn cond_sub_n(x: &Limbs) -> Limbs {
    sub_mod(x, &N)
}

/// (a − b) mod N for a − b in [−N, N) (a, b in [0, N); or b = N and a < 2N). Masked:
/// adds N back iff a < b. Out of line: every caller had its own inlined copy.
#[inline(never)]
pub fn sub_mod(a: &Limbs, b: &Limbs) -> Limbs {
    let mut d = [0u32; L];
    let mut borrow = 0u64;
    for ((di, &ai), &bi) in d.iter_mut().zip(a.iter()).zip(b.iter()) {
        let v = u64::from(ai).wrapping_sub(u64::from(bi) + borrow);
        *di = (v & MASK) as u32;
        borrow = v >> 63;
    }
    // borrow = 1 ⟺ a < b ⟹ add N back.
    let add = black_box((borrow as u32).wrapping_neg());
    let mut carry = 0u64;
    for (di, &ni) in d.iter_mut().zip(N.iter()) {
        let v = u64::from(*di) + u64::from(ni & add) + carry;
        *di = (v & MASK) as u32;
        carry = v >> W;
    }
    // When a < b the limbs hold a − b + 2^3080; adding N carries out of the
    // top limb, and dropping that carry (the mask) removes the 2^3080.
    d
}

/// Whether x (canonical) is zero. Not constant time: public values only.
pub fn is_zero(x: &Limbs) -> bool {
    x.iter().all(|&v| v == 0)
}

/// A big-endian integer of any length reduced mod N into [0, N). Time depends
/// on the length only (Horner's rule, three bytes at a time, with
/// [`mul_small`]).
pub fn reduce_be(bytes: &[u8]) -> Limbs {
    let mut r = [0u32; L];
    // The chunk being read (c) and 256^its length (p): a chunk ends where a multiple of
    // three bytes remains, so the first has the length's remainder.
    let (mut c, mut p) = (0u64, 1u64);
    for (i, &b) in bytes.iter().enumerate() {
        c = c << 8 | u64::from(b);
        p <<= 8;
        if (bytes.len() - i) % 3 == 1 {
            r = mul_small(&r, p, c);
            (c, p) = (0, 1);
        }
    }
    cond_sub_n(&r)
}

/// Montgomery form x·R mod N (in [0, 2N)) of x < 2N: 110 shifts by one limb.
pub fn to_mont(x: &Limbs) -> Limbs {
    let mut r = *x;
    for _ in 0..L {
        r = mul_small(&r, 1 << W, 0);
    }
    r
}

/// Leaves the Montgomery domain: x·R⁻¹ mod N in [0, N).
pub fn from_mont(x: &Limbs) -> Limbs {
    // (x·1 + m·N)/R < N + 1: at most one subtraction.
    cond_sub_n(&mont_mul(x, &ONE))
}

// ---------------------------------------------------------------------------
// Exponentiation.

/// Window width in bits for both exponentiations.
const WINDOW: usize = 5;
const TABLE: usize = 1 << WINDOW;

/// A secret exponent: little-endian 32-bit words plus the public number of
/// bits it is processed with (≥ its real length; leading zeros are processed
/// like any other bits).
#[derive(Clone)]
pub struct Exponent {
    words: Vec<u32>,
    pub bits: usize,
}

impl Exponent {
    /// From big-endian bytes; processed as 8·len bits. Out of line: a few calls per
    /// sign-in, and [`Exponent::a_plus_ux`] inlined it twice.
    #[inline(never)]
    pub fn from_be_bytes(bytes: &[u8]) -> Exponent {
        // `get_mut`: the word is always there, but the compiler kept the indexing's bounds
        // check (a panic path). Smaller after gzip than filling the words from `rchunks`.
        let mut words = vec![0u32; bytes.len().div_ceil(4)];
        for (p, &b) in bytes.iter().rev().enumerate() {
            if let Some(word) = words.get_mut(p / 4) {
                *word |= u32::from(b) << (8 * (p % 4));
            }
        }
        Exponent { words, bits: 8 * bytes.len() }
    }

    /// a + u·x for a public u and a secret x below 2^256 each (32 big-endian bytes, or
    /// more with leading zeros: the rows of zero words add nothing),
    /// computed with fixed loops; processed as max(bits(a), 512) + 1 bits.
    ///
    /// Starts from a and adds u_i·x·2^(32i) for each word u_i, each row carried through
    /// to the top word: a row of the product and the sum with a in one loop (the top
    /// word takes no carry out, as a + u·x fits). The work depends on the lengths only.
    pub fn a_plus_ux(a: &Exponent, u: &[u8], x: &[u8]) -> Exponent {
        let u = Exponent::from_be_bytes(u);
        let x = Exponent::from_be_bytes(x);
        let mut words = vec![0u32; a.words.len().max(16) + 1];
        if let Some(low) = words.get_mut(..a.words.len()) {
            low.copy_from_slice(&a.words);
        }
        for (i, &ui) in u.words.iter().enumerate() {
            let mut carry = 0u64;
            for (j, w) in words.iter_mut().skip(i).enumerate() {
                let xj = x.words.get(j).copied().unwrap_or(0);
                let v = u64::from(ui) * u64::from(xj) + u64::from(*w) + carry;
                *w = v as u32;
                carry = v >> 32;
            }
        }
        Exponent { words, bits: a.bits.max(512) + 1 }
    }

    /// Number of windows the exponent is processed in.
    fn windows(&self) -> usize {
        self.bits.div_ceil(WINDOW)
    }

    /// Bits [WINDOW·w, WINDOW·(w+1)) as a number. The position is public.
    fn window(&self, w: usize) -> u32 {
        let pos = w * WINDOW;
        let lo = u64::from(self.words.get(pos / 32).copied().unwrap_or(0));
        let hi = u64::from(self.words.get(pos / 32 + 1).copied().unwrap_or(0));
        (((hi << 32) | lo) >> (pos % 32)) as u32 & (TABLE as u32 - 1)
    }
}

/// Montgomery form of 2^e mod N, in [0, 2N).
///
/// Fixed window of 5 bits, but the table of 2^d is not needed: multiplying by
/// 2^d (d < 32) is a 31-bit small multiplication [`mul_small`] (a shift with
/// a cheap reduction), so the cost is essentially one squaring per exponent
/// bit. Operation sequence: per window, 5 squarings (not before the first) and
/// one `mul_small`, whatever the digits.
pub fn pow2_mont(e: &Exponent) -> Limbs {
    fixed_window(e, None)
}

/// base^e in Montgomery form, for `base_m` a Montgomery value in [0, 2N).
///
/// Fixed window of 5 bits: table of base^0..base^31 (30 multiplications),
/// then per window 5 squarings (not before the first), one constant-time
/// table read and one multiplication, whatever the digits (a zero digit
/// multiplies by the Montgomery 1).
pub fn pow_mont(base_m: &Limbs, e: &Exponent) -> Limbs {
    let mut table = [[0u32; L]; TABLE];
    table[0] = one_m();
    table[1] = *base_m;
    for k in 2..TABLE {
        table[k] = mont_mul(&table[k - 1], base_m);
    }
    fixed_window(e, Some(&table))
}

/// The loop both exponentiations share: from the top window down, WINDOW squarings
/// (none before the first window), then a multiplication by the window's digit's
/// power: read from `table` (a public choice: which exponentiation this is), or 2^digit
/// when there is none. The sequence depends only on the exponent's public length. Not
/// generic: one copy of the loop serves both.
fn fixed_window(e: &Exponent, table: Option<&[Limbs; TABLE]>) -> Limbs {
    let mut r = one_m();
    let windows = e.windows();
    for w in (0..windows).rev() {
        if w + 1 != windows {
            // `black_box`: the compiler unrolled these five calls, and peeled the loop around
            // them, into eleven call sites and their copies (about 700 bytes of wasm).
            for _ in 0..black_box(WINDOW) {
                r = mont_sqr(&r);
            }
        }
        let digit = e.window(w);
        r = match table {
            Some(table) => mont_mul(&r, &ct_select(table, digit)),
            None => mul_small(&r, ct_pow2(digit), 0),
        };
    }
    r
}

/// Runs the functions an exponentiation spends its time in a few times, on public
/// values, and discards the result. For engines that compile wasm in tiers (V8 runs a
/// function in its baseline compiler until it has done enough work, then optimises it in
/// the background): called at idle time, it gets them optimised before a sign-in needs
/// them, which otherwise spends its first exponentiations in baseline code.
///
/// It is 2^0 over a 35-bit exponent: the exponentiations' own loop, 30 squarings and 7
/// small multiplications (about as much work as a separate loop of products had, with
/// none of its code).
pub fn warm_up() {
    black_box(pow2_mont(&Exponent { words: vec![0; 2], bits: 35 }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    /// splitmix64: deterministic test data without a rand dependency.
    pub struct Rng(pub u64);
    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        pub fn bytes(&mut self, n: usize) -> Vec<u8> {
            (0..n).map(|_| self.next() as u8).collect()
        }
    }

    fn n_big() -> BigUint {
        BigUint::from_bytes_be(&N_BYTES)
    }

    fn big(x: &Limbs) -> BigUint {
        // Limbs may be non-canonical (< 2N): rebuild from limbs directly.
        let mut v = BigUint::default();
        for &l in x.iter().rev() {
            v = (v << W) + BigUint::from(l);
        }
        v
    }

    fn limbs(x: &BigUint) -> Limbs {
        limbs_from_be(&x.to_bytes_be())
    }

    fn r_big() -> BigUint {
        BigUint::from(1u32) << (W as usize * L)
    }

    /// Our modpow, from bytes to canonical bytes, through the same functions
    /// the SRP client uses.
    fn modpow(base: &[u8], exp: &[u8]) -> BigUint {
        let b = to_mont(&reduce_be(base));
        let r = from_mont(&pow_mont(&b, &Exponent::from_be_bytes(exp)));
        BigUint::from_bytes_be(&limbs_to_be(&r))
    }

    fn modpow2(exp: &[u8]) -> BigUint {
        let r = from_mont(&pow2_mont(&Exponent::from_be_bytes(exp)));
        BigUint::from_bytes_be(&limbs_to_be(&r))
    }

    fn check_limbs_normal(x: &Limbs) {
        assert!(x.iter().all(|&l| u64::from(l) <= MASK), "limb out of range");
    }

    #[test]
    fn constants() {
        let n = n_big();
        assert_eq!(n.bits(), 3072);
        assert_eq!(big(&N), n);
        // δ = 2^3072 − N, what `mul_small`'s bound rests on.
        let delta: BigUint = (BigUint::from(1u32) << 3072usize) - &n;
        assert!(delta.bits() <= 3008);
        assert_eq!(big(&one_m()), r_big() % &n);
        check_limbs_normal(&one_m());
        assert_eq!(N[0], MASK as u32); // N ≡ −1 mod 2^28 ⟹ n0' = 1
        assert_eq!(limbs_to_be(&N), N_BYTES);
    }

    #[test]
    fn mont_mul_and_sqr_match_reference_on_lazy_range() {
        let n = n_big();
        let two_n = &n * 2u32;
        let r_inv = r_big().modinv(&n).unwrap();
        let mut rng = Rng(1);
        let mut cases: Vec<BigUint> = vec![
            BigUint::default(),
            BigUint::from(1u32),
            &n - 1u32,
            n.clone(),
            &two_n - 1u32,
            &n + 1u32,
            (BigUint::from(1u32) << 3072) - 1u32,
        ];
        for _ in 0..40 {
            cases.push(BigUint::from_bytes_be(&rng.bytes(385)) % &two_n);
        }
        for a in &cases {
            for b in cases.iter().step_by(3) {
                let p = mont_mul(&limbs(a), &limbs(b));
                check_limbs_normal(&p);
                assert!(big(&p) < two_n);
                assert_eq!(big(&p) % &n, (a * b * &r_inv) % &n);
            }
            let s = mont_sqr(&limbs(a));
            check_limbs_normal(&s);
            assert!(big(&s) < two_n);
            assert_eq!(s, mont_mul(&limbs(a), &limbs(a)));
        }
    }

    #[test]
    fn mul_small_reduce_and_helpers() {
        let n = n_big();
        let two_n = &n * 2u32;
        let mut rng = Rng(2);
        for i in 0..200 {
            let r = match i {
                0 => &two_n - 1u32,
                1 => BigUint::default(),
                _ => BigUint::from_bytes_be(&rng.bytes(385)) % &two_n,
            };
            let p = match i % 3 {
                0 => 1u64 << 31,
                1 => 1u64 << 28,
                _ => rng.next() >> 33,
            };
            let c = rng.next() >> 32;
            let out = mul_small(&limbs(&r), p, c);
            check_limbs_normal(&out);
            assert!(big(&out) < two_n);
            assert_eq!(big(&out) % &n, (&r * p + c) % &n);
            assert_eq!(big(&cond_sub_n(&limbs(&r))), &r % &n);
        }
        // Reduction of arbitrary lengths, incl. far longer than N.
        for len in [0usize, 1, 2, 3, 4, 5, 6, 31, 383, 384, 385, 500, 1000, 4096] {
            let bytes = rng.bytes(len);
            let want = BigUint::from_bytes_be(&bytes) % &n;
            assert_eq!(big(&reduce_be(&bytes)), want, "len {len}");
        }
        assert_eq!(big(&reduce_be(&N_BYTES)), BigUint::default());
        assert_eq!(big(&reduce_be(&[0xff; 384])), BigUint::from_bytes_be(&[0xff; 384]) % &n);
        // sub_mod over all orderings.
        for _ in 0..100 {
            let a = BigUint::from_bytes_be(&rng.bytes(384)) % &n;
            let b = BigUint::from_bytes_be(&rng.bytes(384)) % &n;
            let d = sub_mod(&limbs(&a), &limbs(&b));
            check_limbs_normal(&d);
            assert_eq!(big(&d), (&a + &n - &b) % &n);
        }
        let z = limbs(&BigUint::default());
        let nm1 = limbs(&(&n - 1u32));
        assert_eq!(big(&sub_mod(&z, &nm1)), BigUint::from(1u32));
        assert_eq!(big(&sub_mod(&nm1, &z)), &n - 1u32);
        assert_eq!(big(&sub_mod(&z, &z)), BigUint::default());
        // Montgomery round trip.
        for _ in 0..20 {
            let a = BigUint::from_bytes_be(&rng.bytes(384)) % &n;
            let m = to_mont(&limbs(&a));
            assert_eq!(big(&m) % &n, (&a * r_big()) % &n);
            assert_eq!(big(&from_mont(&m)), a);
        }
    }

    /// Differential test against num-bigint's modpow: a few hundred random
    /// bases/exponents plus the edge cases.
    #[test]
    fn modpow_matches_num_bigint() {
        let n = n_big();
        let mut rng = Rng(3);
        let nm1 = (&n - 1u32).to_bytes_be();
        let mut bases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0],
            vec![1],
            vec![2],
            nm1.clone(),
            N_BYTES.to_vec(),
            (&n + 1u32).to_bytes_be(),
            (&n * 2u32).to_bytes_be(),
            vec![0xff; 384],
            vec![0xff; 800],
        ];
        for _ in 0..8 {
            let len = (rng.next() % 500) as usize;
            bases.push(rng.bytes(len));
        }
        let mut exps: Vec<Vec<u8>> =
            vec![vec![], vec![0], vec![1], vec![2], vec![0; 128], vec![0xff; 128], vec![0xff; 3]];
        for len in [1usize, 5, 32, 64, 128, 129, 161] {
            exps.push(rng.bytes(len));
        }
        // Full-size exponents (Fermat: b^(N−1) = 1 for b ≢ 0) on a few bases
        // only, to keep unoptimised `cargo test` quick.
        let full = [nm1.clone(), (&n - 2u32).to_bytes_be()];
        let mut count = 0;
        for (i, b) in bases.iter().enumerate() {
            for e in exps.iter().chain(full.iter().filter(|_| i < 8)) {
                let want = BigUint::from_bytes_be(b).modpow(&BigUint::from_bytes_be(e), &n);
                assert_eq!(modpow(b, e), want, "base {b:02x?} exp {e:02x?}");
                count += 1;
            }
        }
        // Base 2 path, including lengths that are not multiples of the window.
        let two = BigUint::from(2u32);
        for e in exps.iter().chain(full.iter()).chain([rng.bytes(32), rng.bytes(128), vec![0x80; 1]].iter()) {
            let want = two.modpow(&BigUint::from_bytes_be(e), &n);
            assert_eq!(modpow2(e), want, "exp {e:02x?}");
            count += 1;
        }
        for _ in 0..40 {
            let len = (rng.next() % 140) as usize;
            let e = rng.bytes(len);
            let want = two.modpow(&BigUint::from_bytes_be(&e), &n);
            assert_eq!(modpow2(&e), want, "exp {e:02x?}");
            count += 1;
        }
        assert!(count >= 300, "{count}");
    }

    #[test]
    fn a_plus_ux_matches_reference() {
        let mut rng = Rng(4);
        for i in 0..50 {
            let a_len = [0usize, 1, 60, 64, 65, 128, 200][i % 7];
            let a = rng.bytes(a_len);
            let mut u = [0u8; 32];
            let mut x = [0u8; 32];
            u.copy_from_slice(&rng.bytes(32));
            x.copy_from_slice(&rng.bytes(32));
            if i == 1 {
                u = [0xff; 32];
                x = [0xff; 32];
            }
            let e = Exponent::a_plus_ux(&Exponent::from_be_bytes(&a), &u, &x);
            let want = BigUint::from_bytes_be(&a) + BigUint::from_bytes_be(&u) * BigUint::from_bytes_be(&x);
            let mut got = BigUint::default();
            for &w in e.words.iter().rev() {
                got = (got << 32) + BigUint::from(w);
            }
            assert_eq!(got, want);
            assert!(want.bits() as usize <= e.bits);
            assert_eq!(e.bits, (8 * a_len).max(512) + 1);
        }
    }

    /// The constant-time check: for one exponent length, the number of
    /// squarings, multiplications, small multiplications and table reads —
    /// and their order — is the same whatever the exponent's value.
    #[test]
    fn op_sequence_is_independent_of_exponent() {
        let mut rng = Rng(5);
        for len in [32usize, 128, 129] {
            let mut exps = vec![vec![0u8; len], vec![0xff; len], vec![0x55; len]];
            let mut one = vec![0u8; len];
            one[len - 1] = 1;
            exps.push(one);
            let mut top = vec![0u8; len];
            top[0] = 0x80;
            exps.push(top);
            for _ in 0..5 {
                exps.push(rng.bytes(len));
            }
            let base = to_mont(&reduce_be(&rng.bytes(384)));
            let mut seen2 = None;
            let mut seen = None;
            for e in &exps {
                let e = Exponent::from_be_bytes(e);
                let (_, ops2) = counter::count(|| pow2_mont(&e));
                let (_, ops) = counter::count(|| pow_mont(&base, &e));
                assert_eq!(*seen2.get_or_insert(ops2), ops2, "pow2, length {len}");
                assert_eq!(*seen.get_or_insert(ops), ops, "pow, length {len}");
            }
            let windows = (8 * len).div_ceil(WINDOW) as u64;
            let ops2 = seen2.unwrap();
            assert_eq!((ops2.sqr, ops2.small, ops2.mul), (5 * (windows - 1), windows, 0));
            let ops = seen.unwrap();
            assert_eq!((ops.sqr, ops.mul, ops.select), (5 * (windows - 1), TABLE as u64 - 2 + windows, windows));
        }
        // The SRP exponent a + u·x: fixed length for a fixed length of a.
        let a = Exponent::from_be_bytes(&rng.bytes(128));
        let base = to_mont(&reduce_be(&[7]));
        let mut seen = None;
        for (u, x) in [([0u8; 32], [0u8; 32]), ([0xff; 32], [0xff; 32]), ([1; 32], [9; 32])] {
            let e = Exponent::a_plus_ux(&a, &u, &x);
            assert_eq!(e.bits, 1025);
            let (_, ops) = counter::count(|| pow_mont(&base, &e));
            assert_eq!(*seen.get_or_insert(ops), ops);
        }
    }

    #[test]
    fn dot2_matches_the_sums() {
        let mut rng = Rng(6);
        let x: Vec<u32> = (0..L).map(|_| (rng.next() & MASK) as u32).collect();
        let y: Vec<u32> = (0..=L).map(|_| (rng.next() & MASK) as u32).collect();
        for n in 0..=L {
            for off in [0, L - n] {
                let (a, b) = (&x[off..off + n], &y[L - n - off..L + 1 - off]);
                let want0: u64 = (0..n).map(|t| u64::from(a[t]) * u64::from(b[n - 1 - t])).sum();
                let want1: u64 = (0..n).map(|t| u64::from(a[t]) * u64::from(b[n - t])).sum();
                assert_eq!(dot2(a, b), (want0, want1), "n {n}");
            }
        }
        let full = [MASK as u32; L + 1];
        let max = L as u64 * MASK * MASK;
        assert_eq!(dot2(&full[..L], &full), (max, max));
        // Wrong lengths give some value, never a panic.
        let _ = (dot2(&x, &[]), dot2(&x, &x));
    }

    #[test]
    fn ct_helpers() {
        for d in 0..32 {
            assert_eq!(ct_pow2(d), 1u64 << d);
        }
        assert_eq!(ct_eq_mask(3, 3), u32::MAX);
        assert_eq!(ct_eq_mask(3, 4), 0);
        assert_eq!(ct_eq_mask(0, 0x8000_0000), 0);
        let mut table = [[0u32; L]; TABLE];
        for (k, t) in table.iter_mut().enumerate() {
            t[0] = k as u32;
            t[L - 1] = 100 + k as u32;
        }
        for k in 0..TABLE as u32 {
            let s = ct_select(&table, k);
            assert_eq!((s[0], s[L - 1]), (k, 100 + k));
        }
    }
}
