//! A lesson's key moments, in plain Rust: each lesson file lists them
//! (`"moments"`, beside the definition's `"objects"`), and they are found
//! in the lesson's own run: a story moment ("hand-out", "lease-expiry", …,
//! see `engine::story::Moment::key`), optionally of one component (`object`)
//! or by one caller (`by`), is the first such step after the previous
//! moment; a timed moment (`at`, seconds after the start) marks what the
//! trace does not hold, such as a scripted crash. Each has the caption a
//! learner reads while the run is paused there.

use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::engine::story::{Moment, Story, StoryStep};

/// One key moment as the lesson file writes it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MomentSpec {
    /// A story moment's key ("hand-out"); None for a timed moment.
    #[serde(default)]
    pub moment: Option<String>,
    /// The component the step belongs to (for a timed moment: what to select).
    #[serde(default)]
    pub object: Option<String>,
    /// The caller whose call caused the step ("runner-2").
    #[serde(default)]
    pub by: Option<String>,
    /// Seconds after the start, for a timed moment.
    #[serde(default)]
    pub at: Option<i64>,
    /// What just happened and why.
    pub caption: String,
}

#[derive(Deserialize)]
struct LessonFile {
    #[serde(default)]
    moments: Vec<MomentSpec>,
}

/// The moments of a lesson file (none when it lists none or is unreadable;
/// the lesson tests require every lesson to list its moments).
pub fn parse(text: &str) -> Result<Vec<MomentSpec>, String> {
    serde_json::from_str::<LessonFile>(text)
        .map(|f| f.moments)
        .map_err(|e| e.to_string())
}

/// A moment found in the run.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonMoment {
    pub at: NaiveDateTime,
    /// "Lease expiry", "At 00:10:00".
    pub title: String,
    pub caption: String,
    /// The story step it is (None for a timed moment).
    pub step: Option<StoryStep>,
    /// What the views select: the step's object, or a timed moment's `object`.
    pub select: Option<String>,
}

/// "lease-expiry" → "Lease expiry".
pub fn moment_title(key: &str) -> String {
    let words = key.replace('-', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Find each of `specs` in `story` (a whole pipeline's, from a run of the
/// lesson started at `start`). An error names the first moment not found.
pub fn resolve(
    specs: &[MomentSpec],
    story: &Story,
    start: NaiveDateTime,
) -> Result<Vec<LessonMoment>, String> {
    let mut cursor = 0;
    let mut out = Vec::with_capacity(specs.len());
    for (n, spec) in specs.iter().enumerate() {
        match (&spec.moment, spec.at) {
            (Some(key), None) => {
                let moment = Moment::from_key(key)
                    .ok_or_else(|| format!("moment {}: unknown moment \"{key}\"", n + 1))?;
                let found = story.steps[cursor.min(story.steps.len())..]
                    .iter()
                    .position(|st| {
                        st.moment == moment
                            && spec.object.as_ref().is_none_or(|o| &st.component == o)
                            && spec
                                .by
                                .as_ref()
                                .is_none_or(|b| st.call.as_ref().is_some_and(|c| &c.caller == b))
                    })
                    .map(|k| k + cursor)
                    .ok_or_else(|| {
                        format!("moment {}: no {key} step after the previous moment", n + 1)
                    })?;
                let step = story.steps[found].clone();
                cursor = found + 1;
                out.push(LessonMoment {
                    at: step.at,
                    title: moment_title(key),
                    caption: spec.caption.clone(),
                    select: Some(step.object.clone()),
                    step: Some(step),
                });
            }
            (None, Some(secs)) => {
                let at = crate::engine::clock::plus(start, secs);
                out.push(LessonMoment {
                    at,
                    title: format!("At {}", at.format("%H:%M:%S")),
                    caption: spec.caption.clone(),
                    step: None,
                    select: spec.object.clone(),
                });
            }
            _ => {
                return Err(format!(
                    "moment {}: give either \"moment\" or \"at\"",
                    n + 1
                ))
            }
        }
        if out.len() > 1 && out[out.len() - 1].at < out[out.len() - 2].at {
            return Err(format!(
                "moment {}: earlier than the moment before it",
                n + 1
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_as_words() {
        assert_eq!(moment_title("lease-expiry"), "Lease expiry");
        assert_eq!(moment_title("hand-out"), "Hand out");
    }

    #[test]
    fn a_moment_needs_a_kind_or_a_time_and_known_keys() {
        let story = Story {
            title: String::new(),
            steps: Vec::new(),
            left_out: 0,
        };
        let start = crate::model::time::parse_datetime("2024-01-01T00:00:00").unwrap();
        let bad = parse(r#"{"moments": [{"caption": "x"}]}"#).unwrap();
        assert!(resolve(&bad, &story, start).unwrap_err().contains("either"));
        let unknown = parse(r#"{"moments": [{"moment": "nap", "caption": "x"}]}"#).unwrap();
        assert!(resolve(&unknown, &story, start)
            .unwrap_err()
            .contains("unknown moment"));
        let missing = parse(r#"{"moments": [{"moment": "hand-out", "caption": "x"}]}"#).unwrap();
        assert!(resolve(&missing, &story, start)
            .unwrap_err()
            .contains("no hand-out"));
        assert!(parse(r#"{"moments": [{"moment": "x", "caption": "x", "typo": 1}]}"#).is_err());
        let timed =
            parse(r#"{"objects": [], "moments": [{"at": 600, "caption": "crash"}]}"#).unwrap();
        let m = resolve(&timed, &story, start).unwrap();
        assert_eq!(m[0].title, "At 00:10:00");
    }
}
