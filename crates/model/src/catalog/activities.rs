//! Activities (reference §2.3): the work a pipeline does.

use super::common::{DATABASES, DATA_NODES, EMR, SHELL_SCRIPT_CONFIG};
use super::{keys, names, Category, FieldInfo as F, Kind, Rule, Target, TypeInfo};
use super::{ACTIVITY, RUNNABLE};

const SHELL_FIELDS_DOC_STAGE: &str =
    "true: stage inputs/outputs locally (${INPUT1_STAGING_DIR}, ${OUTPUT1_STAGING_DIR}).";

const SHARED: &[&super::FieldGroup] = &[&RUNNABLE, &ACTIVITY];

const fn activity(
    name: &'static str,
    doc: &'static str,
    fields: &'static [F],
    rules: &'static [Rule],
) -> TypeInfo {
    TypeInfo {
        name,
        category: Category::Activities,
        doc,
        fields,
        rules,
        shared: SHARED,
        managed: None,
        open: false,
    }
}

const SCRIPT_OR_URI: Rule = Rule::OneOf {
    keys: &["script", keys::SCRIPT_URI],
    required: true,
    exclusive: true,
};
const COMMAND_OR_URI: Rule = Rule::OneOf {
    keys: &[keys::COMMAND, keys::SCRIPT_URI],
    required: true,
    exclusive: true,
};

const RUNS_ON_EMR: F = F::new(
    keys::RUNS_ON,
    Kind::Reference(EMR),
    "The EMR cluster that runs the work.",
);
const PRE_CONFIG: F = F::new(
    "preActivityTaskConfig",
    Kind::Reference(SHELL_SCRIPT_CONFIG),
    "Script to run before the activity.",
);
const POST_CONFIG: F = F::new(
    "postActivityTaskConfig",
    Kind::Reference(SHELL_SCRIPT_CONFIG),
    "Script to run after the activity.",
);
const HADOOP_QUEUE: F = F::new("hadoopQueue", Kind::String, "Hadoop scheduler queue name.");
const SCRIPT_VARIABLE: F = F::new(
    "scriptVariable",
    Kind::String,
    "Variables passed to the script (NAME=value).",
)
.multi();
const GENERATED_SCRIPTS_PATH: F = F::new(
    "generatedScriptsPath",
    Kind::String,
    "S3 path where the generated scripts are kept.",
);
const STAGE: F = F::new(keys::STAGE, Kind::Boolean, SHELL_FIELDS_DOC_STAGE);
const SCRIPT_URI: F = F::new(
    keys::SCRIPT_URI,
    Kind::String,
    "S3 URI of the script to run.",
);
const SQL_COPY_NODES: &[Target] = &[
    Target::Type(names::S3_DATA_NODE),
    Target::Type(names::SQL_DATA_NODE),
    Target::Type(names::MYSQL_DATA_NODE),
];

