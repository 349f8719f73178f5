//! EvaluateExpression: substitute `#{…}` in the context of one object.

use super::{Handler, Run};
use crate::error::{require, ServiceError};
use crate::scope::ObjectScope;
use crate::trace::Cause;
use crate::Service;
use model::expr::interpolate;
use protocol::messages::*;

impl Handler for EvaluateExpressionInput {
    type Output = EvaluateExpressionOutput;
    const RUN: Run<Self> = Service::evaluate_expression_impl;
}

impl Service {
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
