//! What one journal frame holds: a segment's header (format, engine stamp,
//! first sequence number) or an entry (an accepted mutating call, or a
//! move of the clock), JSON-encoded. Replaying the entries in order on the
//! snapshot they follow gives the same service, byte for byte (the engine
//! is deterministic: same definition, seed and calls, same trace).

use crate::state::Anchor;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The first frame of every segment file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    /// `super::ENGINE` of the server that wrote it.
    pub engine: String,
    /// The sequence number of the segment's first entry.
    pub first_seq: u64,
}

/// One entry, numbered from 1 without gaps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    #[serde(flatten)]
    pub change: Change,
}

/// A change of the service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Change {
    /// An accepted mutating call: dispatched at virtual time `at` (after
    /// the timers due by then ran), from `caller` (the access key id).
    Call {
        at: NaiveDateTime,
        target: String,
        body: String,
        caller: String,
    },
    /// The clock moved to `to` (every timer due by then ran); in wall mode
    /// `anchor` is the new anchor to the wall clock (`POST /__clock/advance`,
    /// a start-up) or `None` (a checkpoint of the timers the clock ran).
    Clock {
        to: NaiveDateTime,
        anchor: Option<Anchor>,
    },
    /// The retention rule (`--keep-days`; None: keep everything) was put
    /// in force at virtual time `at` (after the timers due by then ran),
    /// so a replay forgets what the live server forgot.
    Retention {
        at: NaiveDateTime,
        keep_days: Option<u32>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::time::parse_datetime;

    #[test]
    fn entries_round_trip_as_json() {
        let at = parse_datetime("2012-12-12T00:00:00").unwrap() + chrono::Duration::milliseconds(5);
        let e = Entry {
            seq: 3,
            change: Change::Call {
                at,
                target: "DataPipeline.AddTags".into(),
                body: r#"{"pipelineId":"df-1"}"#.into(),
                caller: "AKID".into(),
            },
        };
        let text = serde_json::to_string(&e).unwrap();
        assert!(text.contains(r#""kind":"call""#), "{text}");
        assert!(text.contains("2012-12-12T00:00:00.005"), "{text}"); // exact, to the nanosecond
        assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), e);
        let c = Entry {
            seq: 4,
            change: Change::Clock {
                to: at,
                anchor: None,
            },
        };
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), c);
    }
}
