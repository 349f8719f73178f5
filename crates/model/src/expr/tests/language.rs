//! The expression language as a whole: the documented examples of
//! reference §6, operators, templates and error positions.

use super::super::*;
use crate::time::parse_datetime;
use std::collections::BTreeMap;

/// A scope backed by a map of dotted paths.
struct MapScope(BTreeMap<String, Value>);

impl Scope for MapScope {
    fn lookup(&self, path: &[&str]) -> Option<Value> {
        self.0.get(&path.join(".")).cloned()
    }
}

fn scope() -> MapScope {
    let mut m = BTreeMap::new();
    let list = Value::List(vec![Value::Str("one".into()), Value::Str("two".into())]);
    m.insert("myList".to_string(), list);
    m.insert(
        "@scheduledStartTime".to_string(),
        Value::DateTime(parse_datetime("2011-05-24T17:10:00").unwrap()),
    );
    m.insert(
        "myDateTime".to_string(),
        Value::Str("2011-05-24T17:10:00".into()),
    );
    m.insert(
        "input.directoryPath".to_string(),
        Value::Str("s3://bucket/in".into()),
    );
    m.insert("*myPassword".to_string(), Value::Str("secret".into()));
    m.insert("myNumber".to_string(), Value::Str("40".into()));
    MapScope(m)
}

