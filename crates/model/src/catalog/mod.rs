//! The object catalog: every object type the service knows (reference
//! §2.3), its fields, value kinds, required and one-of groups, docs and
//! palette category. The palette, the inspector, validation and the docs
//! tooltips all read this one table; type names and field keys that other
//! modules need are the constants in [`names`] and [`keys`].

mod actions;
mod activities;
mod common;
mod data_formats;
mod data_nodes;
mod databases;
pub mod defaults;
pub mod keys;
pub mod names;
mod other;
mod preconditions;
mod resources;
mod schedules;

pub use common::{ACTIVITY, PRECONDITION, RUNNABLE, UNIVERSAL};

/// The palette's groups of object types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Activities,
    DataNodes,
    Resources,
    Preconditions,
    Actions,
    Databases,
    DataFormats,
    Schedules,
    Other,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Category; 9] = [
        Category::Activities,
        Category::DataNodes,
        Category::Resources,
        Category::Preconditions,
        Category::Actions,
        Category::Databases,
        Category::DataFormats,
        Category::Schedules,
        Category::Other,
    ];

    /// The palette heading.
    pub fn label(self) -> &'static str {
        match self {
            Category::Activities => "Activities",
            Category::DataNodes => "Data nodes",
            Category::Resources => "Resources",
            Category::Preconditions => "Preconditions",
            Category::Actions => "Actions",
            Category::Databases => "Databases",
            Category::DataFormats => "Data formats",
            Category::Schedules => "Schedules",
            Category::Other => "Other",
        }
    }
}

/// What a reference field may point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Exactly this object type.
    Type(&'static str),
    /// Any type of this category.
    Category(Category),
    /// Any object (e.g. `parent`).
    Any,
}

impl Target {
    /// Whether an object of type `target_type` satisfies this target.
    pub fn accepts(self, target_type: &str) -> bool {
        match self {
            Target::Type(t) => t == target_type,
            Target::Category(c) => type_info(target_type).is_some_and(|t| t.category == c),
            Target::Any => true,
        }
    }
    /// The same, for a type already looked up.
    pub fn accepts_info(self, target: &TypeInfo) -> bool {
        match self {
            Target::Type(t) => t == target.name,
            Target::Category(c) => target.category == c,
            Target::Any => true,
        }
    }
}

/// The kind of value a field holds. Integer, Double and Boolean are written
/// as strings (`"3"`, `"true"`); Period is `"N unit"`; DateTime is
/// `YYYY-MM-DDTHH:MM:SS` (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Reference(&'static [Target]),
    Integer,
    Double,
    Boolean,
    Period,
    DateTime,
    /// One of these values, compared case-insensitively.
    Enum(&'static [&'static str]),
    /// A string evaluated as an expression (no literal check).
    Expression,
}

impl Kind {
    pub fn is_reference(self) -> bool {
        matches!(self, Kind::Reference(_))
    }
    /// A short name for the inspector.
    pub fn label(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Reference(_) => "Reference",
            Kind::Integer => "Integer",
            Kind::Double => "Double",
            Kind::Boolean => "Boolean",
            Kind::Period => "Period",
            Kind::DateTime => "DateTime",
            Kind::Enum(_) => "Enumeration",
            Kind::Expression => "Expression",
        }
    }
}

/// One field of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    pub key: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
    pub required: bool,
    /// Multi-valued (repeated key, kept in order).
    pub multi: bool,
    /// Lower bound: an Integer's value, or a Period's length in seconds.
    pub min: Option<i64>,
    /// Upper bound, same units as `min`.
    pub max: Option<i64>,
    /// At most this many values (multi-valued fields).
    pub max_values: Option<u16>,
    /// Literal values accepted besides the kind's own syntax
    /// (`ONDEMAND_PERIOD` for a Schedule's period).
    pub also_accepts: &'static [&'static str],
    /// The value the service (or the project, §10) assumes when unset.
    pub default: Option<&'static str>,
    /// `default` is the project's choice (reference §10): no source states one.
    pub project_default: bool,
}

impl FieldInfo {
    /// A single-valued optional field.
    pub const fn new(key: &'static str, kind: Kind, doc: &'static str) -> Self {
        FieldInfo {
            key,
            kind,
            doc,
            required: false,
            multi: false,
            min: None,
            max: None,
            max_values: None,
            also_accepts: &[],
            default: None,
            project_default: false,
        }
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn multi(mut self) -> Self {
        self.multi = true;
        self
    }
    pub const fn range(mut self, min: Option<i64>, max: Option<i64>) -> Self {
        self.min = min;
        self.max = max;
        self
    }
    pub const fn max_values(mut self, n: u16) -> Self {
        self.max_values = Some(n);
        self
    }
    pub const fn also(mut self, literals: &'static [&'static str]) -> Self {
        self.also_accepts = literals;
        self
    }
    pub const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }
    /// A default no source states, chosen by the project (reference §10).
    pub const fn project_default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self.project_default = true;
        self
    }
}

/// A rule across fields, checked on the fields after inheritance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `A or B`: with `required`, at least one must be set; with
    /// `exclusive`, at most one may be set.
    OneOf {
        keys: &'static [&'static str],
        required: bool,
        exclusive: bool,
    },
    /// The first field may not be used together with the second.
    NotWith(&'static str, &'static str),
    /// The first field needs the second.
    Requires(&'static str, &'static str),
    /// The first DateTime must be later than the second.
    After(&'static str, &'static str),
}

