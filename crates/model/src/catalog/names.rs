//! Object type names as the service spells them, and the id of the
//! `Default` object. Use these instead of string literals elsewhere.

/// The id of the object whose fields every object without `parent` inherits.
pub const DEFAULT: &str = "Default";

// Activities
pub const SHELL_COMMAND_ACTIVITY: &str = "ShellCommandActivity";
pub const COPY_ACTIVITY: &str = "CopyActivity";
pub const SQL_ACTIVITY: &str = "SqlActivity";
pub const EMR_ACTIVITY: &str = "EmrActivity";
pub const HIVE_ACTIVITY: &str = "HiveActivity";
pub const PIG_ACTIVITY: &str = "PigActivity";
pub const HADOOP_ACTIVITY: &str = "HadoopActivity";
pub const HIVE_COPY_ACTIVITY: &str = "HiveCopyActivity";
pub const REDSHIFT_COPY_ACTIVITY: &str = "RedshiftCopyActivity";

// Data nodes
pub const S3_DATA_NODE: &str = "S3DataNode";
pub const SQL_DATA_NODE: &str = "SqlDataNode";
pub const MYSQL_DATA_NODE: &str = "MySqlDataNode";
pub const DYNAMODB_DATA_NODE: &str = "DynamoDBDataNode";
pub const REDSHIFT_DATA_NODE: &str = "RedshiftDataNode";

// Resources
pub const EC2_RESOURCE: &str = "Ec2Resource";
pub const EMR_CLUSTER: &str = "EmrCluster";

// Preconditions
pub const SHELL_COMMAND_PRECONDITION: &str = "ShellCommandPrecondition";
pub const EXISTS: &str = "Exists";
pub const S3_KEY_EXISTS: &str = "S3KeyExists";
pub const S3_PREFIX_NOT_EMPTY: &str = "S3PrefixNotEmpty";
pub const DYNAMODB_TABLE_EXISTS: &str = "DynamoDBTableExists";
pub const DYNAMODB_DATA_EXISTS: &str = "DynamoDBDataExists";

// Actions
pub const SNS_ALARM: &str = "SnsAlarm";
pub const TERMINATE: &str = "Terminate";

// Databases
pub const JDBC_DATABASE: &str = "JdbcDatabase";
pub const RDS_DATABASE: &str = "RdsDatabase";
pub const REDSHIFT_DATABASE: &str = "RedshiftDatabase";

// Data formats
pub const CSV: &str = "CSV";
pub const TSV: &str = "TSV";
pub const CUSTOM: &str = "Custom";
pub const REGEX: &str = "RegEx";
pub const DYNAMODB_DATA_FORMAT: &str = "DynamoDBDataFormat";
pub const DYNAMODB_EXPORT_DATA_FORMAT: &str = "DynamoDBExportDataFormat";

// Schedules
pub const SCHEDULE: &str = "Schedule";

// Other
pub const SHELL_SCRIPT_CONFIG: &str = "ShellScriptConfig";
pub const EMR_CONFIGURATION: &str = "EmrConfiguration";
pub const PROPERTY: &str = "Property";
pub const HTTP_PROXY: &str = "HttpProxy";
