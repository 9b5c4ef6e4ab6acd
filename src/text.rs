//! Numbers as text without `core::fmt`: the shipped wasm has no formatting machinery
//! (`format!`, `to_string` on numbers, `Display`, `Debug`), which cost it tens of KB.
//! Text is built by concatenation, and integers go through these.

use crate::prelude::*;

/// Appends `n` in decimal, e.g. `42`, `-7`.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs(), 1);
}

/// Appends `n` in decimal, left-padded with zeros to at least `width` digits.
pub fn push_uint(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    while n > 0 || len < width.max(1) {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if len == digits.len() {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

/// `n` in decimal.
pub fn int(n: i64) -> String {
    let mut out = String::new();
    push_int(&mut out, n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_as_display_writes_them() {
        for n in [0, 1, 9, 10, 42, -7, 1_000_000, i64::MAX, i64::MIN, -1] {
            assert_eq!(int(n), n.to_string());
        }
        let mut s = String::new();
        push_uint(&mut s, 7, 2);
        push_uint(&mut s, 12, 2);
        push_uint(&mut s, 0, 3);
        push_uint(&mut s, u64::MAX, 1);
        assert_eq!(s, format!("0712000{}", u64::MAX));
    }
}
