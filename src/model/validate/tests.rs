//! Unit tests of validation.
