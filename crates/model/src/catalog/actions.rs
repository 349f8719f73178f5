//! Actions (reference §2.3): what happens on success, failure or lateness.

use super::common::ROLE_REQUIRED;
use super::{keys, names, Category, FieldInfo as F, Kind, TypeInfo};

pub(super) static TYPES: &[TypeInfo] = &[
    TypeInfo {
        name: names::SNS_ALARM,
        category: Category::Actions,
        doc: "Sends an Amazon SNS notification.",
        fields: &[
            F::new(
                keys::TOPIC_ARN,
                Kind::String,
                "The SNS topic to publish to.",
            )
            .required(),
            F::new(
                keys::SUBJECT,
                Kind::String,
                "Subject line of the notification.",
            )
            .required(),
            F::new(keys::MESSAGE, Kind::String, "Body of the notification.").required(),
            ROLE_REQUIRED,
        ],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
    TypeInfo {
        name: names::TERMINATE,
        category: Category::Actions,
        doc: "Cancels the late object (used through onLateAction).",
        fields: &[],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
];
