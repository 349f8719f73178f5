//! Ready-made pipelines the user can start from: the SayHello pipeline of
//! the service's PutPipelineDefinition documentation (the default), a
//! ShellCommandActivity with S3 staging, a CopyActivity S3 to S3, an
//! on-demand pipeline, and a precondition with an onFail SnsAlarm. Each is
//! a JSON file (API or CLI shape) checked by a native test.

use crate::model::formats;
use crate::model::Definition;

/// A named starting document.
pub struct Template {
    pub name: &'static str,
    /// One line for the template menu.
    pub summary: &'static str,
    pub definition: Definition,
}

const SOURCES: [(&str, &str, &str); 5] = [
    (
        "SayHello",
        "The documentation's example: an hourly echo on your worker group",
        include_str!("say-hello.json"),
    ),
    (
        "Shell command with S3 staging",
        "Stage S3 input, run a command on an EC2 instance, stage the output back",
        include_str!("shell-s3-staging.json"),
    ),
    (
        "Copy S3 to S3",
        "An hourly CopyActivity between two buckets",
        include_str!("copy-s3-to-s3.json"),
    ),
    (
        "On-demand pipeline",
        "Runs once per activation, with a parameter",
        include_str!("on-demand.json"),
    ),
    (
        "Precondition and failure alarm",
        "Wait for an S3 flag, alarm through SNS if the work fails",
        include_str!("precondition-alarm.json"),
    ),
];

/// Every template, in menu order.
pub fn all() -> Vec<Template> {
    SOURCES
        .iter()
        .map(|(name, summary, text)| from_json(name, summary, text))
        .collect()
}

/// The SayHello pipeline from the PutPipelineDefinition documentation.
pub fn say_hello() -> Template {
    let (name, summary, text) = SOURCES[0];
    from_json(name, summary, text)
}

fn from_json(name: &'static str, summary: &'static str, text: &str) -> Template {
    // Templates are compiled in and covered by tests, so a parse failure is
    // a build defect; still, never panic in the page: fall back to empty.
    let definition = formats::parse(text)
        .map(|p| p.definition)
        .unwrap_or_default();
    Template {
        name,
        summary,
        definition,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::validate::{validate, Severity};

    #[test]
    fn say_hello_parses_with_its_three_objects() {
        let t = super::say_hello();
        let ids: Vec<_> = t.definition.objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["Default", "Schedule", "SayHello"]);
    }

    #[test]
    fn every_template_parses_without_warnings_and_validates_without_errors() {
        for (name, _, text) in super::SOURCES {
            let parsed =
                crate::model::formats::parse(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(
                parsed.diagnostics.is_empty(),
                "{name}: {:?}",
                parsed.diagnostics
            );
            assert!(!parsed.definition.objects.is_empty());
            let report = validate(&parsed.definition);
            let bad: Vec<_> = report
                .problems
                .iter()
                .filter(|p| p.severity <= Severity::Error)
                .collect();
            assert!(bad.is_empty(), "{name}: {bad:?}");
        }
    }

    #[test]
    fn the_templates_cover_what_the_menu_promises() {
        use crate::model::catalog::names;
        let all = super::all();
        let has = |t: usize, ty: &str| {
            all[t]
                .definition
                .objects
                .iter()
                .any(|o| o.type_name() == Some(ty))
        };
        assert!(has(1, names::SHELL_COMMAND_ACTIVITY) && has(1, names::S3_DATA_NODE));
        assert!(all[1]
            .definition
            .objects
            .iter()
            .any(|o| o.first_string("stage") == Some("true")));
        assert!(has(2, names::COPY_ACTIVITY));
        assert!(all[3]
            .definition
            .objects
            .iter()
            .any(|o| o.first_string("scheduleType") == Some("ondemand")));
        assert!(has(4, names::SNS_ALARM) && has(4, names::S3_KEY_EXISTS));
        assert!(all[4]
            .definition
            .objects
            .iter()
            .any(|o| o.first_ref("onFail").is_some()));
    }
}
