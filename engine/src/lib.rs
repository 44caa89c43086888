//! Simulation engines for the asyncio course.
//!
//! Pure Rust with no browser types: every engine is deterministic, moves one tick per `step`,
//! and can be replayed to any tick, which is how the course's player steps back.

pub mod bakers;
pub mod event_loop;
pub mod gil;
pub mod guess;
pub mod io_or_cpu;
pub mod params;
pub mod python;
pub mod race;
pub mod scheduler;
pub mod trace;
