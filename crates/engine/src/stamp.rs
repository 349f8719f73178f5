//! `Stamp`: an optional time in 4 bytes, for the records a simulated year
//! holds hundreds of thousands of (instances, attempts): whole seconds
//! since 1970-01-01T00:00:00 (through 2106), 0 for none. A time it cannot
//! hold exactly (before 1970, after 2106, or with a fraction of a second:
//! the clock moves in whole seconds, so these come only from unusual
//! definitions) is marked `SPILLED` and kept whole beside the record, in
//! its rarely used part (`Spilled`), so every time reads back as it was
//! set. What the record's fields mean stays with the record.

use chrono::{DateTime, NaiveDateTime, Timelike};

/// An optional time: none, whole seconds since 1970 (+1), or spilled.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Stamp(u32);

/// What a stamp reads as without the record's spilled times.
pub enum Read {
    Time(Option<NaiveDateTime>),
    /// Kept whole beside the record.
    Spilled,
}

impl Stamp {
    pub const NONE: Stamp = Stamp(0);
    const SPILLED: Stamp = Stamp(u32::MAX);

    /// `t` as a stamp, or Err(t) when it must be kept whole.
    #[inline]
    pub fn pack(t: Option<NaiveDateTime>) -> Result<Stamp, NaiveDateTime> {
        let Some(t) = t else {
            return Ok(Stamp::NONE);
        };
        if t.nanosecond() != 0 {
            return Err(t);
        }
        match u32::try_from(t.and_utc().timestamp()) {
            Ok(s) if s < u32::MAX - 1 => Ok(Stamp(s + 1)),
            _ => Err(t),
        }
    }

    /// Whether there is no time (a spilled one is a time).
    #[inline]
    pub fn is_none(self) -> bool {
        self == Stamp::NONE
    }

    /// Whether the time is kept whole beside the record.
    #[inline]
    pub fn is_spilled(self) -> bool {
        self == Stamp::SPILLED
    }

    #[inline]
    pub fn read(self) -> Read {
        match self {
            Stamp::NONE => Read::Time(None),
            Stamp::SPILLED => Read::Spilled,
            Stamp(s) => {
                Read::Time(DateTime::from_timestamp(i64::from(s - 1), 0).map(|d| d.naive_utc()))
            }
        }
    }
}

impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.read() {
            Read::Time(t) => t.fmt(f),
            Read::Spilled => f.write_str("spilled"),
        }
    }
}

/// The times of a record that stamps cannot hold, by field number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spilled(Vec<(u8, NaiveDateTime)>);

impl Spilled {
    pub fn get(&self, field: u8) -> Option<NaiveDateTime> {
        self.0.iter().find(|(f, _)| *f == field).map(|&(_, t)| t)
    }
    pub fn set(&mut self, field: u8, t: NaiveDateTime) {
        match self.0.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = t,
            None => self.0.push((field, t)),
        }
    }
    pub fn remove(&mut self, field: u8) {
        self.0.retain(|(f, _)| *f != field);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A record's time field `$field` (number `$n`) read (`$get`) and written
/// (`$set`) through
/// its stamp and, when spilled, its rarely used part (`self.$more`, an
/// `Option<Box<_>>` with a `spilled: Spilled` field and `Default`).
#[macro_export]
#[doc(hidden)]
macro_rules! stamped_times {
    ($more:ident; $($(#[$doc:meta])* $field:ident => $get:ident, $set:ident = $n:expr;)*) => {
        $(
            $(#[$doc])*
            #[inline]
            pub fn $get(&self) -> Option<chrono::NaiveDateTime> {
                match self.$field.read() {
                    $crate::stamp::Read::Time(t) => t,
                    $crate::stamp::Read::Spilled => {
                        self.$more.as_ref().and_then(|m| m.spilled.get($n))
                    }
                }
            }
            #[inline]
            pub fn $set(&mut self, t: Option<chrono::NaiveDateTime>) {
                let was_spilled = self.$field.is_spilled();
                match $crate::stamp::Stamp::pack(t) {
                    Ok(s) => {
                        self.$field = s;
                        if was_spilled {
                            if let Some(m) = self.$more.as_mut() {
                                m.spilled.remove($n);
                            }
                        }
                    }
                    Err(t) => {
                        self.$more
                            .get_or_insert_with(Default::default)
                            .spilled
                            .set($n, t);
                        self.$field = $crate::stamp::Stamp::spilled();
                    }
                }
            }
        )*
    };
}

impl Stamp {
    /// The stamp as a number (its order is its time's, for times it holds).
    pub const fn bits(self) -> u32 {
        self.0
    }
    pub const fn from_bits(bits: u32) -> Stamp {
        Stamp(bits)
    }
    /// The mark of a time kept whole beside the record.
    #[doc(hidden)]
    pub const fn spilled() -> Stamp {
        Stamp::SPILLED
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::time::parse_datetime;

    fn back(t: Option<NaiveDateTime>) -> Option<Option<NaiveDateTime>> {
        match Stamp::pack(t).ok()?.read() {
            Read::Time(t) => Some(t),
            Read::Spilled => None,
        }
    }

    #[test]
    fn whole_seconds_from_1970_to_2106_fit_and_read_back() {
        for s in [
            "1970-01-01T00:00:00",
            "2024-02-29T23:59:59",
            "2106-02-07T06:28:13",
        ] {
            let t = parse_datetime(s);
            assert_eq!(back(t), Some(t), "{s}");
        }
        assert_eq!(back(None), Some(None));
        assert_eq!(std::mem::size_of::<Stamp>(), 4);
    }

    #[test]
    fn other_times_must_be_kept_whole() {
        let t = parse_datetime("2024-01-01T00:00:00").unwrap();
        for t in [
            parse_datetime("1969-12-31T23:59:59").unwrap(),
            parse_datetime("2106-02-07T06:28:14").unwrap(),
            parse_datetime("9999-12-31T23:59:59").unwrap(),
            t.with_nanosecond(5_000_000).unwrap(),
            NaiveDateTime::MAX,
        ] {
            assert_eq!(Stamp::pack(Some(t)), Err(t));
        }
    }

    #[test]
    fn spilled_times_are_kept_by_field() {
        let (a, b) = (NaiveDateTime::MIN, NaiveDateTime::MAX);
        let mut s = Spilled::default();
        s.set(1, a);
        s.set(2, b);
        s.set(1, b);
        assert_eq!((s.get(1), s.get(2), s.get(3)), (Some(b), Some(b), None));
        s.remove(1);
        assert_eq!(s.get(1), None);
        s.remove(2);
        assert!(s.is_empty());
    }
}
