//! `explain`: why an object is in its state, in words, by walking its
//! waiting reason and the trace's causes back to the root ("FAILED because
//! attempt 3 of 3 ended: lease expired at 10:47 after r2 stopped reporting").
//! A retry, a reassignment or a timeout is followed by the line of the rule
//! that caused it and its source (`rules`).

use super::objects::ObjRef;
use super::rules::{self, RuleId};
use super::state::{Status, Wait};
use super::trace::{Cause, Subject, TraceEntry};
use super::Service;
use crate::ix::{AttemptIx, InstanceIx, PipelineIx};
use model::time::format_datetime;

const MAX_DEPTH: usize = 8;

impl Service {
    /// Lines explaining `object_id` of `pipeline_id` (empty if unknown).
    pub fn explain(&self, pipeline_id: &str, object_id: &str) -> Vec<String> {
        let Some(p) = self.pipelines.find(pipeline_id) else {
            return Vec::new();
        };
        let Some(obj) = self.find_object(p, object_id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match obj {
            ObjRef::Instance(i) => self.explain_instance(p, i, 0, &mut out),
            ObjRef::Attempt(a) => self.explain_attempt(p, a, &mut out),
            ObjRef::Component(c) => {
                let comp = &self.pipelines[p].components[c];
                out.push(format!(
                    "{} is a component with {} instance(s){}",
                    comp.id,
                    comp.instances.len(),
                    if comp.paused { "; it is PAUSED" } else { "" }
                ));
            }
            ObjRef::Defined(_) => out.push(format!(
                "{object_id} is defined but the pipeline was never activated"
            )),
        }
        out
    }

    fn last_entry(&self, p: PipelineIx, s: Subject) -> Option<TraceEntry> {
        self.trace
            .entries()
            .iter()
            .rev()
            .find(|e| e.pipeline == p && e.subject == s && e.from != Some(e.to))
    }

    fn explain_instance(&self, p: PipelineIx, i: InstanceIx, depth: usize, out: &mut Vec<String>) {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let id = pl.instance_id(i);
        let pad = "  ".repeat(depth);
        if depth > MAX_DEPTH {
            return;
        }
        if !inst.status.is_terminal() {
            let why = match &inst.waiting_on {
                Some(Wait::DueTime(t)) => {
                    format!("waiting for its scheduled time {}", format_datetime(*t))
                }
                Some(Wait::Instance(d)) | Some(Wait::Precondition(d)) => format!(
                    "waiting on {} ({})",
                    pl.instance_id(*d),
                    pl.instances[*d].status.as_str()
                ),
                Some(Wait::Resource(r)) => format!(
                    "waiting for its resource {} ({})",
                    pl.instance_id(*r),
                    pl.instances[*r].status.as_str()
                ),
                Some(Wait::MaxActive) => format!(
                    "held back by maxActiveInstances = {}",
                    pl.components[inst.component].max_active
                ),
                Some(Wait::Paused) => "its component is PAUSED".to_string(),
                Some(Wait::PipelineInactive) => "the pipeline is not active".to_string(),
                Some(Wait::Runner(q)) => {
                    format!("waiting for a task runner to poll workerGroup '{q}'")
                }
                Some(Wait::Retry(t)) => format!("retrying at {} (retryDelay)", format_datetime(*t)),
                None => String::new(),
            };
            let line = if why.is_empty() {
                format!("{pad}{id} is {}", inst.status.as_str())
            } else {
                format!("{pad}{id} is {} because it is {why}", inst.status.as_str())
            };
            out.push(line);
            match &inst.waiting_on {
                Some(Wait::Instance(d)) | Some(Wait::Precondition(d)) | Some(Wait::Resource(d)) => {
                    self.explain_instance(p, *d, depth + 1, out)
                }
                Some(Wait::Retry(_)) => {
                    if let Some(&a) = inst.attempts().last() {
                        self.explain_attempt_end(p, a, depth + 1, out);
                    }
                    let pad = "  ".repeat(depth + 1);
                    for r in [RuleId::MaximumRetries, RuleId::RetryDelay] {
                        out.push(format!("{pad}{}", rules::rule(r).why_line()));
                    }
                }
                _ => {}
            }
            return;
        }
        let Some(e) = self.last_entry(p, Subject::Instance(i)) else {
            out.push(format!("{pad}{id} is {}", inst.status.as_str()));
            return;
        };
        let mut line = format!(
            "{pad}{id} is {} since {} ({})",
            inst.status.as_str(),
            format_datetime(e.at),
            self.describe_cause(p, &e.cause)
        );
        if let Some(n) = self.note(&e) {
            line.push_str(" because ");
            line.push_str(n);
        }
        out.push(line);
        match e.cause {
            Cause::Upstream(Subject::Instance(u)) if u != i => {
                self.explain_instance(p, u, depth + 1, out)
            }
            _ => {
                if inst.status == Status::Failed {
                    if let Some(&a) = inst.attempts().last() {
                        self.explain_attempt_end(p, a, depth + 1, out);
                        let pad = "  ".repeat(depth + 1);
                        let r = rules::rule(RuleId::MaximumRetries);
                        out.push(format!("{pad}{}", r.why_line()));
                    }
                }
            }
        }
    }

    fn explain_attempt_end(
        &self,
        p: PipelineIx,
        a: AttemptIx,
        depth: usize,
        out: &mut Vec<String>,
    ) {
        if let Some(e) = self.last_entry(p, Subject::Attempt(a)) {
            let mut line = format!(
                "{}{} ended {} at {} ({})",
                "  ".repeat(depth),
                self.pipelines[p].attempt_id(a),
                e.to.as_str(),
                format_datetime(e.at),
                self.describe_cause(p, &e.cause)
            );
            if let Some(n) = self.note(&e) {
                line.push_str(": ");
                line.push_str(n);
            }
            out.push(line);
            push_rule(&e.cause, depth + 1, out);
        }
    }

    fn explain_attempt(&self, p: PipelineIx, a: AttemptIx, out: &mut Vec<String>) {
        let at = &self.pipelines[p].attempts[a];
        let id = self.pipelines[p].attempt_id(a);
        out.push(format!("{id} is {}", at.status.as_str()));
        for e in self
            .trace
            .entries()
            .iter()
            .filter(|e| e.pipeline == p && e.subject == Subject::Attempt(a))
        {
            out.push(format!("  {}", self.describe_entry(&e)));
            push_rule(&e.cause, 2, out);
        }
    }
}

/// The line of the rule a timer cause applied (a reassignment, a lapsed
/// lease, a timeout, a retry), if it applied one.
fn push_rule(cause: &Cause, depth: usize, out: &mut Vec<String>) {
    if let Cause::Timer(t) = cause {
        if let Some(r) = rules::for_timer(t) {
            out.push(format!(
                "{}{}",
                "  ".repeat(depth),
                rules::rule(r).why_line()
            ));
        }
    }
}
