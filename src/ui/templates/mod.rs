//! Ready-made pipelines the user can start from (the SayHello pipeline of
//! the service's PutPipelineDefinition documentation is the default).

use crate::model::formats;
use crate::model::Definition;

/// A named starting document.
pub struct Template {
    pub name: &'static str,
    pub definition: Definition,
}

/// The SayHello pipeline from the PutPipelineDefinition documentation.
pub fn say_hello() -> Template {
    from_json("SayHello", include_str!("say-hello.json"))
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
    #[test]
    fn say_hello_parses_with_its_three_objects() {
        let t = super::say_hello();
        let ids: Vec<_> = t.definition.objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["Default", "Schedule", "SayHello"]);
    }
}
