//! EvaluateExpression sees the fields an object inherits (issue 18 item 5).
//! Developer Guide, dp-writing-pipeline-definition ("Field inheritance":
//! an object inherits the fields of its `parent` and of Default) and
//! API Reference, EvaluateExpression ("evaluated in the context of the
//! specified object").

use crate::support::*;
use serde_json::json;

const T0: &str = "2012-12-12T00:00:00";

/// `#{myCommand}` and `#{workerGroup}` set on Default and on a `parent`
/// evaluate on the component as they do on its instance.
#[test]
fn a_component_sees_fields_inherited_through_parent_and_default() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(T0, Some("2012-12-12T01:00:00"), &[("parent", "@Base")]);
    objs.push(obj("Base", &[("myTarget", "s3://bucket/out")]));
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    for id in ["A", "@A_2012-12-12T00:00:00"] {
        let v = ok(
            &mut s,
            "EvaluateExpression",
            json!({"pipelineId": pid, "objectId": id,
                   "expression": "#{workerGroup} -> #{myTarget}"}),
        );
        assert_eq!(v["evaluatedExpression"], "wg -> s3://bucket/out", "{id}");
    }
}
