//! The one table of the service's 19 actions: for each, its name (the
//! `X-Amz-Target` suffix), its method name (botocore's, which the engine's
//! typed methods share), its request type, what it does to the service
//! (`Effect`), whether a success answers an empty body (`Answer`) and the
//! errors it may answer (botocore's `errors`, checked against botocore's
//! service model by `tests/it/table.rs`).
//!
//! [`for_each_action!`] holds the table; this module expands it into
//! [`Action`] and its properties and ties each request type to its action
//! ([`Request`]). The engine expands the same table into its wire routing
//! and per-action methods, so a new row fails to compile until the engine
//! handles it. Which answer type goes with a request is the engine's
//! (`engine::actions::Handler`): PollForTask's answer carries the engine's
//! lazily rendered task objects.

use serde::{Deserialize, Serialize};

/// Calls `$m!` with the table, one row per action:
/// `Name { method, input, effect, answer, errors: [..] }`.
#[macro_export]
macro_rules! for_each_action {
    ($m:ident) => {
        $m! {
            ActivatePipeline { method: activate_pipeline, input: ActivatePipelineInput, effect: Writes, answer: Body,
                errors: [PipelineNotFoundException, PipelineDeletedException, InternalServiceError, InvalidRequestException] },
            AddTags { method: add_tags, input: AddTagsInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            CreatePipeline { method: create_pipeline, input: CreatePipelineInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException] },
            DeactivatePipeline { method: deactivate_pipeline, input: DeactivatePipelineInput, effect: Writes, answer: Body,
                errors: [PipelineNotFoundException, PipelineDeletedException, InternalServiceError, InvalidRequestException] },
            DeletePipeline { method: delete_pipeline, input: DeletePipelineInput, effect: Writes, answer: Empty,
                errors: [PipelineNotFoundException, InternalServiceError, InvalidRequestException] },
            DescribeObjects { method: describe_objects, input: DescribeObjectsInput, effect: Reads, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            DescribePipelines { method: describe_pipelines, input: DescribePipelinesInput, effect: Reads, answer: Body,
                errors: [PipelineNotFoundException, PipelineDeletedException, InternalServiceError, InvalidRequestException] },
            EvaluateExpression { method: evaluate_expression, input: EvaluateExpressionInput, effect: Reads, answer: Body,
                errors: [InternalServiceError, TaskNotFoundException, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            GetPipelineDefinition { method: get_pipeline_definition, input: GetPipelineDefinitionInput, effect: Reads, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            ListPipelines { method: list_pipelines, input: ListPipelinesInput, effect: Reads, answer: Body,
                errors: [InternalServiceError, InvalidRequestException] },
            PollForTask { method: poll_for_task, input: PollForTaskInput, effect: WritesWhenTaskHandedOut, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, TaskNotFoundException] },
            PutPipelineDefinition { method: put_pipeline_definition, input: PutPipelineDefinitionInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            QueryObjects { method: query_objects, input: QueryObjectsInput, effect: Reads, answer: Body,
                errors: [PipelineNotFoundException, PipelineDeletedException, InternalServiceError, InvalidRequestException] },
            RemoveTags { method: remove_tags, input: RemoveTagsInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            ReportTaskProgress { method: report_task_progress, input: ReportTaskProgressInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, TaskNotFoundException, PipelineNotFoundException, PipelineDeletedException] },
            ReportTaskRunnerHeartbeat { method: report_task_runner_heartbeat, input: ReportTaskRunnerHeartbeatInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, InvalidRequestException] },
            SetStatus { method: set_status, input: SetStatusInput, effect: Writes, answer: Empty,
                errors: [PipelineNotFoundException, PipelineDeletedException, InternalServiceError, InvalidRequestException] },
            SetTaskStatus { method: set_task_status, input: SetTaskStatusInput, effect: Writes, answer: Body,
                errors: [InternalServiceError, TaskNotFoundException, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
            ValidatePipelineDefinition { method: validate_pipeline_definition, input: ValidatePipelineDefinitionInput, effect: Reads, answer: Body,
                errors: [InternalServiceError, InvalidRequestException, PipelineNotFoundException, PipelineDeletedException] },
        }
    };
}

/// What a successful call does to the service's state (what the server
/// saves and whom it wakes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    /// Never changes anything.
    Reads,
    /// May change the service.
    Writes,
    /// PollForTask: changes the service only when it hands out a task.
    WritesWhenTaskHandedOut,
}

/// What a success answers on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// The output as a JSON body.
    Body,
    /// An empty body (the operation has no output shape).
    Empty,
}

/// An error type an action may answer (the `__type` after the `#`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ErrorType {
    InternalServiceError,
    InvalidRequestException,
    PipelineNotFoundException,
    PipelineDeletedException,
    TaskNotFoundException,
}

impl ErrorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::InternalServiceError => "InternalServiceError",
            ErrorType::InvalidRequestException => "InvalidRequestException",
            ErrorType::PipelineNotFoundException => "PipelineNotFoundException",
            ErrorType::PipelineDeletedException => "PipelineDeletedException",
            ErrorType::TaskNotFoundException => "TaskNotFoundException",
        }
    }
}

