//! Issue 18 ("Fidelity II"): scenario tests for the places where the
//! simulated service differed from AWS Data Pipeline. Each test cites the
//! document and section (or botocore service-model member) it follows.

mod cascade;
mod editing_active;
mod expressions;
mod names;
mod preconditions;
mod query_paging;
mod smaller;
mod wall_clock_ids;
mod why_rules;
