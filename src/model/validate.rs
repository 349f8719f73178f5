//! The service's validation: fatal problems, stored errors and warnings.