/// A request type and the action it is the input of.
pub trait Request: Serialize + serde::de::DeserializeOwned {
    const ACTION: Action;
}

macro_rules! define_actions {
    ($($name:ident { method: $method:ident, input: $input:ident, effect: $effect:ident,
        answer: $answer:ident, errors: [$($err:ident),* $(,)?] }),* $(,)?) => {
        /// The service's 19 actions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Action { $($name),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            /// The action's name (`ListPipelines`).
            pub fn as_str(self) -> &'static str {
                match self { $(Action::$name => stringify!($name)),* }
            }

            /// The action named `s` exactly.
            pub fn parse(s: &str) -> Option<Action> {
                match s { $(stringify!($name) => Some(Action::$name),)* _ => None }
            }

            /// botocore's (and the engine's) method name (`list_pipelines`).
            pub fn method_name(self) -> &'static str {
                match self { $(Action::$name => stringify!($method)),* }
            }

            pub fn effect(self) -> Effect {
                match self { $(Action::$name => Effect::$effect),* }
            }

            pub fn answer(self) -> Answer {
                match self { $(Action::$name => Answer::$answer),* }
            }

            /// The errors it may answer besides the protocol's own
            /// (SerializationException, UnknownOperationException).
            pub fn errors(self) -> &'static [ErrorType] {
                match self { $(Action::$name => &[$(ErrorType::$err),*]),* }
            }
        }

        $(impl Request for $crate::messages::$input {
            const ACTION: Action = Action::$name;
        })*
    };
}

for_each_action!(define_actions);

/// Declares an enum of some of the table's actions (what a client such as
/// the export's push performs) with `From` into [`Action`], `ALL`, and the
/// name and target taken from the table: a variant that is not a row of the
/// table fails to compile, and nothing about an action is spelled twice.
/// The caller's attributes (derives, docs) go on the enum.
#[macro_export]
macro_rules! action_subset {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        $vis enum $name { $($variant),* }

        impl From<$name> for $crate::Action {
            fn from(a: $name) -> $crate::Action {
                match a { $($name::$variant => $crate::Action::$variant),* }
            }
        }

        impl $name {
            /// Every action of this subset, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The action's name (the action table's).
            pub fn name(self) -> &'static str {
                $crate::Action::from(self).as_str()
            }

            /// The `X-Amz-Target` value: `DataPipeline.<Action>`.
            pub fn target(self) -> String {
                $crate::Action::from(self).target()
            }
        }
    };
}

/// The `X-Amz-Target` prefixes the service accepts.
const TARGET_PREFIXES: [&str; 2] = ["DataPipeline.", "DataPipeline_20121129."];

impl Action {
    /// The `X-Amz-Target` value: `DataPipeline.<Action>`.
    pub fn target(self) -> String {
        format!("{}{}", TARGET_PREFIXES[0], self.as_str())
    }

    /// The action an `X-Amz-Target` header names (`DataPipeline.<Action>`
    /// or `DataPipeline_20121129.<Action>`).
    pub fn from_target(target: &str) -> Option<Action> {
        TARGET_PREFIXES
            .iter()
            .find_map(|p| target.strip_prefix(p))
            .and_then(Action::parse)
    }

    /// Whether a successful call never changes the service.
    pub fn is_read_only(self) -> bool {
        match self.effect() {
            Effect::Reads => true,
            Effect::Writes | Effect::WritesWhenTaskHandedOut => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip_and_unknown_ones_are_none() {
        for a in Action::ALL {
            assert_eq!(Action::from_target(&a.target()), Some(*a));
            let old = format!("DataPipeline_20121129.{}", a.as_str());
            assert_eq!(Action::from_target(&old), Some(*a));
        }
        assert_eq!(Action::ALL.len(), 19);
        assert_eq!(Action::from_target("DataPipeline.NoSuchAction"), None);
        assert_eq!(Action::from_target("ListPipelines"), None);
        assert_eq!(Action::from_target("Other.ListPipelines"), None);
    }

    #[test]
    fn the_read_only_set_is_the_seven_reads() {
        let reads: Vec<&str> = Action::ALL
            .iter()
            .filter(|a| a.is_read_only())
            .map(|a| a.as_str())
            .collect();
        assert_eq!(
            reads,
            [
                "DescribeObjects",
                "DescribePipelines",
                "EvaluateExpression",
                "GetPipelineDefinition",
                "ListPipelines",
                "QueryObjects",
                "ValidatePipelineDefinition"
            ]
        );
        assert!(!Action::PollForTask.is_read_only());
    }

    crate::action_subset! {
        /// Two of the table's actions, as a client would declare them.
        #[derive(Clone, Copy, Debug, PartialEq)]
        enum Two { ListPipelines, SetStatus }
    }

    #[test]
    fn a_subset_takes_its_names_targets_and_properties_from_the_table() {
        assert_eq!(Two::ALL, [Two::ListPipelines, Two::SetStatus]);
        assert_eq!(Two::SetStatus.name(), "SetStatus");
        assert_eq!(Two::ListPipelines.target(), "DataPipeline.ListPipelines");
        assert_eq!(Action::from(Two::SetStatus).answer(), Answer::Empty);
        assert!(Action::from(Two::ListPipelines).is_read_only());
    }
}
