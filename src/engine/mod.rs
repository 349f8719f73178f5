//! The simulated AWS Data Pipeline service: API actions, virtual clock,
//! schedules, instances, attempts, leases, simulated task runners and the
//! trace. One `Service` value owns all state; time and randomness are handed in.