fn eval(text: &str) -> String {
    interpolate(text, &scope()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str) -> ExprError {
    interpolate(text, &scope()).expect_err(text)
}

#[test]
fn documented_operator_examples() {
    assert_eq!(eval("#{1 + 2}"), "3");
    assert_eq!(eval("#{1 - 2}"), "-1");
    assert_eq!(eval("#{1 * 2}"), "2");
    assert_eq!(eval("#{1 / 2}"), "0");
    assert_eq!(eval("#{1.0 / 2}"), ".5");
    assert_eq!(eval("#{2 ^ 2}"), "4.0");
    assert_eq!(eval(r#"#{"hel" + "lo"}"#), "hello");
    assert_eq!(
        eval("#{'this is ' + myList}"),
        r#"["this is one","this is two"]"#
    );
}

#[test]
fn documented_datetime_examples() {
    assert_eq!(
        eval("#{format(minusMinutes(@scheduledStartTime,30),'YYYY-MM-dd hh:mm:ss')}"),
        "2011-05-24 04:40:00"
    );
    assert_eq!(
        eval("#{@scheduledStartTime.format('YYYY-MM-dd HH:mm:ss')}"),
        "2011-05-24 17:10:00"
    );
    assert_eq!(
        eval("#{format(myDateTime,'YYYY-MM-dd HH:mm:ss z')}"),
        "2011-05-24 17:10:00 UTC"
    );
    assert_eq!(eval("#{day(myDateTime)}"), "24");
    assert_eq!(eval("#{dayOfYear(myDateTime)}"), "144");
    assert_eq!(eval("#{makeDate(2011,5,24)}"), "2011-05-24T00:00:00");
    assert_eq!(
        eval("#{makeDateTime(2011,5,24,14,21)}"),
        "2011-05-24T14:21:00"
    );
    assert_eq!(eval("#{firstOfMonth(myDateTime)}"), "2011-05-01T17:10:00");
    assert_eq!(
        eval("s3://b/#{year(minusHours(@scheduledStartTime,1))}/"),
        "s3://b/2011/"
    );
}

#[test]
fn arithmetic_rules() {
    assert_eq!(eval("#{7 / 2}"), "3");
    assert_eq!(eval("#{-7 / 2}"), "-3");
    assert_eq!(eval("#{1 + 2 * 3}"), "7");
    assert_eq!(eval("#{(1 + 2) * 3}"), "9");
    assert_eq!(eval("#{10 - 4 - 3}"), "3");
    assert_eq!(eval("#{-2 ^ 2}"), "-4.0");
    assert_eq!(eval("#{2 ^ 3 ^ 2}"), "512.0");
    assert_eq!(eval("#{2 ^ -1}"), ".5");
    assert_eq!(eval("#{--3}"), "3");
    assert_eq!(eval("#{1 + 0.5}"), "1.5");
    assert_eq!(eval("#{myNumber - 2}"), "38");
    assert_eq!(eval("#{-myNumber}"), "-40");
}

#[test]
fn plus_concatenates_and_converts() {
    assert_eq!(eval("#{'a' + 1}"), "a1");
    assert_eq!(eval("#{1 + 'a'}"), "1a");
    assert_eq!(eval("#{'v' + 2.5}"), "v2.5");
    assert_eq!(
        eval("#{'at ' + @scheduledStartTime}"),
        "at 2011-05-24T17:10:00"
    );
    assert_eq!(eval("#{myNumber + 2}"), "402");
    assert_eq!(eval("#{myList + '!'}"), r#"["one!","two!"]"#);
    assert_eq!(
        eval("#{myList + myList}"),
        r#"["oneone","onetwo","twoone","twotwo"]"#
    );
}

#[test]
fn functions_map_over_lists() {
    let mut s = scope();
    let dates = Value::List(vec![
        Value::Str("2011-05-24T17:10:00".into()),
        Value::Str("2011-06-01T00:00:00".into()),
    ]);
    s.0.insert("myDates".into(), dates);
    assert_eq!(interpolate("#{day(myDates)}", &s).unwrap(), r#"["24","1"]"#);
}

#[test]
fn templates_keep_literal_text() {
    assert_eq!(eval("no expressions here"), "no expressions here");
    assert_eq!(
        eval("#{input.directoryPath}/#{*myPassword}#"),
        "s3://bucket/in/secret#"
    );
    assert_eq!(eval("a # { b } #x"), "a # { b } #x");
    assert_eq!(eval("#{'}'}{}"), "}{}");
    assert_eq!(eval(r#"#{"{#{x}}"}"#), "{#{x}}");
    assert_eq!(eval("#{ 'it\\'s' }"), "it's");
}

#[test]
fn template_segments_and_names() {
    let t =
        parse_template("s3://#{myBucket}/#{format(node.@scheduledStartTime, 'YYYY')}/x").unwrap();
    assert_eq!(t.segments.len(), 5);
    assert!(matches!(&t.segments[0], Segment::Text { text, position: 0 } if text == "s3://"));
    assert!(
        matches!(&t.segments[1], Segment::Expr { source, position: 5, .. } if source == "myBucket")
    );
    let names: Vec<(String, usize)> = t
        .referenced_names()
        .into_iter()
        .map(|n| (n.path.join("."), n.position))
        .collect();
    assert_eq!(
        names,
        vec![
            ("myBucket".to_string(), 7),
            ("node.@scheduledStartTime".to_string(), 26)
        ]
    );
    let t = parse_template("#{*myX + parent.@id - -(y)}").unwrap();
    let heads: Vec<String> = t
        .referenced_names()
        .iter()
        .map(|n| n.head().to_string())
        .collect();
    assert_eq!(heads, vec!["*myX", "parent", "y"]);
    assert!(has_expression("a#{b}"));
    assert!(!has_expression("a#b{}"));
}

#[test]
fn parse_errors_have_positions() {
    let cases: [(&str, usize, &str); 12] = [
        ("abc #{myX", 4, "'#{' has no closing '}'"),
        ("#{'abc}", 0, "'#{' has no closing '}'"),
        ("ab#{}", 2, "empty expression"),
        ("#{ 1 + }", 7, "unexpected end of expression"),
        ("#{1 2}", 4, "unexpected '2'"),
        ("#{nope(1)}", 2, "unknown function 'nope'"),
        ("#{day(1, 2)}", 2, "day takes 1 argument, got 2"),
        ("#{x.format()}", 4, "format takes 2 arguments, got 1"),
        ("#{(1 + 2}", 8, "expected ')'"),
        ("#{1 . x}", 4, "'.x' can only follow a field reference"),
        ("#{a $ b}", 4, "unexpected character '$'"),
        ("#{* x}", 2, "unexpected '*'"),
    ];
    for (text, position, message) in cases {
        let e = parse_template(text).expect_err(text);
        assert_eq!(
            (e.position, e.message.as_str()),
            (position, message),
            "{text}"
        );
    }
}

#[test]
fn evaluation_errors_have_positions() {
    assert_eq!(err("xx #{myX}"), ExprError::new(5, "'myX' is not defined"));
    assert_eq!(err("#{1 / 0}"), ExprError::new(4, "division by zero"));
    assert_eq!(err("#{1.5 / 0}").message, "division by zero");
    assert_eq!(
        err("#{9223372036854775807 + 1}").message,
        "integer overflow"
    );
    assert_eq!(
        err("#{-9223372036854775807 - 2}").message,
        "integer overflow"
    );
    assert_eq!(
        err("#{10 ^ 400}").message,
        "the result is not a finite number"
    );
    assert_eq!(err("#{'a' - 1}").position, 6);
    assert_eq!(err("#{day('x')}").position, 2);
    assert!(err("#{format(myDateTime, 'QQ')}")
        .message
        .contains("Illegal pattern"));
    assert!(err("#{-'a'}").message.contains("cannot negate"));
}

#[test]
fn nesting_is_capped() {
    let deep_parens = format!("#{{{}1{}}}", "(".repeat(100), ")".repeat(100));
    assert!(parse_template(&deep_parens)
        .unwrap_err()
        .message
        .contains("nested too deeply"));
    let long_chain = format!("#{{1{}}}", " + 1".repeat(200));
    assert!(parse_template(&long_chain)
        .unwrap_err()
        .message
        .contains("nested too deeply"));
    let ok_chain = format!("#{{1{}}}", " + 1".repeat(50));
    assert_eq!(eval(&ok_chain), "51");
    let minus = format!("#{{{}1}}", "-".repeat(1000));
    assert!(parse_template(&minus).is_err());
    let e = parse_expr(&"(".repeat(10_000)).unwrap_err();
    assert!(e.message.contains("nested too deeply"));
}

#[test]
fn list_growth_is_capped() {
    let mut s = scope();
    let many = Value::List((0..200).map(Value::Int).collect());
    s.0.insert("myMany".into(), many);
    let e = interpolate("#{myMany + myMany}", &s).unwrap_err();
    assert!(e.message.contains("more than"));
}

#[test]
fn evaluate_text_keeps_types() {
    let s = scope();
    assert!(matches!(
        evaluate_text("#{@scheduledStartTime}", &s),
        Ok(Value::DateTime(_))
    ));
    assert_eq!(evaluate_text("#{1 + 1}", &s), Ok(Value::Int(2)));
    assert_eq!(
        evaluate_text("n=#{1 + 1}", &s),
        Ok(Value::Str("n=2".into()))
    );
    let e = parse_expr("plusDays(@scheduledStartTime, 2)").unwrap();
    assert_eq!(evaluate(&e, &s).unwrap().to_string(), "2011-05-26T17:10:00");
}
