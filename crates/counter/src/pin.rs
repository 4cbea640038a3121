//! The staff PIN: compared whole and in constant time, five wrong ones in a row lock it for a
//! minute.

use std::time::{Duration, Instant};

use session::config::StaffPin;

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
    pub fn check(&mut self, pin: &str, expected: &StaffPin, now: Instant) -> PinVerdict {
        if let Some(until) = self.locked_until {
            if now < until {
                return PinVerdict::Locked;
            }
            self.locked_until = None;
        }
        if expected.matches(pin) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_lock_even_the_right_one_for_a_minute() {
        let pin = StaffPin::Clear("2468".into());
        let mut guard = PinGuard::default();
        let start = Instant::now();
        for _ in 0..PIN_ATTEMPTS {
            assert_eq!(guard.check("1111", &pin, start), PinVerdict::Wrong);
        }
        assert_eq!(guard.check("2468", &pin, start), PinVerdict::Locked);
        let later = start + PIN_LOCKOUT;
        assert_eq!(guard.check("2468", &pin, later), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", &pin, later), PinVerdict::Wrong);
    }

    #[test]
    fn a_right_pin_clears_the_count_of_wrong_ones() {
        let pin = StaffPin::Clear("2468".into());
        let mut guard = PinGuard::default();
        let now = Instant::now();
        for _ in 0..PIN_ATTEMPTS - 1 {
            guard.check("1111", &pin, now);
        }
        assert_eq!(guard.check("2468", &pin, now), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", &pin, now), PinVerdict::Wrong);
        assert_eq!(guard.check("2468", &pin, now), PinVerdict::Accepted);
    }

    #[test]
    fn pins_compare_whole_in_clear_and_hashed() {
        let hashed = StaffPin::Hashed(StaffPin::hash("2468").unwrap());
        for pin in [StaffPin::Clear("2468".into()), hashed] {
            assert!(pin.matches("2468"), "{pin:?}");
            assert!(!pin.matches("2469") && !pin.matches("24680") && !pin.matches(""));
        }
    }
}
