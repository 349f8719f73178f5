//! Data nodes (reference §2.3): where an activity reads and writes data.

use super::common::{DATABASES, DATA_FORMATS};
use super::{keys, names, Category, FieldInfo as F, Kind, Rule, Target, TypeInfo, RUNNABLE};

const SHARED: &[&super::FieldGroup] = &[&RUNNABLE];

const fn data_node(
    name: &'static str,
    doc: &'static str,
    fields: &'static [F],
    rules: &'static [Rule],
) -> TypeInfo {
    TypeInfo {
        name,
        category: Category::DataNodes,
        doc,
        fields,
        rules,
        shared: SHARED,
        managed: None,
        open: false,
    }
}

const TABLE: F = F::new("table", Kind::String, "The table's name.").required();
const TABLE_NAME: F = F::new(keys::TABLE_NAME, Kind::String, "The table's name.").required();
const SCHEMA_NAME: F = F::new("schemaName", Kind::String, "The schema holding the table.");
const CREATE_TABLE_SQL: F = F::new(
    "createTableSql",
    Kind::String,
    "SQL that creates the table if it does not exist.",
);
const REGION: F = F::new("region", Kind::String, "AWS region of the data.");

const SQL_FIELDS: &[F] = &[
    TABLE,
    F::new(
        "database",
        Kind::Reference(DATABASES),
        "The database holding the table.",
    ),
    F::new("selectQuery", Kind::String, "SQL that reads the data."),
    F::new("insertQuery", Kind::String, "SQL that writes the data."),
    CREATE_TABLE_SQL,
    SCHEMA_NAME,
];

/// MySqlDataNode also takes its connection directly (the older form).
const MYSQL_FIELDS: &[F] = &[
    SQL_FIELDS[0],
    SQL_FIELDS[1],
    SQL_FIELDS[2],
    SQL_FIELDS[3],
    SQL_FIELDS[4],
    SQL_FIELDS[5],
    F::new(
        "connectionString",
        Kind::String,
        "JDBC connection string (instead of database).",
    ),
    F::new(
        "username",
        Kind::String,
        "User name to connect as (instead of database).",
    ),
    F::new(
        "*password",
        Kind::String,
        "Password (stored encrypted; instead of database).",
    ),
];

pub(super) static TYPES: &[TypeInfo] = &[
    data_node(
        names::S3_DATA_NODE,
        "Data in Amazon S3: one file or a directory.",
        &[
            F::new("directoryPath", Kind::String, "S3 directory of the data."),
            F::new("filePath", Kind::String, "S3 path of one file."),
            F::new(
                "manifestFilePath",
                Kind::String,
                "S3 path of a manifest file listing the data.",
            ),
            F::new(
                "dataFormat",
                Kind::Reference(DATA_FORMATS),
                "How the data is laid out.",
            ),
            F::new(
                "compression",
                Kind::Enum(&["none", "gzip"]),
                "Compression of the data.",
            ),
            F::new(
                "s3EncryptionType",
                Kind::Enum(&["SERVER_SIDE_ENCRYPTION", "NONE"]),
                "S3 encryption (server-side by default).",
            ),
        ],
        &[Rule::OneOf {
            keys: &["directoryPath", "filePath"],
            required: false,
            exclusive: true,
        }],
    ),
    data_node(
        names::SQL_DATA_NODE,
        "A table in an SQL database.",
        SQL_FIELDS,
        &[],
    ),
    data_node(
        names::MYSQL_DATA_NODE,
        "A table in a MySQL database.",
        MYSQL_FIELDS,
        &[],
    ),
    data_node(
        names::DYNAMODB_DATA_NODE,
        "A DynamoDB table.",
        &[
            TABLE_NAME,
            F::new(
                "dataFormat",
                Kind::Reference(&[
                    Target::Type(names::DYNAMODB_DATA_FORMAT),
                    Target::Type(names::DYNAMODB_EXPORT_DATA_FORMAT),
                ]),
                "How the table's items are laid out.",
            ),
            F::new(
                "readThroughputPercent",
                Kind::Double,
                "Share of the provisioned read capacity to use.",
            ),
            F::new(
                "writeThroughputPercent",
                Kind::Double,
                "Share of the provisioned write capacity to use.",
            ),
            REGION,
        ],
        &[],
    ),
    data_node(
        names::REDSHIFT_DATA_NODE,
        "A table in Amazon Redshift.",
        &[
            F::new(
                "database",
                Kind::Reference(&[Target::Type(names::REDSHIFT_DATABASE)]),
                "The Redshift database holding the table.",
            )
            .required(),
            TABLE_NAME,
            CREATE_TABLE_SQL,
            SCHEMA_NAME,
            F::new("primaryKeys", Kind::String, "Primary key columns.").multi(),
        ],
        &[],
    ),
];
