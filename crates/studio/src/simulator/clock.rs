//! The simulator's clock policy, in plain Rust: the play speeds, how far
//! the virtual clock moves per real millisecond (whole virtual seconds only,
//! so a run never depends on frame timing), and how a long fast-forward is
//! cut into bounded slices of engine steps so the page stays responsive.
//! The controls component only binds these to animation frames and tasks.

use chrono::NaiveDateTime;

/// How fast the virtual clock runs while playing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// Virtual seconds per real second.
    Times(u32),
    /// Run engine steps as fast as the frame budget allows.
    Max,
}

/// The speeds offered, slowest first.
pub const SPEEDS: [Speed; 7] = [
    Speed::Times(1),
    Speed::Times(10),
    Speed::Times(60),
    Speed::Times(600),
    Speed::Times(3600),
    Speed::Times(86_400),
    Speed::Max,
];

/// A frame longer than this (a background tab, a debugger pause) counts as
/// this long, so the clock never leaps after the page was away.
pub const MAX_FRAME_MS: f64 = 250.0;

impl Speed {
    /// The menu label.
    pub fn label(self) -> String {
        match self {
            Speed::Times(1) => "×1 (real time)".to_string(),
            Speed::Times(60) => "×60 (1 min per second)".to_string(),
            Speed::Times(3600) => "×3600 (1 hour per second)".to_string(),
            Speed::Times(86_400) => "×86400 (1 day per second)".to_string(),
            Speed::Times(n) => format!("×{n}"),
            Speed::Max => "As fast as possible".to_string(),
        }
    }
    /// The value of its `<option>`.
    pub fn key(self) -> String {
        match self {
            Speed::Times(n) => n.to_string(),
            Speed::Max => "max".to_string(),
        }
    }
    pub fn parse(key: &str) -> Option<Speed> {
        SPEEDS.into_iter().find(|s| s.key() == key)
    }
}

/// The playing clock's carry of virtual milliseconds not yet moved (the
/// clock moves in whole seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Player {
    carry_ms: f64,
}

impl Player {
    /// Where a frame of `real_ms` at `speed` takes the clock from `now`;
    /// `None` at `Speed::Max` (the step budget decides).
    pub fn frame_target(
        &mut self,
        now: NaiveDateTime,
        speed: Speed,
        real_ms: f64,
    ) -> Option<NaiveDateTime> {
        let Speed::Times(n) = speed else {
            return None;
        };
        let real = if real_ms.is_finite() {
            real_ms.clamp(0.0, MAX_FRAME_MS)
        } else {
            0.0
        };
        self.carry_ms += real * f64::from(n);
        let secs = (self.carry_ms / 1000.0).floor();
        self.carry_ms -= secs * 1000.0;
        Some(crate::engine::clock::plus(now, secs as i64))
    }
}

/// How much engine work one animation frame may do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// Engine steps run between two looks at the wall clock.
    pub steps_per_slice: usize,
    /// Real milliseconds of work per frame before yielding to the page.
    pub frame_ms: f64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            steps_per_slice: 200,
            frame_ms: 12.0,
        }
    }
}

impl Budget {
    /// A fast-forward runs slices of engine work back to back, one task
    /// each (not one per animation frame): the page renders between two
    /// when a frame is due, about 30 times a second (the timeline reads
    /// the new trace entries after each), and almost all the time goes to
    /// the run.
    pub fn fast_forward() -> Self {
        Budget {
            frame_ms: 24.0,
            ..Budget::default()
        }
    }

    /// Whether another slice fits in this frame after `spent_ms`.
    pub fn another_slice(&self, spent_ms: f64) -> bool {
        spent_ms.is_finite() && spent_ms < self.frame_ms
    }
}

/// A fast-forward longer than this (virtual seconds) records API calls
/// only for its last stretch of this length.
pub const LOGGED_TAIL_SECS: i64 = 86_400;

/// A fast-forward in progress: from where, to where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jump {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Jump {
    /// From when a fast-forward records API calls.
    pub fn log_from(&self) -> NaiveDateTime {
        crate::engine::clock::plus(self.to, -LOGGED_TAIL_SECS).max(self.from)
    }

    /// The share done at `now`, in 0..=1.
    pub fn progress(&self, now: NaiveDateTime) -> f64 {
        let total = (self.to - self.from).num_seconds();
        if total <= 0 {
            return 1.0;
        }
        let done = (now - self.from).num_seconds().clamp(0, total);
        done as f64 / total as f64
    }
}

/// A jump preset: label and seconds (months and years by the calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Secs(&'static str, i64),
    Months(&'static str, u32),
}

