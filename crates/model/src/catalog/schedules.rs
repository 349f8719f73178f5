//! Schedules (reference §2.3, §3.1): when and how often objects run.

use super::common::{MINUTE, YEAR};
use super::keys::{self, values};
use super::{names, Category, FieldInfo as F, Kind, Rule, TypeInfo};

pub(super) static TYPES: &[TypeInfo] = &[TypeInfo {
    name: names::SCHEDULE,
    category: Category::Schedules,
    doc: "Runs objects once per period, from a start to an optional end.",
    fields: &[
        F::new(
            keys::PERIOD,
            Kind::Period,
            "How often it runs: at least 15 minutes, at most 3 years.",
        )
        .required()
        .range(Some(15 * MINUTE), Some(3 * YEAR))
        .also(&[values::ONDEMAND_PERIOD]),
        F::new(
            keys::START_AT,
            Kind::Enum(&[
                values::FIRST_ACTIVATION_DATE_TIME,
                values::ONDEMAND_ACTIVATION_TIME,
            ]),
            "Start at the first activation instead of a fixed date-time.",
        ),
        F::new(
            keys::START_DATE_TIME,
            Kind::DateTime,
            "First interval's start (UTC).",
        ),
        F::new(
            keys::END_DATE_TIME,
            Kind::DateTime,
            "No interval starts after this (UTC).",
        ),
        F::new(
            keys::OCCURRENCES,
            Kind::Integer,
            "Number of runs, then stop.",
        )
        .range(Some(1), None),
    ],
    rules: &[
        Rule::OneOf {
            keys: &[keys::START_AT, keys::START_DATE_TIME],
            required: true,
            exclusive: true,
        },
        Rule::NotWith(keys::OCCURRENCES, keys::END_DATE_TIME),
        Rule::After(keys::END_DATE_TIME, keys::START_DATE_TIME),
    ],
    shared: &[],
    managed: None,
    open: false,
}];
