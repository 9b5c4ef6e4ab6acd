//! The few `f64` operations the crate needs that `core` leaves to std (they call libm),
//! and reading a decimal number, which `core` does with large tables.

/// `text` (JSON's number grammar) as the nearest f64, correctly rounded (±infinity or ±0
/// past the range), as `JSON.parse` reads it. The platform's own reader does it: in the
/// browser JS's `parseFloat` (which reads JSON's number grammar whole), elsewhere (native
/// tests and tools) core's; a correctly rounding reader of our own would bring its
/// power-of-ten tables into the wasm.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> f64 {
    js_sys::parse_float(text)
}

/// See the wasm version above.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// `x.floor()`, for |x| < 2^63 (times and counts; larger values are already integers).
pub fn floor(x: f64) -> f64 {
    if x.is_nan() || x.abs() >= 9.2e18 {
        return x;
    }
    let t = x as i64 as f64; // towards zero
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// `x.ceil()`, same range as [`floor`].
pub fn ceil(x: f64) -> f64 {
    -floor(-x)
}

/// `x.round()`: half away from zero, same range as [`floor`].
pub fn round(x: f64) -> f64 {
    let down = floor(x.abs());
    let r = if x.abs() - down >= 0.5 { down + 1.0 } else { down };
    if x < 0.0 {
        -r
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_std() {
        for x in [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.4999, 1e15 + 0.5, -7.7, 123456789.123, 1.7e18] {
            assert_eq!(floor(x), x.floor(), "floor {x}");
            assert_eq!(ceil(x), x.ceil(), "ceil {x}");
            assert_eq!(round(x), x.round(), "round {x}");
        }
    }
}
