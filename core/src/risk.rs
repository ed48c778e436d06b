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

/// How many correction rounds an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "law", rename_all = "snake_case")]
pub enum Rounds {
    /// Each submission needs another round with chance `p`: P(k) = (1 − p) pᵏ, mean
    /// p / (1 − p) (at most [`MAX_ROUNDS`]).
    Geometric {
        /// The chance per submission.
        p: f64,
    },
    /// `shares[k]` is the chance of exactly k rounds (summing to 1).
    Table {
        /// P(0), P(1), … P(MAX_ROUNDS).
        shares: [f64; MAX_ROUNDS as usize + 1],
    },
}

impl Rounds {
    /// The chance of at least one round.
    pub fn any(&self) -> f64 {
        match self {
            Rounds::Geometric { p } => *p,
            Rounds::Table { shares } => 1.0 - shares[0],
        }
    }

    /// With every chance of a round scaled by `factor` (the applicant's preparation), at most
    /// [`MAX_P`]: a table keeps the shape of its rounds.
    pub fn scaled(&self, factor: f64) -> Rounds {
        match *self {
            Rounds::Geometric { p } => Rounds::Geometric {
                p: (p * factor).min(MAX_P),
            },
            Rounds::Table { mut shares } => {
                let q = 1.0 - shares[0];
                if q > 0.0 {
                    let scaled = (q * factor).min(MAX_P);
                    for s in &mut shares[1..] {
                        *s *= scaled / q;
                    }
                    shares[0] = 1.0 - scaled;
                }
                Rounds::Table { shares }
            }
        }
    }

    /// The number of rounds at quantile `u` in `[0, 1)`.
    pub fn quantile(&self, u: f64) -> u32 {
        match self {
            Rounds::Geometric { p } if *p <= 0.0 => 0,
            // Inversion: the least k with 1 − pᵏ⁺¹ > u.
            Rounds::Geometric { p } => {
                ((1.0 - u).ln() / p.ln()).floor().min(f64::from(MAX_ROUNDS)) as u32
            }
            Rounds::Table { shares } => {
                let mut cumulative = 0.0;
                for (k, s) in shares.iter().enumerate() {
                    cumulative += s;
                    if u < cumulative {
                        return k as u32;
                    }
                }
                MAX_ROUNDS
            }
        }
    }
}

/// Correction rounds (补正) of an approval item: how many there are (`rounds`); each costs the
/// department's notice and the applicant's turnaround, after which the review starts over.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Corrections {
    /// How many rounds (before the project's preparation factor).
    pub rounds: Rounds,
    /// Working days until the department's notice (行政许可法 第三十二条: 五日内).
    pub notice: Triangle,
    /// Days the applicant takes to correct and resubmit.
    pub turnaround: Triangle,
    /// Whether `turnaround` is in calendar days (taken as 5 working days a week: a range of
    /// the applicant's time, not a date, so holidays are not looked up).
    pub turnaround_natural: bool,
}

impl Corrections {
    /// The turnaround of quantile `u`, in working days.
    pub fn turnaround_days(&self, u: f64) -> f64 {
        let days = self.turnaround.quantile(u);
        if self.turnaround_natural {
            days * 5.0 / 7.0
        } else {
            days
        }
    }
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
        self.time == Triangle::ONE && self.corrections.is_none_or(|c| c.rounds.any() == 0.0)
    }
}

/// The most correction rounds an item is simulated with (the chance of more is p⁹: below
/// 0.01 % for p ≤ 0.35).
pub const MAX_ROUNDS: u32 = 8;

/// The highest correction chance a preparation factor can raise `p` to.
pub const MAX_P: f64 = 0.95;