pub(super) static TYPES: &[TypeInfo] = &[
    activity(
        names::SHELL_COMMAND_ACTIVITY,
        "Runs a shell command or script.",
        &[
            F::new(keys::COMMAND, Kind::String, "The command to run."),
            SCRIPT_URI,
            F::new(
                keys::SCRIPT_ARGUMENT,
                Kind::String,
                "Arguments for the command.",
            )
            .multi(),
            STAGE,
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
            COMMAND_OR_URI,
            Rule::NotWith(keys::SCRIPT_ARGUMENT, keys::SCRIPT_URI),
        ],
    ),
    activity(
        names::COPY_ACTIVITY,
        "Copies data from one data node to another.",
        &[
            F::new(
                keys::INPUT,
                Kind::Reference(SQL_COPY_NODES),
                "The data node to copy from.",
            ),
            F::new(
                keys::OUTPUT,
                Kind::Reference(SQL_COPY_NODES),
                "The data node to copy to.",
            ),
        ],
        &[],
    ),
    activity(
        names::SQL_ACTIVITY,
        "Runs an SQL script against a database.",
        &[
            F::new(
                "database",
                Kind::Reference(DATABASES),
                "The database to run on.",
            )
            .required(),
            F::new("script", Kind::String, "The SQL script to run."),
            SCRIPT_URI,
            F::new(
                keys::SCRIPT_ARGUMENT,
                Kind::String,
                "Arguments for the script.",
            )
            .multi(),
            F::new("queue", Kind::String, "Redshift query queue."),
        ],
        &[SCRIPT_OR_URI],
    ),
    activity(
        names::EMR_ACTIVITY,
        "Runs steps on an EMR cluster.",
        &[
            RUNS_ON_EMR,
            F::new(
                "step",
                Kind::String,
                "A step: jar followed by comma-separated arguments.",
            )
            .multi()
            .max_values(255),
            F::new(
                "preStepCommand",
                Kind::String,
                "Shell command run before the steps.",
            )
            .multi(),
            F::new(
                "postStepCommand",
                Kind::String,
                "Shell command run after the steps.",
            )
            .multi(),
            F::new(
                "resizeClusterBeforeRunning",
                Kind::Boolean,
                "Resize the cluster for the inputs and outputs before running.",
            ),
        ],
        &[],
    ),
    activity(
        names::HIVE_ACTIVITY,
        "Runs a Hive query on an EMR cluster.",
        &[
            RUNS_ON_EMR,
            F::new("hiveScript", Kind::String, "The Hive script to run."),
            SCRIPT_URI,
            F::new(keys::INPUT, Kind::Reference(DATA_NODES), "Input data node.")
                .required()
                .multi(),
            F::new(
                keys::OUTPUT,
                Kind::Reference(DATA_NODES),
                "Output data node.",
            )
            .required()
            .multi(),
            SCRIPT_VARIABLE,
            STAGE,
            HADOOP_QUEUE,
            GENERATED_SCRIPTS_PATH,
            PRE_CONFIG,
            POST_CONFIG,
        ],
        &[Rule::OneOf {
            keys: &["hiveScript", keys::SCRIPT_URI],
            required: true,
            exclusive: true,
        }],
    ),
    activity(
        names::PIG_ACTIVITY,
        "Runs a Pig script on an EMR cluster.",
        &[
            RUNS_ON_EMR,
            F::new("script", Kind::String, "The Pig script to run."),
            SCRIPT_URI,
            SCRIPT_VARIABLE,
            STAGE,
            HADOOP_QUEUE,
            GENERATED_SCRIPTS_PATH,
            PRE_CONFIG,
            POST_CONFIG,
        ],
        &[SCRIPT_OR_URI],
    ),
    activity(
        names::HADOOP_ACTIVITY,
        "Runs a MapReduce job on an EMR cluster.",
        &[
            RUNS_ON_EMR,
            F::new("jarUri", Kind::String, "S3 URI of the job's jar.").required(),
            F::new("mainClass", Kind::String, "The jar's main class."),
            F::new("argument", Kind::String, "Arguments for the job.").multi(),
            HADOOP_QUEUE,
            PRE_CONFIG,
            POST_CONFIG,
        ],
        &[],
    ),
    activity(
        names::HIVE_COPY_ACTIVITY,
        "Copies data between DynamoDB and S3 through Hive, with filtering.",
        &[
            RUNS_ON_EMR,
            F::new(
                "filterSql",
                Kind::String,
                "Hive SQL fragment that filters the rows copied.",
            ),
            GENERATED_SCRIPTS_PATH,
        ],
        &[],
    ),
    activity(
        names::REDSHIFT_COPY_ACTIVITY,
        "Copies data into or out of Amazon Redshift.",
        &[
            F::new(
                "insertMode",
                Kind::Enum(&["KEEP_EXISTING", "OVERWRITE_EXISTING", "TRUNCATE", "APPEND"]),
                "What happens to rows already in the target table.",
            )
            .required(),
            F::new(
                "transformSql",
                Kind::String,
                "SQL that transforms the input rows.",
            ),
            F::new("commandOptions", Kind::String, "COPY command options.").multi(),
            F::new("queue", Kind::String, "Redshift query queue."),
        ],
        &[],
    ),
];
