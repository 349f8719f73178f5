//! The Default object and the helper types (reference §2.3): scripts run
//! around activities, EMR configuration, properties and HTTP proxies.

use super::common::{RESOURCE_ROLE_REQUIRED, ROLE_REQUIRED};
use super::{keys, names, Category, FieldInfo as F, Kind, Target, TypeInfo, RUNNABLE};

pub(super) static TYPES: &[TypeInfo] = &[
    TypeInfo {
        name: names::DEFAULT,
        category: Category::Other,
        doc: "Fields every object without `parent` inherits (the object with id Default; it has no type).",
        fields: &[
            F { required: false, ..ROLE_REQUIRED },
            F { required: false, ..RESOURCE_ROLE_REQUIRED },
        ],
        rules: &[],
        shared: &[&RUNNABLE],
        managed: None,
        open: true,
    },
    TypeInfo {
        name: names::SHELL_SCRIPT_CONFIG,
        category: Category::Other,
        doc: "A script run before or after a Hadoop-based activity.",
        fields: &[
            F::new(keys::SCRIPT_URI, Kind::String, "S3 URI of the script."),
            F::new(keys::SCRIPT_ARGUMENT, Kind::String, "Arguments for the script.").multi(),
        ],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
    TypeInfo {
        name: names::EMR_CONFIGURATION,
        category: Category::Other,
        doc: "An EMR configuration classification with its properties.",
        fields: &[
            F::new("classification", Kind::String, "Configuration classification (e.g. core-site).")
                .required(),
            F::new(
                "property",
                Kind::Reference(&[Target::Type(names::PROPERTY)]),
                "Properties of the classification.",
            )
            .multi(),
            F::new(
                "configuration",
                Kind::Reference(&[Target::Type(names::EMR_CONFIGURATION)]),
                "Nested configurations.",
            )
            .multi(),
        ],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
    TypeInfo {
        name: names::PROPERTY,
        category: Category::Other,
        doc: "One key/value pair of an EMR configuration.",
        fields: &[
            F::new("key", Kind::String, "Property name.").required(),
            F::new("value", Kind::String, "Property value.").required(),
        ],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
    TypeInfo {
        name: names::HTTP_PROXY,
        category: Category::Other,
        doc: "An HTTP proxy for the task runner of a resource.",
        fields: &[
            F::new(keys::HOSTNAME, Kind::String, "Proxy host.").required(),
            F::new("port", Kind::Integer, "Proxy port.").required().range(Some(1), Some(65535)),
            F::new("username", Kind::String, "Proxy user name."),
            F::new("*password", Kind::String, "Proxy password (stored encrypted)."),
            F::new("windowsDomain", Kind::String, "Windows domain of the proxy user."),
            F::new("windowsWorkgroup", Kind::String, "Windows workgroup of the proxy user."),
            F::new("s3NoProxy", Kind::Boolean, "Do not use the proxy for S3."),
        ],
        rules: &[],
        shared: &[],
        managed: None,
        open: false,
    },
];
