//! Instance ids as the service writes them (`@<componentId>_<scheduledStartTime>`,
//! and `_<n>` after the n-th precondition instance of one interval): the
//! engine renders them from their parts, and DescribeObjects finds each
//! instance by its id.

use crate::support;
use support::*;

const T0: &str = "2012-12-12T00:00:00";

#[test]
fn two_activities_checked_by_one_precondition_get_numbered_precondition_instances() {
    let mut objs = simple(T0, Some("2012-12-12T01:00:00"), &[("precondition", "@Key")]);
    objs.push(obj(
        "B",
        &[
            ("type", "ShellCommandActivity"),
            ("command", "b"),
            ("schedule", "@Sched"),
            ("precondition", "@Key"),
        ],
    ));
    objs.push(obj(
        "Key",
        &[
            ("type", "S3KeyExists"),
            ("s3Key", "s3://b/k"),
            ("role", "r"),
        ],
    ));
    let mut s = service_at(T0);
    s.set_fact("s3://b/k", false);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    let first = "@Key_2012-12-12T00:00:00";
    let second = "@Key_2012-12-12T00:00:00_2";
    for (id, node) in [
        (first, "@A_2012-12-12T00:00:00"),
        (second, "@B_2012-12-12T00:00:00"),
    ] {
        assert_eq!(field(&mut s, &pid, id, "@id").as_deref(), Some(id));
        assert_eq!(field(&mut s, &pid, id, "node").as_deref(), Some(node));
        assert_eq!(status(&mut s, &pid, id), "RUNNING");
    }
    for unknown in [
        "@Key_2012-12-12T00:00:00_3",
        "@Key_2012-12-12T00:00:00_02",
        "@Key_2012-12-12T00:00:00_1",
    ] {
        assert_eq!(field(&mut s, &pid, unknown, "@id"), None, "{unknown}");
    }
}

#[test]
fn ids_carry_hours_minutes_and_seconds() {
    let mut objs = simple(T0, Some("2012-12-12T02:00:00"), &[]);
    objs[1] = obj(
        "Sched",
        &[
            ("type", "Schedule"),
            ("period", "45 minutes"),
            ("startDateTime", "2012-12-12T00:00:07"),
        ],
    );
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    s.advance_to(at("2012-12-12T02:00:00"));
    for id in [
        "@A_2012-12-12T00:00:07",
        "@A_2012-12-12T00:45:07",
        "@A_2012-12-12T01:30:07",
    ] {
        assert_eq!(field(&mut s, &pid, id, "@id").as_deref(), Some(id));
    }
}
