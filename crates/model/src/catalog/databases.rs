//! Databases (reference §2.3): connections used by SQL data nodes and
//! activities.

use super::{names, Category, FieldInfo as F, Kind, Rule, TypeInfo};

const USERNAME: F = F::new("username", Kind::String, "User name to connect as.").required();
const PASSWORD: F = F::new("*password", Kind::String, "Password (stored encrypted).").required();
const DATABASE_NAME: F = F::new("databaseName", Kind::String, "Logical database name.");
const JDBC_PROPERTIES: F = F::new(
    "jdbcProperties",
    Kind::String,
    "JDBC connection properties (name=value).",
)
.multi();
const JDBC_DRIVER_JAR_URI: F = F::new(
    "jdbcDriverJarUri",
    Kind::String,
    "S3 URI of the JDBC driver jar.",
);
const REGION: F = F::new("region", Kind::String, "AWS region of the database.");
const CONNECTION_STRING: F = F::new("connectionString", Kind::String, "JDBC connection string.");

const fn database(
    name: &'static str,
    doc: &'static str,
    fields: &'static [F],
    rules: &'static [Rule],
) -> TypeInfo {
    TypeInfo {
        name,
        category: Category::Databases,
        doc,
        fields,
        rules,
        shared: &[],
        managed: None,
        open: false,
    }
}

pub(super) static TYPES: &[TypeInfo] = &[
    database(
        names::JDBC_DATABASE,
        "Any database reachable through a JDBC driver.",
        &[
            CONNECTION_STRING.required(),
            F::new(
                "jdbcDriverClass",
                Kind::String,
                "Class name of the JDBC driver.",
            )
            .required(),
            USERNAME,
            PASSWORD,
            JDBC_DRIVER_JAR_URI,
            JDBC_PROPERTIES,
            DATABASE_NAME,
        ],
        &[],
    ),
    database(
        names::RDS_DATABASE,
        "An Amazon RDS database instance.",
        &[
            F::new(
                "rdsInstanceId",
                Kind::String,
                "Identifier of the RDS instance.",
            )
            .required(),
            USERNAME,
            PASSWORD,
            REGION,
            DATABASE_NAME,
            JDBC_DRIVER_JAR_URI,
            JDBC_PROPERTIES,
        ],
        &[],
    ),
    database(
        names::REDSHIFT_DATABASE,
        "An Amazon Redshift cluster.",
        &[
            USERNAME,
            PASSWORD,
            F::new(
                "clusterId",
                Kind::String,
                "Identifier of the Redshift cluster.",
            ),
            CONNECTION_STRING,
            DATABASE_NAME,
            REGION,
            JDBC_PROPERTIES,
        ],
        &[Rule::OneOf {
            keys: &["clusterId", "connectionString"],
            required: true,
            exclusive: true,
        }],
    ),
];
