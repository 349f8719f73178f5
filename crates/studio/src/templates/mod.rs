//! Ready-made pipelines the user can start from: the SayHello pipeline of
//! the service's PutPipelineDefinition documentation (the default), a
//! ShellCommandActivity with S3 staging, a CopyActivity S3 to S3, an
//! on-demand pipeline, and a precondition with an onFail SnsAlarm. Each is
//! a JSON file (API or CLI shape) checked by a native test.
//!
//! The app's first module only needs the menu ([`MENU`]) and the sample as
//! a ready document ([`sample_doc`], no parsing or layout at start); the
//! templates themselves are parsed in the lazily loaded module.

use crate::doc::Doc;
use crate::model::formats;
use crate::model::Definition;

/// A named starting document.
pub struct Template {
    pub name: &'static str,
    pub definition: Definition,
}

/// The template menu: name and one line each, in menu order.
pub const MENU: [(&str, &str); 5] = [
    (
        "SayHello",
        "The documentation's example: an hourly echo on your worker group",
    ),
    (
        "Shell command with S3 staging",
        "Stage S3 input, run a command on an EC2 instance, stage the output back",
    ),
    (
        "Copy S3 to S3",
        "An hourly CopyActivity between two buckets",
    ),
    (
        "On-demand pipeline",
        "Runs once per activation, with a parameter",
    ),
    (
        "Precondition and failure alarm",
        "Wait for an S3 flag, alarm through SNS if the work fails",
    ),
];

/// The templates' definition files, in menu order.
const TEXTS: [&str; 5] = [
    include_str!("say-hello.json"),
    include_str!("shell-s3-staging.json"),
    include_str!("copy-s3-to-s3.json"),
    include_str!("on-demand.json"),
    include_str!("precondition-alarm.json"),
];

/// The SayHello template as the document the app opens with (name,
/// definition and its auto-layout), stored as the autosave's JSON so the
/// first load needs neither the definition formats nor the auto-layout.
/// A native test checks it equals `Doc::new` of the parsed template.
const SAMPLE_DOC: &str = include_str!("say-hello.doc.json");

/// The document the app opens with when nothing was autosaved.
pub fn sample_doc() -> Doc {
    serde_json::from_str(SAMPLE_DOC).unwrap_or_default()
}

/// Every template, in menu order.
pub fn all() -> Vec<Template> {
    MENU.iter()
        .zip(TEXTS)
        .map(|((name, _), text)| from_json(name, text))
        .collect()
}

/// The SayHello pipeline from the PutPipelineDefinition documentation.
#[cfg(test)]
pub fn say_hello() -> Template {
    from_json(MENU[0].0, TEXTS[0])
}

fn from_json(name: &'static str, text: &str) -> Template {
    // Templates are compiled in and covered by tests, so a parse failure is
    // a build defect; still, never panic in the page: fall back to empty.
    let definition = formats::parse(text)
        .map(|p| p.definition)
        .unwrap_or_default();
    Template { name, definition }
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
        for ((name, _), text) in super::MENU.iter().zip(super::TEXTS) {
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

    /// The stored sample document is the SayHello template, laid out.
    /// `UPDATE_SAMPLE_DOC=1 cargo test -p pipeline-studio-core --lib templates` rewrites it.
    #[test]
    fn the_sample_document_is_say_hello_laid_out() {
        let t = super::say_hello();
        let doc = crate::doc::Doc::new(t.name, t.definition);
        if std::env::var_os("UPDATE_SAMPLE_DOC").is_some() {
            let text = serde_json::to_string(&doc).unwrap() + "\n";
            std::fs::write("src/templates/say-hello.doc.json", text).unwrap();
        }
        assert_eq!(super::sample_doc(), doc);
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
