//! Data formats (reference §2.3): how a data node's records are laid out.

use super::{names, Category, FieldInfo as F, Kind, TypeInfo};

const COLUMN: F = F::new("column", Kind::String, "Column definition (name type).").multi();
const ESCAPE_CHAR: F = F::new(
    "escapeChar",
    Kind::String,
    "Character that escapes a delimiter.",
);
const RECORD_SEPARATOR: F = F::new(
    "recordSeparator",
    Kind::String,
    "Character between records.",
);
const COLUMN_SEPARATOR: F = F::new(
    "columnSeparator",
    Kind::String,
    "Character between columns.",
);

const fn format(name: &'static str, doc: &'static str, fields: &'static [F]) -> TypeInfo {
    TypeInfo {
        name,
        category: Category::DataFormats,
        doc,
        fields,
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    }
}

pub(super) static TYPES: &[TypeInfo] = &[
    format(
        names::CSV,
        "Comma-separated values.",
        &[COLUMN, ESCAPE_CHAR],
    ),
    format(
        names::TSV,
        "Tab-separated values.",
        &[COLUMN, COLUMN_SEPARATOR, ESCAPE_CHAR, RECORD_SEPARATOR],
    ),
    format(
        names::CUSTOM,
        "Records with your own column separator.",
        &[COLUMN_SEPARATOR.required(), COLUMN, RECORD_SEPARATOR],
    ),
    format(
        names::REGEX,
        "Records parsed with a regular expression.",
        &[
            F::new(
                "inputRegEx",
                Kind::String,
                "Regular expression that parses a record.",
            ),
            F::new(
                "outputFormat",
                Kind::String,
                "Format of the extracted fields.",
            ),
            COLUMN,
        ],
    ),
    format(
        names::DYNAMODB_DATA_FORMAT,
        "DynamoDB items for Hive.",
        &[COLUMN],
    ),
    format(
        names::DYNAMODB_EXPORT_DATA_FORMAT,
        "DynamoDB export files.",
        &[COLUMN],
    ),
];
