//! Evaluating an [`Expr`] against a [`Scope`]: operators (integer
//! arithmetic is checked, `^` gives a double, `+` concatenates when either
//! side is a string), list mapping and flattening, and function calls.

use super::functions;
use super::parser::{BinOp, Expr, ExprKind, MAX_DEPTH};
use super::value::{Number, MAX_LIST_LEN};
use super::{ExprError, Scope, Value};

/// Evaluate `expr` with names resolved by `scope`.
pub fn evaluate(expr: &Expr, scope: &dyn Scope) -> Result<Value, ExprError> {
    eval(expr, scope, 0)
}

fn eval(expr: &Expr, scope: &dyn Scope, depth: usize) -> Result<Value, ExprError> {
    let at = |message: String| ExprError::new(expr.position, message);
    if depth > MAX_DEPTH {
        return Err(at(format!(
            "expression is nested too deeply (more than {MAX_DEPTH} levels)"
        )));
    }
    match &expr.kind {
        ExprKind::Str(s) => Ok(Value::Str(s.clone())),
        ExprKind::Int(n) => Ok(Value::Int(*n)),
        ExprKind::Double(d) => Ok(Value::Double(*d)),
        ExprKind::Path(path) => {
            let parts: Vec<&str> = path.iter().map(String::as_str).collect();
            match scope.try_lookup(&parts) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Err(at(format!("'{}' is not defined", path.join(".")))),
                Err(message) => Err(at(message)),
            }
        }
        ExprKind::Neg(inner) => {
            let v = eval(inner, scope, depth + 1)?;
            map_list(v, &|v| negate(v)).map_err(at)
        }
        ExprKind::Binary(op, left, right) => {
            let l = eval(left, scope, depth + 1)?;
            let r = eval(right, scope, depth + 1)?;
            binary(*op, l, r).map_err(at)
        }
        ExprKind::Call(name, args) => {
            let mut values = Vec::with_capacity(args.len());
            for arg in args {
                values.push(eval(arg, scope, depth + 1)?);
            }
            call(name, values).map_err(at)
        }
    }
}

/// Apply `f` to a value, or to each element of a list (flattening).
fn map_list(v: Value, f: &dyn Fn(Value) -> Result<Value, String>) -> Result<Value, String> {
    match v {
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                push_flat(&mut out, f(item)?)?;
            }
            Ok(Value::List(out))
        }
        other => f(other),
    }
}

/// Append `v` to `out`, splicing in the elements of a list.
fn push_flat(out: &mut Vec<Value>, v: Value) -> Result<(), String> {
    match v {
        Value::List(items) => {
            for item in items {
                push_flat(out, item)?;
            }
        }
        other => out.push(other),
    }
    if out.len() > MAX_LIST_LEN {
        return Err(format!("list has more than {MAX_LIST_LEN} values"));
    }
    Ok(())
}

/// A function call; a list as first argument maps the function over it.
fn call(name: &str, mut args: Vec<Value>) -> Result<Value, String> {
    if args.iter().skip(1).any(|a| matches!(a, Value::List(_))) {
        return Err(format!("{name} expects single values, not a list"));
    }
    if matches!(args.first(), Some(Value::List(_))) {
        let first = args.remove(0);
        return map_list(first, &|item| {
            let mut each = Vec::with_capacity(args.len() + 1);
            each.push(item);
            each.extend(args.iter().cloned());
            functions::call(name, &each)
        });
    }
    functions::call(name, &args)
}

fn negate(v: Value) -> Result<Value, String> {
    match v.as_number() {
        Some(Number::Int(n)) => n
            .checked_neg()
            .map(Value::Int)
            .ok_or_else(|| "integer overflow".to_string()),
        Some(Number::Double(d)) => Ok(Value::Double(-d)),
        None => Err(format!("cannot negate {}", v.describe())),
    }
}

/// `l op r`; a list on either side maps the operator over its elements.
fn binary(op: BinOp, l: Value, r: Value) -> Result<Value, String> {
    match (l, r) {
        (Value::List(items), r) => {
            map_list(Value::List(items), &|item| binary(op, item, r.clone()))
        }
        (l, Value::List(items)) => {
            map_list(Value::List(items), &|item| binary(op, l.clone(), item))
        }
        (l, r) => scalar(op, l, r),
    }
}

fn scalar(op: BinOp, l: Value, r: Value) -> Result<Value, String> {
    if op == BinOp::Add && (matches!(l, Value::Str(_)) || matches!(r, Value::Str(_))) {
        return Ok(Value::Str(format!("{l}{r}")));
    }
    let (Some(a), Some(b)) = (l.as_number(), r.as_number()) else {
        let bad = if l.as_number().is_none() { &l } else { &r };
        return Err(format!(
            "'{}' needs numbers, got {}",
            op.symbol(),
            bad.describe()
        ));
    };
    let overflow = || "integer overflow".to_string();
    let result = match (op, a, b) {
        (BinOp::Pow, a, b) => Value::Double(a.as_f64().powf(b.as_f64())),
        (BinOp::Div, _, b) if b.as_f64() == 0.0 => return Err("division by zero".to_string()),
        (BinOp::Add, Number::Int(x), Number::Int(y)) => {
            Value::Int(x.checked_add(y).ok_or_else(overflow)?)
        }
        (BinOp::Sub, Number::Int(x), Number::Int(y)) => {
            Value::Int(x.checked_sub(y).ok_or_else(overflow)?)
        }
        (BinOp::Mul, Number::Int(x), Number::Int(y)) => {
            Value::Int(x.checked_mul(y).ok_or_else(overflow)?)
        }
        // Integer division truncates toward zero.
        (BinOp::Div, Number::Int(x), Number::Int(y)) => {
            Value::Int(x.checked_div(y).ok_or_else(overflow)?)
        }
        (op, a, b) => {
            let (x, y) = (a.as_f64(), b.as_f64());
            Value::Double(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                _ => x / y,
            })
        }
    };
    match result {
        Value::Double(d) if !d.is_finite() => Err("the result is not a finite number".to_string()),
        other => Ok(other),
    }
}