pub const PRESETS: [Preset; 6] = [
    Preset::Secs("+1 min", 60),
    Preset::Secs("+1 hour", 3600),
    Preset::Secs("+1 day", 86_400),
    Preset::Secs("+1 week", 7 * 86_400),
    Preset::Months("+1 month", 1),
    Preset::Months("+1 year", 12),
];

impl Preset {
    pub fn label(self) -> &'static str {
        match self {
            Preset::Secs(l, _) | Preset::Months(l, _) => l,
        }
    }
    /// Where the preset takes the clock from `now`.
    pub fn target(self, now: NaiveDateTime) -> NaiveDateTime {
        match self {
            Preset::Secs(_, s) => crate::engine::clock::plus(now, s),
            Preset::Months(_, m) => now
                .checked_add_months(chrono::Months::new(m))
                .unwrap_or(NaiveDateTime::MAX),
        }
    }
}

/// Read a jump target typed by the user: the service's DateTime format,
/// or what a `datetime-local` input gives (no seconds).
pub fn parse_target(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    crate::model::time::parse_datetime(t)
        .or_else(|| crate::model::time::parse_datetime(&format!("{t}:00")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_datetime;

    fn at(s: &str) -> NaiveDateTime {
        parse_datetime(s).unwrap()
    }

    #[test]
    fn the_clock_moves_whole_seconds_and_carries_the_rest() {
        let mut p = Player::default();
        let t0 = at("2024-01-01T00:00:00");
        // 16 ms at real time: nothing yet, the carry keeps it.
        assert_eq!(p.frame_target(t0, Speed::Times(1), 16.0), Some(t0));
        let mut t = t0;
        for _ in 0..62 {
            t = p.frame_target(t, Speed::Times(1), 16.0).unwrap();
        }
        // 63 frames × 16 ms = 1008 ms → one second.
        assert_eq!(t, at("2024-01-01T00:00:01"));
        let mut p = Player::default();
        assert_eq!(
            p.frame_target(t0, Speed::Times(3600), 100.0),
            Some(at("2024-01-01T00:06:00"))
        );
        assert_eq!(p.frame_target(t0, Speed::Max, 100.0), None);
    }

    #[test]
    fn a_long_frame_counts_as_a_short_one() {
        let mut p = Player::default();
        let t0 = at("2024-01-01T00:00:00");
        let t = p.frame_target(t0, Speed::Times(60), 60_000.0).unwrap();
        assert_eq!(t, at("2024-01-01T00:00:15"), "250 ms × 60");
        assert_eq!(p.frame_target(t0, Speed::Times(60), f64::NAN), Some(t0));
        assert_eq!(p.frame_target(t0, Speed::Times(60), -5.0), Some(t0));
    }

    #[test]
    fn speeds_round_trip_through_their_keys() {
        for s in SPEEDS {
            assert_eq!(Speed::parse(&s.key()), Some(s));
        }
        assert_eq!(Speed::parse("7"), None);
        assert_eq!(Speed::Times(1).label(), "×1 (real time)");
    }

    #[test]
    fn jump_progress_and_presets() {
        let j = Jump {
            from: at("2024-01-01T00:00:00"),
            to: at("2024-01-01T10:00:00"),
        };
        assert_eq!(j.progress(at("2024-01-01T05:00:00")), 0.5);
        assert_eq!(j.log_from(), j.from, "a short jump logs every call");
        let year = Jump {
            from: at("2024-01-01T00:00:00"),
            to: at("2025-01-01T00:00:00"),
        };
        assert_eq!(year.log_from(), at("2024-12-31T00:00:00"));
        assert_eq!(j.progress(at("2025-01-01T00:00:00")), 1.0);
        let now = at("2024-01-31T12:00:00");
        assert_eq!(PRESETS[4].target(now), at("2024-02-29T12:00:00"));
        assert_eq!(PRESETS[5].target(now), at("2025-01-31T12:00:00"));
        assert_eq!(PRESETS[1].target(now), at("2024-01-31T13:00:00"));
    }

    #[test]
    fn targets_accept_the_service_format_and_datetime_local() {
        assert_eq!(
            parse_target("2024-03-01T10:30"),
            Some(at("2024-03-01T10:30:00"))
        );
        assert_eq!(
            parse_target(" 2024-03-01T10:30:05 "),
            Some(at("2024-03-01T10:30:05"))
        );
        assert_eq!(parse_target("tomorrow"), None);
        assert!(Budget::default().another_slice(3.0));
        assert!(!Budget::default().another_slice(f64::NAN));
    }
}
