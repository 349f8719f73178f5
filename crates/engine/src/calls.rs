//! The callers of the API and the call log, a part of the `Service` with
//! its own narrow methods: the caller labels by number (`CallerIx`: a
//! runner's name, "console", "client", …), the caller of the calls being
//! made, and the log of calls when it is on (off by default: it costs a
//! JSON rendering per call). What a call does is left to `wire` and
//! `actions`; when the simulated runners poll is left to `runners`.

use crate::ix::{CallerIx, IxVec};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One recorded API call (for the UI's API log).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub at: NaiveDateTime,
    pub caller: String,
    pub action: String,
    pub request: String,
    pub response: String,
    pub status: u16,
}

/// The caller labels, the current caller and the call log.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Calls {
    log_enabled: bool,
    log: Vec<CallRecord>,
    labels: IxVec<CallerIx, String>,
    current: CallerIx,
}

impl Default for Calls {
    fn default() -> Self {
        Calls {
            log_enabled: false,
            log: Vec::new(),
            labels: IxVec::from(vec!["client".to_string()]),
            current: CallerIx(0),
        }
    }
}

impl Calls {
    /// The caller of the calls being made.
    #[inline]
    pub fn current(&self) -> CallerIx {
        self.current
    }

    /// Make `c` the caller; returns the one it replaces.
    pub fn set_current(&mut self, c: CallerIx) -> CallerIx {
        std::mem::replace(&mut self.current, c)
    }

    /// The number of caller `label`, made on first use.
    pub fn index(&mut self, label: &str) -> CallerIx {
        match self.find(label) {
            Some(n) => n,
            None => self.labels.push(label.to_string()),
        }
    }

    /// The number of caller `label`, if it ever called.
    pub fn find(&self, label: &str) -> Option<CallerIx> {
        self.labels.position(|c| c == label)
    }

    /// The label of caller `c`.
    pub fn label(&self, c: CallerIx) -> Option<&str> {
        self.labels.get(c).map(String::as_str)
    }

    /// The label of the current caller.
    pub fn current_label(&self) -> &str {
        self.label(self.current).unwrap_or("client")
    }

    #[inline]
    pub fn log_enabled(&self) -> bool {
        self.log_enabled
    }

    /// Turn the log on or off; returns whether it was on.
    pub fn set_log_enabled(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.log_enabled, on)
    }

    pub fn log(&self) -> &[CallRecord] {
        &self.log
    }

    /// Record a call (when the log is on).
    pub fn record(&mut self, call: CallRecord) {
        if self.log_enabled {
            self.log.push(call);
        }
    }

    pub fn clear_log(&mut self) {
        self.log.clear();
    }

    /// Keep only the newest `keep` calls.
    pub fn trim_log(&mut self, keep: usize) {
        let n = self.log.len();
        if n > keep {
            self.log.drain(..n - keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_are_numbered_once_and_the_log_keeps_the_newest() {
        let mut c = Calls::default();
        assert_eq!((c.current(), c.current_label()), (CallerIx(0), "client"));
        let r = c.index("runner-1");
        assert_eq!((c.index("runner-1"), c.find("runner-1")), (r, Some(r)));
        assert_eq!(c.set_current(r), CallerIx(0));
        assert_eq!(c.current_label(), "runner-1");
        let call = |n: u16| CallRecord {
            at: NaiveDateTime::default(),
            caller: "client".into(),
            action: "ListPipelines".into(),
            request: "{}".into(),
            response: "{}".into(),
            status: n,
        };
        c.record(call(1));
        assert!(c.log().is_empty(), "off by default");
        assert!(!c.set_log_enabled(true));
        for n in 2..6 {
            c.record(call(n));
        }
        c.trim_log(2);
        let kept: Vec<u16> = c.log().iter().map(|r| r.status).collect();
        assert_eq!(kept, [4, 5]);
        c.clear_log();
        assert!(c.log().is_empty());
    }
}
