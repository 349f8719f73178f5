//! What the state is classified by: the service's status values ([`Status`],
//! spelled as the service spells them) and the kinds of component ([`Kind`])
//! that decide who runs an instance.

use model::catalog::names;
use serde::{Deserialize, Serialize};

/// A status value, spelled as the service spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Pending,
    Scheduled,
    Activating,
    Deactivating,
    Inactive,
    WaitingOnDependencies,
    WaitingForRunner,
    Creating,
    Running,
    ShuttingDown,
    Finished,
    Failed,
    CascadeFailed,
    Canceled,
    Timedout,
    Paused,
    Skipped,
    MarkFinished,
}

impl Status {
    /// Every status, in declaration order (`status as usize` indexes it).
    pub const ALL: [Status; 18] = [
        Status::Pending,
        Status::Scheduled,
        Status::Activating,
        Status::Deactivating,
        Status::Inactive,
        Status::WaitingOnDependencies,
        Status::WaitingForRunner,
        Status::Creating,
        Status::Running,
        Status::ShuttingDown,
        Status::Finished,
        Status::Failed,
        Status::CascadeFailed,
        Status::Canceled,
        Status::Timedout,
        Status::Paused,
        Status::Skipped,
        Status::MarkFinished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "PENDING",
            Status::Scheduled => "SCHEDULED",
            Status::Activating => "ACTIVATING",
            Status::Deactivating => "DEACTIVATING",
            Status::Inactive => "INACTIVE",
            Status::WaitingOnDependencies => "WAITING_ON_DEPENDENCIES",
            Status::WaitingForRunner => "WAITING_FOR_RUNNER",
            Status::Creating => "CREATING",
            Status::Running => "RUNNING",
            Status::ShuttingDown => "SHUTTING_DOWN",
            Status::Finished => "FINISHED",
            Status::Failed => "FAILED",
            Status::CascadeFailed => "CASCADE_FAILED",
            Status::Canceled => "CANCELED",
            Status::Timedout => "TIMEDOUT",
            Status::Paused => "PAUSED",
            Status::Skipped => "SKIPPED",
            Status::MarkFinished => "MARK_FINISHED",
        }
    }
    /// An end state of an instance or attempt.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Status::Finished
                | Status::Failed
                | Status::CascadeFailed
                | Status::Canceled
                | Status::Timedout
                | Status::Skipped
                | Status::MarkFinished
        )
    }
    /// An end state that releases dependents.
    pub fn is_success(self) -> bool {
        matches!(self, Status::Finished | Status::MarkFinished)
    }
}

/// What kind of object a component is, which decides its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Activity,
    DataNode,
    Resource,
    /// Evaluated by the service itself (S3KeyExists, …).
    SystemPrecondition,
    /// Handed to a task runner (Exists, ShellCommandPrecondition).
    RunnerPrecondition,
    Schedule,
    SnsAlarm,
    Terminate,
    /// Default, databases, data formats, configs: no instances.
    Other,
}

impl Kind {
    pub fn of(type_name: Option<&str>) -> Kind {
        let Some(t) = type_name else {
            return Kind::Other;
        };
        match t {
            names::SCHEDULE => Kind::Schedule,
            names::SNS_ALARM => Kind::SnsAlarm,
            names::TERMINATE => Kind::Terminate,
            names::EC2_RESOURCE | names::EMR_CLUSTER => Kind::Resource,
            names::S3_KEY_EXISTS
            | names::S3_PREFIX_NOT_EMPTY
            | names::DYNAMODB_TABLE_EXISTS
            | names::DYNAMODB_DATA_EXISTS => Kind::SystemPrecondition,
            names::EXISTS | names::SHELL_COMMAND_PRECONDITION => Kind::RunnerPrecondition,
            _ if t.ends_with("Activity") => Kind::Activity,
            _ if t.ends_with("DataNode") => Kind::DataNode,
            _ => Kind::Other,
        }
    }
    /// Whether the component yields instances.
    pub fn is_runnable(self) -> bool {
        matches!(
            self,
            Kind::Activity
                | Kind::DataNode
                | Kind::Resource
                | Kind::SystemPrecondition
                | Kind::RunnerPrecondition
        )
    }
    pub fn is_precondition(self) -> bool {
        matches!(self, Kind::SystemPrecondition | Kind::RunnerPrecondition)
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn all_lists_every_status_at_its_own_position() {
        for (k, s) in Status::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, k, "{s:?}");
        }
        // The last variant is the last listed: none is missing.
        assert_eq!(Status::MarkFinished as usize + 1, Status::ALL.len());
    }
}
