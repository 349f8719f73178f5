//! Resources (reference §2.3): the machines activities run on.

use super::common::{MINUTE, RESOURCE_ROLE_REQUIRED, ROLE_REQUIRED};
use super::{keys, names, Category, FieldInfo as F, Kind, Target, TypeInfo, RUNNABLE};

const ACTION_ON_TASK_FAILURE: F = F::new(
    "actionOnTaskFailure",
    Kind::Enum(&["continue", "terminate"]),
    "What happens to the resource when a task on it fails.",
);
const ACTION_ON_RESOURCE_FAILURE: F = F::new(
    "actionOnResourceFailure",
    Kind::Enum(&["retryall", "retrynone"]),
    "What happens when the resource itself fails.",
);
const KEY_PAIR: F = F::new("keyPair", Kind::String, "EC2 key pair for SSH access.");
const SUBNET_ID: F = F::new("subnetId", Kind::String, "VPC subnet to launch into.");
const REGION: F = F::new("region", Kind::String, "AWS region to launch in.");
const HTTP_PROXY: F = F::new(
    "httpProxy",
    Kind::Reference(&[Target::Type(names::HTTP_PROXY)]),
    "Proxy the task runner uses.",
);

pub(super) static TYPES: &[TypeInfo] = &[
    TypeInfo {
        name: names::EC2_RESOURCE,
        category: Category::Resources,
        doc: "One EC2 instance that runs the activities pointing to it.",
        fields: &[
            ROLE_REQUIRED,
            RESOURCE_ROLE_REQUIRED,
            F::new("instanceType", Kind::String, "EC2 instance type."),
            F::new("imageId", Kind::String, "AMI to launch."),
            F::new(
                keys::TERMINATE_AFTER,
                Kind::Period,
                "Terminate the instance this long after it starts.",
            ),
            ACTION_ON_TASK_FAILURE,
            ACTION_ON_RESOURCE_FAILURE,
            KEY_PAIR,
            SUBNET_ID,
            F::new("securityGroupIds", Kind::String, "VPC security group ids.").multi(),
            F::new("securityGroups", Kind::String, "EC2-Classic security group names.").multi(),
            F::new("spotBidPrice", Kind::Double, "Spot bid, in dollars per hour."),
            F::new(
                "useOnDemandOnLastAttempt",
                Kind::Boolean,
                "Use an on-demand instance for the last attempt.",
            ),
            HTTP_PROXY,
            REGION,
            F::new("availabilityZone", Kind::String, "Availability zone to launch in."),
            F::new(
                "associatePublicIpAddress",
                Kind::Boolean,
                "Give the instance a public IP address (in a VPC subnet).",
            ),
            F::new("runAsUser", Kind::String, "User that runs the task runner."),
            F::new("initTimeout", Kind::Period, "How long the instance may take to start.")
                .range(Some(MINUTE), None),
        ],
        rules: &[],
        shared: &[&RUNNABLE],
        managed: None,
        open: false,
    },
    TypeInfo {
        name: names::EMR_CLUSTER,
        category: Category::Resources,
        doc: "An Amazon EMR cluster for Hadoop-based activities.",
        fields: &[
            F::new(keys::ROLE, Kind::String, "IAM role of the EMR service."),
            F::new(keys::RESOURCE_ROLE, Kind::String, "IAM role of the cluster's instances."),
            F::new("releaseLabel", Kind::String, "EMR release (emr-5.x …)."),
            F::new("amiVersion", Kind::String, "AMI version (older clusters)."),
            F::new("masterInstanceType", Kind::String, "Instance type of the master node."),
            F::new("coreInstanceType", Kind::String, "Instance type of the core nodes."),
            F::new("coreInstanceCount", Kind::Integer, "Number of core nodes.")
                .range(Some(0), None),
            F::new("taskInstanceType", Kind::String, "Instance type of the task nodes."),
            F::new("taskInstanceCount", Kind::Integer, "Number of task nodes.")
                .range(Some(0), None),
            F::new("bootstrapAction", Kind::String, "Bootstrap action: script, then arguments.")
                .multi()
                .max_values(255),
            F::new("applications", Kind::String, "Applications to install.").multi(),
            F::new(
                "configuration",
                Kind::Reference(&[Target::Type(names::EMR_CONFIGURATION)]),
                "EMR configuration objects.",
            )
            .multi(),
            F::new(
                keys::TERMINATE_AFTER,
                Kind::Period,
                "Terminate the cluster this long after it starts (the page says hours; samples write \"2 Hours\").",
            ),
            F::new(
                "hadoopSchedulerType",
                Kind::Enum(&[
                    "PARALLEL_FAIR_SCHEDULING",
                    "PARALLEL_CAPACITY_SCHEDULING",
                    "DEFAULT_SCHEDULER",
                ]),
                "Hadoop scheduler of the cluster.",
            ),
            ACTION_ON_TASK_FAILURE,
            ACTION_ON_RESOURCE_FAILURE,
            KEY_PAIR,
            SUBNET_ID,
            HTTP_PROXY,
            REGION,
        ],
        rules: &[],
        shared: &[&RUNNABLE],
        managed: None,
        open: false,
    },
];
