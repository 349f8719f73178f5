//! QueryObjects pages first, then filters (issue 18 item 4). botocore
//! service model, operation QueryObjects: "The objects returned by
//! QueryObjects are paginated and then filtered by the value you set for
//! query. This means the action may return an empty result set with a value
//! set for marker. If HasMoreResults is set to True, you should continue to
//! call QueryObjects, passing in the returned value for marker".

use crate::support::*;
use serde_json::json;

const T0: &str = "2012-12-12T00:00:00";

/// Two components, A and B, each with 6 hourly instances: a query for B's
/// instances with limit 4 gets pages of at most 4 examined instances, some
/// short or empty, and following the markers finds all six.
#[test]
fn a_page_may_hold_fewer_ids_than_limit_and_markers_find_the_rest() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(T0, Some("2012-12-12T06:00:00"), &[]);
    objs.push(obj(
        "B",
        &[
            ("type", "ShellCommandActivity"),
            ("command", "b"),
            ("schedule", "@Sched"),
        ],
    ));
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    s.advance_to(at("2012-12-12T06:00:00"));
    let query = json!({"selectors": [{"fieldName": "@componentParent",
                                       "operator": {"type": "REF_EQ", "values": ["B"]}}]});
    let mut marker: Option<String> = None;
    let mut found = Vec::new();
    let mut short_page = false;
    let mut pages = 0;
    loop {
        let mut body = json!({"pipelineId": pid, "sphere": "INSTANCE", "query": query, "limit": 4});
        if let Some(m) = &marker {
            body["marker"] = json!(m);
        }
        let v = ok(&mut s, "QueryObjects", body);
        pages += 1;
        let ids = v["ids"].as_array().cloned().unwrap_or_default();
        if v["hasMoreResults"] == true && ids.len() < 4 {
            short_page = true;
        }
        found.extend(ids.iter().map(|i| i.as_str().unwrap().to_string()));
        if v["hasMoreResults"] != true {
            break;
        }
        marker = v["marker"].as_str().map(str::to_string);
        assert!(pages < 20);
    }
    assert!(
        short_page,
        "a page with more results held fewer than limit ids"
    );
    assert_eq!(found.len(), 6, "{found:?}");
    assert!(found.iter().all(|i| i.starts_with("@B_")), "{found:?}");
    // 12 instances examined 4 at a time: 3 pages.
    assert_eq!(pages, 3);
}
