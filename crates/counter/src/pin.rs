//! The staff PIN: compared whole and in constant time, five wrong ones in a row lock it for a
//! minute.

use std::time::{Duration, Instant};

/// Wrong PINs in a row before the PIN locks for [`PIN_LOCKOUT`].
pub const PIN_ATTEMPTS: u32 = 5;
pub const PIN_LOCKOUT: Duration = Duration::from_secs(60);

/// Wrong PINs in a row, and the lockout they led to.
#[derive(Debug, Default)]
pub struct PinGuard {
    failures: u32,
    locked_until: Option<Instant>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PinVerdict {
    Accepted,
    Wrong,
    /// Too many wrong PINs: nothing is checked until the lockout ends.
    Locked,
}

impl PinGuard {
    pub fn check(&mut self, pin: &str, expected: &str, now: Instant) -> PinVerdict {
        if let Some(until) = self.locked_until {
            if now < until {
                return PinVerdict::Locked;
            }
            self.locked_until = None;
        }
        if constant_time_eq(pin.as_bytes(), expected.as_bytes()) {
            *self = Self::default();
            return PinVerdict::Accepted;
        }
        self.failures += 1;
        if self.failures >= PIN_ATTEMPTS {
            self.failures = 0;
            self.locked_until = Some(now + PIN_LOCKOUT);
        }
        PinVerdict::Wrong
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_lock_even_the_right_one_for_a_minute() {
        let mut guard = PinGuard::default();
        let start = Instant::now();
        for _ in 0..PIN_ATTEMPTS {
            assert_eq!(guard.check("1111", "2468", start), PinVerdict::Wrong);
        }
        assert_eq!(guard.check("2468", "2468", start), PinVerdict::Locked);
        let later = start + PIN_LOCKOUT;
        assert_eq!(guard.check("2468", "2468", later), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", "2468", later), PinVerdict::Wrong);
    }

    #[test]
    fn a_right_pin_clears_the_count_of_wrong_ones() {
        let mut guard = PinGuard::default();
        let now = Instant::now();
        for _ in 0..PIN_ATTEMPTS - 1 {
            guard.check("1111", "2468", now);
        }
        assert_eq!(guard.check("2468", "2468", now), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", "2468", now), PinVerdict::Wrong);
        assert_eq!(guard.check("2468", "2468", now), PinVerdict::Accepted);
    }

    #[test]
    fn pins_compare_whole() {
        assert!(constant_time_eq(b"2468", b"2468"));
        assert!(!constant_time_eq(b"2468", b"2469"));
        assert!(!constant_time_eq(b"2468", b"24680"));
    }
}
