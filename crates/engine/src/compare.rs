//! `compare`: two runs of the same pipeline side by side, for "what if":
//! each instance's outcome in both (status, attempts, finish time) and the
//! first point where the two traces part. Both runs are plain `Service`
//! values; making the second one (the changed field, the same seed) is the
//! caller's business.

use super::state::Status;
use super::trace::TraceEntry;
use super::Service;
use crate::ix::PipelineIx;
use chrono::NaiveDateTime;

/// One instance's outcome in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceOutcome {
    pub status: Status,
    /// Attempts made so far.
    pub attempts: u32,
    /// When it reached an end state (its `@actualEndTime`, else the time of
    /// the trace entry that ended it).
    pub ended: Option<NaiveDateTime>,
}

/// One instance in both runs (None: the run has no such instance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeRow {
    pub id: String,
    pub component: String,
    pub before: Option<InstanceOutcome>,
    pub after: Option<InstanceOutcome>,
}

impl OutcomeRow {
    /// Whether the two runs differ for this instance.
    pub fn differs(&self) -> bool {
        self.before != self.after
    }
}

/// The first trace entry where the runs part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Its position among the pipeline's trace entries.
    pub step: usize,
    pub at: NaiveDateTime,
    /// The entry of each run there, in words (None: that run's trace ended).
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Two runs compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub rows: Vec<OutcomeRow>,
    /// Instances left out after `limit`.
    pub left_out: usize,
    pub divergence: Option<Divergence>,
}

impl Service {
    /// Each instance of `pipeline_id` and its outcome, in the service's
    /// order (component, then scheduled start), at most `limit`.
    pub fn outcomes(
        &self,
        pipeline_id: &str,
        limit: usize,
    ) -> Vec<(String, String, InstanceOutcome)> {
        let Some(p) = self.pipelines.find(pipeline_id) else {
            return Vec::new();
        };
        let pl = &self.pipelines[p];
        let mut out = Vec::new();
        for c in &pl.components {
            for &i in &c.instances {
                if out.len() == limit {
                    return out;
                }
                let inst = &pl.instances[i];
                let ended = inst.status.is_terminal().then(|| {
                    inst.actual_end().or_else(|| {
                        self.trace
                            .entries()
                            .iter()
                            .rev()
                            .find(|e| {
                                e.pipeline == p
                                    && e.subject == super::trace::Subject::Instance(i)
                                    && e.to == inst.status
                            })
                            .map(|e| e.at)
                    })
                });
                out.push((
                    pl.instance_id(i),
                    c.id.clone(),
                    InstanceOutcome {
                        status: inst.status,
                        attempts: inst.attempts().len() as u32,
                        ended: ended.flatten(),
                    },
                ));
            }
        }
        out
    }
}

/// The trace entries of pipeline `p`.
fn entries(s: &Service, p: PipelineIx) -> impl Iterator<Item = TraceEntry> + '_ {
    s.trace.entries().iter().filter(move |e| e.pipeline == p)
}

/// Compare run `b` (the changed one) with run `a`, both of a pipeline
/// with the same id, at most `limit` instances.
pub fn compare(a: &Service, b: &Service, pipeline_id: &str, limit: usize) -> Comparison {
    let divergence = first_divergence(a, b, pipeline_id);
    let before = a.outcomes(pipeline_id, limit);
    let after = b.outcomes(pipeline_id, limit);
    let mut rows: Vec<OutcomeRow> = before
        .into_iter()
        .map(|(id, component, o)| OutcomeRow {
            id,
            component,
            before: Some(o),
            after: None,
        })
        .collect();
    for (id, component, o) in after {
        match rows.iter_mut().find(|r| r.id == id) {
            Some(r) => r.after = Some(o),
            None => rows.push(OutcomeRow {
                id,
                component,
                before: None,
                after: Some(o),
            }),
        }
    }
    let total = a
        .pipelines
        .find(pipeline_id)
        .map_or(0, |p| a.pipelines[p].instances.len());
    Comparison {
        left_out: total.saturating_sub(rows.len()),
        rows,
        divergence,
    }
}

/// The first entry where the traces of `pipeline_id` in `a` and `b`
/// differ (time, object, statuses, cause or note); None when one is a
/// prefix of the other and both end together.
pub fn first_divergence(a: &Service, b: &Service, pipeline_id: &str) -> Option<Divergence> {
    let pa = a.pipelines.find(pipeline_id)?;
    let pb = b.pipelines.find(pipeline_id)?;
    let mut ea = entries(a, pa);
    let mut eb = entries(b, pb);
    let mut step = 0;
    loop {
        let (x, y) = (ea.next(), eb.next());
        if x.is_none() && y.is_none() {
            return None;
        }
        let tx = x.map(|e| a.describe_entry(&e));
        let ty = y.map(|e| b.describe_entry(&e));
        if tx != ty {
            let at = [x.map(|e| e.at), y.map(|e| e.at)]
                .into_iter()
                .flatten()
                .min()?;
            return Some(Divergence {
                step,
                at,
                before: tx,
                after: ty,
            });
        }
        step += 1;
    }
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
