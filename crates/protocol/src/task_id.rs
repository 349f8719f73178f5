//! The taskId of a handed-out task, `<pipeline>:<attempt>:<lease>:<salt
//! as 16 lower-case hex digits>`, kept as its parts: the service and the
//! simulated runners pass it around without formatting or parsing it, and
//! it is rendered only when serialized or shown. A string that is not in
//! this exact form (as `format!` writes it: no sign, no leading zeros) is
//! kept as it came; it names no task.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A taskId as PollForTask hands it out, or any other string a caller sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaskId {
    /// An id in the service's form, as its parts.
    Issued {
        pipeline: u32,
        attempt: u32,
        lease: u32,
        salt: u64,
    },
    /// Any other string.
    Other(String),
}

impl TaskId {
    /// Read `s`: its parts when it is in the service's exact form.
    pub fn parse(s: &str) -> TaskId {
        Self::parts(s).unwrap_or_else(|| TaskId::Other(s.to_string()))
    }

    fn parts(s: &str) -> Option<TaskId> {
        // Numbers as `format!` writes them: no sign, no leading zeros.
        let number = |s: &str| {
            (s == "0" || !s.starts_with(['0', '+']))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let mut parts = s.splitn(4, ':');
        let pipeline = number(parts.next()?)?;
        let attempt = number(parts.next()?)?;
        let lease = number(parts.next()?)?;
        let salt = parts.next()?;
        let lower_hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
        if salt.len() != 16 || !salt.bytes().all(lower_hex) {
            return None;
        }
        let salt = u64::from_str_radix(salt, 16).ok()?;
        Some(TaskId::Issued {
            pipeline,
            attempt,
            lease,
            salt,
        })
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskId::Issued {
                pipeline,
                attempt,
                lease,
                salt,
            } => write!(f, "{pipeline}:{attempt}:{lease}:{salt:016x}"),
            TaskId::Other(s) => f.write_str(s),
        }
    }
}

impl From<&str> for TaskId {
    fn from(s: &str) -> Self {
        TaskId::parse(s)
    }
}

impl From<String> for TaskId {
    fn from(s: String) -> Self {
        TaskId::parts(&s).unwrap_or(TaskId::Other(s))
    }
}

impl Default for TaskId {
    fn default() -> Self {
        TaskId::Other(String::new())
    }
}

impl Serialize for TaskId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TaskId::Other(v) => s.serialize_str(v),
            issued => s.collect_str(issued),
        }
    }
}

impl<'de> Deserialize<'de> for TaskId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(TaskId::from)
    }
}

#[cfg(test)]
mod tests {
    use super::TaskId;

    #[test]
    fn service_form_round_trips_through_its_parts() {
        for s in ["0:12:3:00000000000000ff", "4294967295:0:1:ffffffffffffffff"] {
            let id = TaskId::parse(s);
            assert!(matches!(id, TaskId::Issued { .. }), "{s}");
            assert_eq!(id.to_string(), s);
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn other_strings_are_kept_as_sent() {
        for s in [
            "",
            "x",
            "01:2:3:00000000000000ff",
            "+1:2:3:00000000000000ff",
            "1:2:3:00000000000000FF",
            "1:2:3:ff",
            "1:2:3:00000000000000ff:",
            "4294967296:0:1:ffffffffffffffff",
        ] {
            let id: TaskId = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(id, TaskId::Other(s.to_string()));
            assert_eq!(id.to_string(), s);
        }
    }
}
