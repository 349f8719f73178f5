//! One entry for every file the app imports: a definition in the API or
//! CLI shape (or a mix of the two), a stand-alone parameter or values
//! file, or a CloudFormation template (JSON or YAML) holding an
//! `AWS::DataPipeline::Pipeline`. Which one it is comes from the content,
//! never from the file's name.

use crate::cloudformation::{self, ReadTemplate};
use model::formats::{self, Document, ImportError, Parsed, Partial};

/// What a file turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    Definition(Parsed),
    /// Parameters and/or values to apply to the current document.
    Partial(Partial),
    Template(ReadTemplate),
}

/// Read a file's text.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        let value = formats::parse_json(text)?;
        if cloudformation::is_template(&value) {
            return cloudformation::read(&value).map(Imported::Template);
        }
        return formats::parse_document(text).map(|d| match d {
            Document::Definition(p) => Imported::Definition(p),
            Document::Partial(p) => Imported::Partial(p),
        });
    }
    let yaml_template = trimmed
        .lines()
        .any(|l| l.starts_with("Resources:") || l.starts_with("AWSTemplateFormatVersion:"));
    if yaml_template {
        return cloudformation::parse(trimmed).map(Imported::Template);
    }
    // Neither: the JSON reader says where it stopped.
    formats::parse_document(text).map(|d| match d {
        Document::Definition(p) => Imported::Definition(p),
        Document::Partial(p) => Imported::Partial(p),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudformation::{template, PipelineProperties, TemplateFormat};

    #[test]
    fn each_kind_of_file_is_told_by_its_content() {
        let def = r#"{"objects": [{"id": "Default", "scheduleType": "ondemand"}]}"#;
        let Ok(Imported::Definition(p)) = read(def) else {
            panic!("definition")
        };
        assert!(matches!(
            read(r#"{"values": {"a": "b"}}"#),
            Ok(Imported::Partial(_))
        ));
        let props = PipelineProperties {
            name: "n".into(),
            ..Default::default()
        };
        for f in [TemplateFormat::Json, TemplateFormat::Yaml] {
            let t = template(&p.definition, &props, f);
            assert!(matches!(read(&t), Ok(Imported::Template(_))), "{f:?}");
        }
        let e = read("objects: []").unwrap_err();
        assert_eq!(
            e.diagnostics()[0].position.map(|p| (p.line, p.column)),
            Some((1, 1))
        );
    }
}
