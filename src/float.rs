//! The few `f64` operations the crate needs that `core` leaves to std (they call libm).

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

/// `base.powi(n)` by squaring: exact while the powers are representable (10^22, 2^1023).
pub fn powi(mut base: f64, mut n: u32) -> f64 {
    let mut result = 1.0;
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        base *= base;
        n >>= 1;
    }
    result
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
        for n in 0..=22 {
            assert_eq!(powi(10.0, n), 10f64.powi(n as i32), "10^{n}");
        }
        assert_eq!(powi(2.0, 30), 2f64.powi(30));
        assert!(powi(10.0, 400).is_infinite());
    }
}
