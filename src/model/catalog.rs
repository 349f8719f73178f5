//! The object catalog: every object type the service knows, its fields,
//! value kinds, required and one-of groups, docs and palette category.
