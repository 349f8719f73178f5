//! [`DefinitionScope`]: the SayHello EvaluateExpression example, fields
//! with inheritance, references, runtime fields, `node` and parameters.

use super::super::*;
use crate::definition::{
    Definition, Field, ParameterAttribute, ParameterObject, ParameterValue, PipelineObject,
};
use crate::time::parse_datetime;

fn say_hello() -> Definition {
    let mut default = PipelineObject::new("Default", "Default");
    default
        .fields
        .push(Field::string("workerGroup", "workerGroup"));
    let mut schedule = PipelineObject::new("Schedule", "Schedule");
    schedule.fields.extend([
        Field::string("startDateTime", "2012-12-12T00:00:00"),
        Field::string("type", "Schedule"),
        Field::string("period", "1 hour"),
        Field::string("endDateTime", "2012-12-21T18:00:00"),
    ]);
    let mut say = PipelineObject::new("SayHello", "SayHello");
    say.fields.extend([
        Field::string("type", "ShellCommandActivity"),
        Field::string("command", "echo hello"),
        Field::reference("parent", "Default"),
        Field::reference("schedule", "Schedule"),
    ]);
    Definition {
        objects: vec![default, schedule, say],
        ..Definition::default()
    }
}

#[test]
fn evaluate_expression_seed_example() {
    let def = say_hello();
    let scope = DefinitionScope::new(&def, "Schedule");
    assert_eq!(
        interpolate(
            "Transform started at #{startDateTime} and finished at #{endDateTime}",
            &scope
        )
        .unwrap(),
        "Transform started at 2012-12-12T00:00:00 and finished at 2012-12-21T18:00:00"
    );
}

