//! Preconditions (reference §2.3): checks that must pass before an object
//! runs, run by the service (system-managed) or by a task runner
//! (user-managed).

use super::common::ROLE_REQUIRED;
use super::{keys, names, Category, FieldInfo as F, Kind, Managed, Rule, TypeInfo};
use super::{PRECONDITION, RUNNABLE};

const SHARED: &[&super::FieldGroup] = &[&RUNNABLE, &PRECONDITION];

const fn precondition(
    name: &'static str,
    doc: &'static str,
    managed: Managed,
    fields: &'static [F],
    rules: &'static [Rule],
) -> TypeInfo {
    TypeInfo {
        name,
        category: Category::Preconditions,
        doc,
        fields,
        rules,
        shared: SHARED,
        managed: Some(managed),
        open: false,
    }
}

const TABLE_NAME: F = F::new(
    keys::TABLE_NAME,
    Kind::String,
    "The DynamoDB table to check.",
)
.required();

pub(super) static TYPES: &[TypeInfo] = &[
    precondition(
        names::SHELL_COMMAND_PRECONDITION,
        "True when a shell command or script exits with status 0.",
        Managed::User,
        &[
            F::new(keys::COMMAND, Kind::String, "The command to run."),
            F::new(
                keys::SCRIPT_URI,
                Kind::String,
                "S3 URI of the script to run.",
            ),
            F::new(
                keys::SCRIPT_ARGUMENT,
                Kind::String,
                "Arguments for the command.",
            )
            .multi(),
            F::new(
                keys::STDOUT,
                Kind::String,
                "S3 path that receives standard output.",
            ),
            F::new(
                keys::STDERR,
                Kind::String,
                "S3 path that receives standard error.",
            ),
        ],
        &[
            Rule::OneOf {
                keys: &[keys::COMMAND, keys::SCRIPT_URI],
                required: true,
                exclusive: true,
            },
            Rule::NotWith(keys::SCRIPT_ARGUMENT, keys::SCRIPT_URI),
        ],
    ),
    precondition(
        names::EXISTS,
        "True when the data node it is attached to exists.",
        Managed::User,
        &[],
        &[],
    ),
    precondition(
        names::S3_KEY_EXISTS,
        "True when an S3 key exists.",
        Managed::System,
        &[
            ROLE_REQUIRED,
            F::new(keys::S3_KEY, Kind::String, "The S3 key to look for.").required(),
        ],
        &[],
    ),
    precondition(
        names::S3_PREFIX_NOT_EMPTY,
        "True when an S3 prefix holds at least one object.",
        Managed::System,
        &[
            ROLE_REQUIRED,
            F::new(keys::S3_PREFIX, Kind::String, "The S3 prefix to look in.").required(),
        ],
        &[],
    ),
    precondition(
        names::DYNAMODB_TABLE_EXISTS,
        "True when a DynamoDB table exists.",
        Managed::System,
        &[ROLE_REQUIRED, TABLE_NAME],
        &[],
    ),
    precondition(
        names::DYNAMODB_DATA_EXISTS,
        "True when a DynamoDB table holds data.",
        Managed::System,
        &[ROLE_REQUIRED, TABLE_NAME],
        &[],
    ),
];
