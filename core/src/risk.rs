//! What can make an item take more or less time than the plan says (`shenpi simulate`), as
//! data: a range for the time it takes, and for approval items the chance of correction rounds
//! (补正). A ruleset's `[uncertainty]` gives defaults per clock (and for the works); an item's
//! `uncertainty` overrides them; a project's `[uncertainty]` scales every correction chance by
//! the applicant's preparation and may override items.
//!
//! The deterministic plan is the all-at-the-limit case: a ruleset without `[uncertainty]`
//! simulates to exactly its plan.

use serde::Serialize;

/// A triangular range (min ≤ mode ≤ max): of the planned duration as a factor (`time`), or
/// in working days (a correction round's notice and turnaround).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Triangle {
    /// Least.
    pub min: f64,
    /// Most likely.
    pub mode: f64,
    /// Most.
    pub max: f64,
}

impl Triangle {
    /// Exactly 1 (the planned duration).
    pub const ONE: Triangle = Triangle {
        min: 1.0,
        mode: 1.0,
        max: 1.0,
    };

    /// The value at quantile `u` in `[0, 1)` (the inverse of the distribution function).
    pub fn quantile(&self, u: f64) -> f64 {
        let Triangle { min, mode, max } = *self;
        let width = max - min;
        if width <= 0.0 {
            return min;
        }
        let split = (mode - min) / width;
        if u < split {
            min + (u * width * (mode - min)).sqrt()
        } else {
            max - ((1.0 - u) * width * (max - mode)).sqrt()
        }
    }

    /// The mean, (min + mode + max) / 3.
    pub fn mean(&self) -> f64 {
        (self.min + self.mode + self.max) / 3.0
    }
}

/// Correction rounds (补正) of an approval item: each submission needs another round with
/// chance `p` (so the rounds are geometric, mean p / (1 − p)); a round costs the department's
/// notice and the applicant's turnaround, after which the review starts over.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Corrections {
    /// Chance that a submission needs correcting (before the project's preparation factor).
    pub p: f64,
    /// Working days until the department's notice (行政许可法 第三十二条: 五日内).
    pub notice: Triangle,
    /// Working days the applicant takes to correct and resubmit.
    pub turnaround: Triangle,
}

/// An item's uncertainty, resolved: its ruleset's clock default with the item's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Risk {
    /// The time the item takes, as a factor of its planned duration. For an approval item
    /// the department's time within the limit (max ≤ 1: the promised limit is a hard cap).
    pub time: Triangle,
    /// Correction rounds (approval items).
    pub corrections: Option<Corrections>,
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            time: Triangle::ONE,
            corrections: None,
        }
    }
}

impl Risk {
    /// Whether the item always takes its planned time.
    pub fn is_certain(&self) -> bool {
        self.time == Triangle::ONE && self.corrections.is_none_or(|c| c.p == 0.0)
    }
}

/// The most correction rounds an item is simulated with (the chance of more is p⁹: below
/// 0.01 % for p ≤ 0.35).
pub const MAX_ROUNDS: u32 = 8;

/// The highest correction chance a preparation factor can raise `p` to.
pub const MAX_P: f64 = 0.95;