/// Fields and rules shared by several types (§2.2's runnable fields).
#[derive(Debug)]
pub struct FieldGroup {
    pub name: &'static str,
    pub fields: &'static [FieldInfo],
    pub rules: &'static [Rule],
}

/// Who evaluates a precondition (§2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Managed {
    /// Run by the service itself (S3KeyExists, …).
    System,
    /// Run by a task runner, on the `runsOn`/`workerGroup` of the activity.
    User,
}

/// One object type.
#[derive(Debug)]
pub struct TypeInfo {
    pub name: &'static str,
    pub category: Category,
    pub doc: &'static str,
    /// The type's own fields (they win over shared ones with the same key).
    pub fields: &'static [FieldInfo],
    pub rules: &'static [Rule],
    /// Shared groups, in order (the universal group is always added).
    pub shared: &'static [&'static FieldGroup],
    /// For preconditions: system- or user-managed.
    pub managed: Option<Managed>,
    /// Accepts any field of any type (the `Default` object, whose fields
    /// every object inherits).
    pub open: bool,
}

impl TypeInfo {
    /// Every rule that applies: shared groups' first, then the type's own.
    pub fn all_rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.shared
            .iter()
            .flat_map(|g| g.rules.iter())
            .chain(self.rules.iter())
    }
    /// The field `key` of this type: its own, then shared, then universal;
    /// for an open type (Default), any catalog field with that key.
    pub fn field(&'static self, key: &str) -> Option<&'static FieldInfo> {
        field_of(self, key).or_else(|| if self.open { any_field(key) } else { None })
    }
    /// Whether the §2.2 runnable fields apply.
    pub fn is_runnable(&self) -> bool {
        self.shared.iter().any(|g| std::ptr::eq(*g, &RUNNABLE))
    }
}

static TABLE: [&[TypeInfo]; 9] = [
    activities::TYPES,
    data_nodes::TYPES,
    resources::TYPES,
    preconditions::TYPES,
    actions::TYPES,
    databases::TYPES,
    data_formats::TYPES,
    schedules::TYPES,
    other::TYPES,
];

/// Every type, grouped by category in palette order.
pub fn types() -> impl Iterator<Item = &'static TypeInfo> {
    TABLE.iter().flat_map(|t| t.iter())
}

/// The type called `name` (case-sensitive, as the service spells it).
pub fn type_info(name: &str) -> Option<&'static TypeInfo> {
    types().find(|t| t.name == name)
}

/// Every category, in palette order.
pub fn categories() -> &'static [Category] {
    &Category::ALL
}

/// The types of one category, in table order.
pub fn types_in(category: Category) -> impl Iterator<Item = &'static TypeInfo> {
    types().filter(move |t| t.category == category)
}

/// The field `key` of `type_name`: its own, then shared, then universal;
/// for an open type (Default), any catalog field with that key.
pub fn field_info(type_name: &str, key: &str) -> Option<&'static FieldInfo> {
    type_info(type_name)?.field(key)
}

fn field_of(t: &'static TypeInfo, key: &str) -> Option<&'static FieldInfo> {
    t.fields
        .iter()
        .chain(t.shared.iter().flat_map(|g| g.fields.iter()))
        .chain(UNIVERSAL.fields.iter())
        .find(|f| f.key == key)
}

/// The first field called `key` in the whole catalog (shared groups first),
/// for objects whose type is not known.
pub fn any_field(key: &str) -> Option<&'static FieldInfo> {
    [&UNIVERSAL, &RUNNABLE, &ACTIVITY, &PRECONDITION]
        .iter()
        .flat_map(|g| g.fields.iter())
        .chain(types().flat_map(|t| t.fields.iter()))
        .find(|f| f.key == key)
}

/// Whether `key` on a `type_name` object may refer to an object of
/// `target_type`. False when the field is not a reference; true for keys
/// the catalog does not know (only the target's existence is checked).
pub fn is_reference_allowed(type_name: &str, key: &str, target_type: &str) -> bool {
    let field = field_info(type_name, key).or_else(|| any_field(key));
    match field.map(|f| f.kind) {
        Some(Kind::Reference(targets)) => targets.iter().any(|t| t.accepts(target_type)),
        Some(_) => false,
        None => true,
    }
}

/// All fields of a type, each key once: required fields first, then the
/// members of required one-of groups, then the rest, in table order.
pub fn fields_for(type_name: &str) -> Vec<&'static FieldInfo> {
    let Some(t) = type_info(type_name) else {
        return Vec::new();
    };
    let mut all: Vec<&'static FieldInfo> = Vec::new();
    for f in t
        .fields
        .iter()
        .chain(t.shared.iter().flat_map(|g| g.fields.iter()))
        .chain(UNIVERSAL.fields.iter())
    {
        if !all.iter().any(|g| g.key == f.key) {
            all.push(f);
        }
    }
    let in_required_group = |key: &str| {
        t.all_rules()
            .any(|r| matches!(r, Rule::OneOf { keys, required: true, .. } if keys.contains(&key)))
    };
    let rank = |f: &FieldInfo| {
        if f.required {
            0
        } else if in_required_group(f.key) {
            1
        } else {
            2
        }
    };
    all.sort_by_key(|f| rank(f));
    all
}

/// Whether `key` is a user-defined field name (`my…` or `*my…`, §2.1/§10).
pub fn is_user_field(key: &str) -> bool {
    key.strip_prefix('*')
        .unwrap_or(key)
        .starts_with(keys::USER_PREFIX)
}

/// Whether `key` is a runtime field the service sets (`@…`).
pub fn is_runtime_field(key: &str) -> bool {
    key.starts_with('@')
}

#[cfg(test)]
mod tests;
