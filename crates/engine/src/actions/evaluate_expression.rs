//! EvaluateExpression: substitute `#{…}` in the context of one object.

use crate::error::{require, ServiceError};
use crate::scope::ObjectScope;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use model::expr::interpolate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateExpressionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateExpressionOutput {
    pub evaluated_expression: String,
}

impl Service {
    pub fn evaluate_expression(
        &mut self,
        req: EvaluateExpressionInput,
    ) -> Result<EvaluateExpressionOutput, ServiceError> {
        self.call(
            Action::EvaluateExpression,
            req,
            Self::evaluate_expression_impl,
        )
    }

    fn evaluate_expression_impl(
        &mut self,
        req: EvaluateExpressionInput,
        _cause: Cause,
    ) -> Result<EvaluateExpressionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let object_id = require(&req.object_id, "objectId", 1, 1024)?;
        let expression = require(&req.expression, "expression", 0, 20_971_520)?;
        let obj = self.find_object(p, object_id).ok_or_else(|| {
            ServiceError::InvalidRequest(format!("Object '{object_id}' not found in pipeline"))
        })?;
        let scope = ObjectScope {
            service: self,
            p,
            obj,
        };
        let evaluated_expression =
            interpolate(expression, &scope).map_err(|e| ServiceError::InvalidRequest(e.message))?;
        Ok(EvaluateExpressionOutput {
            evaluated_expression,
        })
    }
}