#[test]
fn fields_inheritance_and_references() {
    let mut def = say_hello();
    let mut base = PipelineObject::new("Base", "Base object");
    base.fields.extend([
        Field::string("myDir", "s3://base"),
        Field::string("myPath", "#{myDir}/#{name}"),
        Field::reference("parent", "Base2"),
    ]);
    let mut base2 = PipelineObject::new("Base2", "Base2");
    base2.fields.push(Field::string("myDeep", "deep"));
    let mut node = PipelineObject::new("Node", "Node");
    node.fields.extend([
        Field::reference("parent", "Base"),
        Field::reference("input", "SayHello"),
        Field::string("step", "a"),
        Field::string("step", "b"),
        Field::string("myDir", "s3://own"),
    ]);
    def.objects.extend([base, base2, node]);
    let s = DefinitionScope::new(&def, "Node");
    let run = |t: &str| interpolate(t, &s).unwrap_or_else(|e| panic!("{t}: {e}"));
    // Own field, parent chain, Default (inherited through the chain's end).
    assert_eq!(
        run("#{myDir} #{myDeep} #{workerGroup}"),
        "s3://own deep workerGroup"
    );
    // An inherited expression field is evaluated in the inheriting object.
    assert_eq!(run("#{myPath}"), "s3://own/Node");
    // References and built-in names.
    assert_eq!(
        run("#{input.command} #{input.schedule.period}"),
        "echo hello 1 hour"
    );
    assert_eq!(
        run("#{parent.@id} #{@id} #{input.name} #{input}"),
        "Base Node SayHello SayHello"
    );
    assert_eq!(
        run("#{input.schedule.startDateTime.format('dd.MM.')}"),
        "12.12."
    );
    assert_eq!(run("#{day(input.schedule.startDateTime)}"), "12");
    assert_eq!(run("#{step}"), r#"["a","b"]"#);
    assert_eq!(
        interpolate("#{input.missing}", &s).unwrap_err().message,
        "'input.missing' is not defined"
    );
    assert!(interpolate("#{node.x}", &s).is_err());
}

#[test]
fn runtime_fields_and_node() {
    let def = say_hello();
    let start = Value::DateTime(parse_datetime("2012-12-12T03:00:00").unwrap());
    let activity = DefinitionScope::new(&def, "SayHello")
        .with_runtime_field("@scheduledStartTime", start)
        .with_runtime_field("@pipelineId", Value::Str("df-1".into()));
    let precondition = DefinitionScope::new(&def, "Schedule").with_node(activity.clone());
    let run = |s: &DefinitionScope, t: &str| interpolate(t, s).unwrap();
    assert_eq!(
        run(&activity, "#{@pipelineId} #{hour(@scheduledStartTime)}"),
        "df-1 3"
    );
    assert_eq!(
        run(
            &precondition,
            "#{node} #{node.@scheduledStartTime} #{node.command}"
        ),
        "SayHello 2012-12-12T03:00:00 echo hello"
    );
    assert_eq!(
        run(&precondition, "#{format(node.@scheduledStartTime, 'HH')}"),
        "03"
    );
    assert!(interpolate("#{@scheduledStartTime}", &precondition).is_err());
}

#[test]
fn parameters_values_defaults_and_stars() {
    let mut def = say_hello();
    let param = |id: &str, attrs: &[(&str, &str)]| ParameterObject {
        id: id.to_string(),
        attributes: attrs
            .iter()
            .map(|(k, v)| ParameterAttribute {
                key: k.to_string(),
                string_value: v.to_string(),
            })
            .collect(),
    };
    def.parameters = vec![
        param("*myPassword", &[("type", "String")]),
        param("myPort", &[("type", "Integer"), ("default", "1521")]),
        param("myRatio", &[("type", "Double"), ("default", "0.5")]),
        param("myHosts", &[("isArray", "true")]),
        param("myUnset", &[]),
    ];
    let value = |id: &str, v: &str| ParameterValue {
        id: id.to_string(),
        string_value: v.to_string(),
    };
    def.values = vec![
        value("*myPassword", "pw"),
        value("myHosts", "a"),
        value("myHosts", "b"),
        value("myUndeclared", "u"),
    ];
    let s = DefinitionScope::new(&def, "SayHello");
    let run = |t: &str| interpolate(t, &s).unwrap_or_else(|e| panic!("{t}: {e}"));
    assert_eq!(run("#{myPassword} #{*myPassword}"), "pw pw");
    assert_eq!(run("#{myPort + 1} #{myRatio * 2}"), "1522 1.0");
    assert_eq!(run("#{'h-' + myHosts}"), r#"["h-a","h-b"]"#);
    assert_eq!(run("#{myUndeclared}"), "u");
    assert_eq!(
        interpolate("#{myUnset}", &s).unwrap_err().message,
        "'myUnset' is not defined"
    );
}

#[test]
fn self_referring_fields_are_an_error() {
    let mut def = say_hello();
    let mut o = PipelineObject::new("Loop", "Loop");
    o.fields.extend([
        Field::string("myA", "#{myB}"),
        Field::string("myB", "x#{myA}"),
    ]);
    def.objects.push(o);
    let s = DefinitionScope::new(&def, "Loop");
    let e = interpolate("#{myA}", &s).unwrap_err();
    assert!(e.message.contains("a cycle?"), "{}", e.message);
    assert_eq!(s.lookup(&["myA"]), None);
}

#[test]
fn parent_cycles_do_not_hang() {
    let mut def = say_hello();
    let mut a = PipelineObject::new("A", "A");
    a.fields.push(Field::reference("parent", "B"));
    let mut b = PipelineObject::new("B", "B");
    b.fields.push(Field::reference("parent", "A"));
    def.objects.extend([a, b]);
    let s = DefinitionScope::new(&def, "A");
    assert_eq!(interpolate("#{workerGroup}", &s).unwrap(), "workerGroup");
    assert!(interpolate("#{nothing}", &s).is_err());
}

#[test]
fn type_fields_are_not_evaluated() {
    let mut def = say_hello();
    let mut o = PipelineObject::new("T", "Shown name");
    o.fields.push(Field::string("type", "#{nope}"));
    def.objects.push(o);
    let s = DefinitionScope::new(&def, "T");
    assert_eq!(
        interpolate("#{type} #{name}", &s).unwrap(),
        "#{nope} Shown name"
    );
}

#[test]
fn deep_expressions_in_chained_fields_stay_within_the_stack() {
    let mut def = say_hello();
    let mut o = PipelineObject::new("Deep", "Deep");
    for i in 0..12 {
        let inner = format!("{}1 + myF{}{}", "(".repeat(60), i + 1, ")".repeat(60));
        o.fields
            .push(Field::string(format!("myF{i}"), format!("#{{{inner}}}")));
    }
    o.fields.push(Field::string("myF12", "#{0}"));
    def.objects.push(o);
    let s = DefinitionScope::new(&def, "Deep");
    let e = interpolate("#{myF0}", &s).unwrap_err();
    assert!(e.message.contains("a cycle?"), "{}", e.message);
    assert_eq!(interpolate("#{myF6}", &s).unwrap(), "6");
}
