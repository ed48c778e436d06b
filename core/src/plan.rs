//! The plan: the scheduled result of one project, a serde model with a stable JSON shape
//! (documented in `docs/plan-format.md`). Everything a renderer needs is here, so renderers
//! and the web page never recompute.

use chrono::NaiveDate;
use serde::Serialize;

use crate::project::{Classification, Scenario};
use crate::ruleset::{Clock, DurationUnit, MeasureKind};
pub use crate::text::{Text, TextList};

/// Version of the JSON shape; bumped on any incompatible change.
pub const PLAN_FORMAT_VERSION: u32 = 3;

/// The scheduled result of one project: dates, floats, critical path, stage spans, target checks,
/// warnings and the explanation trace.
///
/// Offsets are working days on the plan's calendar; offset 0 is
/// [`ProjectInfo::accepted`], the acceptance day of the first application. Item offsets, dates
/// and floats are on the elapsed clock. Serializes to the format in `docs/plan-format.md`
/// (see [`Plan::to_json`]).
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    /// Version of the JSON shape, [`PLAN_FORMAT_VERSION`].
    pub format_version: u32,
    /// The rules the plan used.
    pub ruleset: RulesetInfo<'a>,
    /// The project as resolved (type, scenario, start and acceptance dates, attributes).
    pub project: ProjectInfo<'a>,
    /// Headline numbers.
    pub summary: Summary,
    /// Target checks: the whole process first, then per-stage targets in stage order; empty when
    /// the project type has no target.
    pub targets: Vec<TargetCheck<'a>>,
    /// One span per stage of the ruleset, in ruleset order, including empty stages.
    pub stages: Vec<StageSpan<'a>>,
    /// Planned items in declaration order (a merged item stands where its first part was declared).
    pub items: Vec<PlannedItem<'a>>,
    /// Items of the ruleset that are not in this plan, with the reason.
    pub excluded: Vec<ExcludedItem<'a>>,
    /// Every measure of the ruleset, in declaration order, with whether it was on and applied.
    pub measures: Vec<MeasureState<'a>>,
    /// The canonical critical path (item ids), ties broken by declaration order.
    pub critical_path: Vec<Text<'a>>,
    /// Every critical path (at most 64), each list of items once.
    pub critical_paths: Vec<Vec<Text<'a>>>,
    /// The key dates the ruleset declares (开工, 竣工, …) whose item is in the plan, in
    /// declaration order.
    pub milestones: Vec<MilestoneDate<'a>>,
    /// Distinct application materials, in first-use order.
    pub materials: Vec<Text<'a>>,
    /// Things the reader should know, e.g. a year outside the calendar's holiday data (assumed
    /// Monday–Friday) or no applicable item.
    pub warnings: Vec<Text<'a>>,
    /// The years the plan spans that have no holiday data (counted Monday–Friday): the
    /// horizon warning as data, for front ends that word it themselves.
    pub years_without_calendar: Vec<i32>,
}

/// Which ruleset a plan used.
#[derive(Debug, Clone, Serialize)]
pub struct RulesetInfo<'a> {
    /// Ruleset id, e.g. `cn-national-2019`.
    pub id: Text<'a>,
    /// Display name.
    pub name: Text<'a>,
    /// Jurisdiction (辖区), e.g. `江西省赣州市`; may be empty.
    pub jurisdiction: Text<'a>,
    /// SHA-256 (64 lowercase hex digits) of the source texts of the whole `extends` chain: two
    /// plans with the same hash used the same rules.
    pub content_hash: Text<'a>,
}

/// One attribute value of the project that is set (given or defaulted).
#[derive(Debug, Clone, Serialize)]
pub struct AttributeValue<'a> {
    /// Attribute id.
    pub id: Text<'a>,
    /// Attribute label, e.g. `总建筑面积`.
    pub label: Text<'a>,
    /// The value as written (enum id, number, boolean or text).
    pub value: crate::condition::Value,
    /// Display form (enum label, number with unit).
    pub display: Text<'a>,
    /// Why the plan assumed this value, when the project did not give it.
    pub assumed: Option<Assumption<'a>>,
}

/// Why a plan assumed an attribute value the project did not give.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Assumption<'a> {
    /// The attribute's `default`.
    Default,
    /// One of the attribute's `defaults`, inferred from the project's other attributes.
    Inferred {
        /// That default's condition and reason, described.
        because: Text<'a>,
    },
}

impl IntoOwned for Assumption<'_> {
    type Owned = Assumption<'static>;
    fn into_owned(self) -> Assumption<'static> {
        match self {
            Assumption::Default => Assumption::Default,
            Assumption::Inferred { because } => Assumption::Inferred {
                because: because.into_owned(),
            },
        }
    }
}

/// The project as the plan resolved it.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectInfo<'a> {
    /// Project name (`未命名项目` when the project file gives none).
    pub name: Text<'a>,
    /// Project type id.
    pub project_type: Text<'a>,
    /// Project type display name.
    pub project_type_name: Text<'a>,
    /// How the project type was decided (declared, or classified by its `when`).
    pub classification: Classification,
    /// Which limits were used: promised (承诺时限, default) or legal (法定时限).
    pub scenario: Scenario,
    /// The start date as given.
    pub start: NaiveDate,
    /// Acceptance day of the first application: the start, or the next workday.
    /// Offset 0.
    pub accepted: NaiveDate,
    /// The attribute values that are set (given or defaulted), in ruleset order.
    pub attributes: Vec<AttributeValue<'a>>,
    /// The construction period (工期) used, in calendar days (the project's, else its
    /// type's, else the works item's limit); `None` without a works item.
    pub construction_days: Option<u32>,
}

/// Headline numbers of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Official approval time (审批时间), in working days: the critical path length when only
    /// approval-clock items take time. What targets check.
    pub approval_working_days: i64,
    /// The date of offset `approval_working_days`: when the approval time runs out, counted
    /// from [`ProjectInfo::accepted`].
    pub approval_finish: NaiveDate,
    /// Elapsed time in working days, everything counted: offset of the last decision.
    pub elapsed_working_days: i64,
    /// Everything counted, in calendar days from acceptance to the last decision.
    pub elapsed_calendar_days: i64,
    /// Decision date of the last item: the project's finish.
    pub finish: NaiveDate,
    /// Construction start (开工): the day the works start, after everything the law
    /// requires before building; `None` when the ruleset has no works item or it does not
    /// apply.
    pub construction_start: Option<NaiveDate>,
    /// Completion of the works (竣工): construction start plus the construction period.
    pub completion: Option<NaiveDate>,
    /// Number of planned items.
    pub items: usize,
    /// Planned items with total float 0 (elapsed clock).
    pub critical_items: usize,
    /// Number of distinct application materials.
    pub materials: usize,
    /// Planned items that list their application materials. When fewer than half do,
    /// `materials` counts a ruleset's gaps more than a project's paperwork, and front ends
    /// show no number ([`Summary::materials_known`]).
    pub items_with_materials: usize,
    /// Separate applications (a bundle or a merged item is one).
    pub applications: usize,
    /// Whether every target is met.
    pub targets_met: bool,
}

/// One target (时限目标) of the project type checked against the plan's approval time.
#[derive(Debug, Clone, Serialize)]
pub struct TargetCheck<'a> {
    /// `total` or a stage id.
    pub scope: Text<'a>,
    /// `全流程` or the stage name.
    pub name: Text<'a>,
    /// The limit, in approval working days.
    pub target: u32,
    /// Approval working days: the plan's approval time for `total`, the stage's
    /// [`StageSpan::approval_working_days`] for a stage.
    pub actual: i64,
    /// `actual <= target`.
    pub met: bool,
    /// `target - actual`: positive means days to spare, negative days over.
    pub margin: i64,
    /// The policy document the target comes from (the project type's `target.source`).
    pub source: Option<Text<'a>>,
}

/// The span of one stage (审批阶段) in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct StageSpan<'a> {
    /// Stage id.
    pub id: Text<'a>,
    /// Stage name.
    pub name: Text<'a>,
    /// Lead department (一家牵头), if the stage has one.
    pub lead: Option<Text<'a>>,
    /// Number of planned items in the stage.
    pub items: usize,
    /// Working days of approval time the stage spans (first acceptance → last decision).
    pub approval_working_days: i64,
    /// The same on the elapsed clock: `finish_offset - start_offset` (0 when empty).
    pub elapsed_working_days: i64,
    /// Earliest acceptance date of the stage's items (elapsed clock); `None` when the stage is empty.
    pub start: Option<NaiveDate>,
    /// Latest decision date of the stage's items (elapsed clock); `None` when the stage is empty.
    pub finish: Option<NaiveDate>,
    /// Working-day offset of `start` (0 when empty).
    pub start_offset: i64,
    /// Working-day offset of `finish` (0 when empty).
    pub finish_offset: i64,
}

/// Where a planned item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlannedKind {
    /// An item of the ruleset.
    Item,
    /// An item created by a `merge` measure from several ruleset items.
    Merged,
}

/// One scheduled item of a plan.
///
/// Offsets are working days from [`ProjectInfo::accepted`] on the elapsed clock: the item is
/// accepted at `es` and decided at `ef` (`ef = es + working_days`; the acceptance day itself is
/// not counted).
#[derive(Debug, Clone, Serialize)]
pub struct PlannedItem<'a> {
    /// Item id (for a merged item: the id the merge measure gives it).
    pub id: Text<'a>,
    /// Item name.
    pub name: Text<'a>,
    /// Responsible department; for a merged item without one, the parts' departments joined by `、`.
    pub department: Text<'a>,
    /// Stage id.
    pub stage: Text<'a>,
    /// A ruleset item or a merged item.
    pub kind: PlannedKind,
    /// Ruleset items folded into this one (merged items).
    pub parts: Vec<Text<'a>>,
    /// Duration used, in `unit`s, after the scenario and measures.
    pub duration: u32,
    /// Unit of `duration`: working or natural (calendar) days.
    pub unit: DurationUnit,
    /// Whether the item's time counts as approval time.
    pub clock: Clock,
    /// The construction works (施工): its acceptance is the construction start (开工), its
    /// decision the completion (竣工).
    pub works: bool,
    /// Working days from acceptance to decision, as scheduled (natural days converted).
    pub working_days: i64,
    /// Earliest acceptance offset (early start), in working days from [`ProjectInfo::accepted`].
    pub es: i64,
    /// Earliest decision offset (early finish).
    pub ef: i64,
    /// Latest acceptance offset that does not delay the project's finish.
    pub ls: i64,
    /// Latest decision offset that does not delay the project's finish.
    pub lf: i64,
    /// `ls - es`: working days the item can slip without delaying the project's finish.
    pub total_float: i64,
    /// Working days the item can slip without delaying any successor.
    pub free_float: i64,
    /// Total float 0: on a critical path of the elapsed clock.
    pub critical: bool,
    /// On the critical path of the approval clock.
    pub approval_critical: bool,
    /// Acceptance date (受理): the date of `es`.
    pub accepted: NaiveDate,
    /// Decision date: the date of `ef`.
    pub decided: NaiveDate,
    /// Id of the bundle (一件事) this item is accepted with.
    pub bundle: Option<Text<'a>>,
    /// The item's statutory prerequisites (法定前置), in `requires` order: decided no later
    /// than this item is decided (for the works: than they start) unless a measure waived one.
    pub prerequisites: Vec<PrerequisiteState<'a>>,
    /// Planned items this one waits for directly (stage gates not listed): ruleset items in
    /// declaration order, then merged items.
    pub predecessors: TextList<'a>,
    /// Planned items that wait for this one directly, in the same order as `predecessors`.
    pub successors: TextList<'a>,
    /// Why the item applies: its condition and policy basis (none: it always applies).
    pub applies_because: Option<Text<'a>>,
    /// What the scenario and the measures changed, in order, measures named by id. Front
    /// ends word it themselves; [`Plan::describe_change`] words it in English.
    pub trace: Vec<Change<Text<'a>>>,
    /// The item's application materials (a merged item: the parts', de-duplicated).
    pub materials: TextList<'a>,
    /// Where the item's duration comes from (none: the ruleset does not say).
    pub provenance: Option<Basis<'a>>,
}

/// One statutory prerequisite of a planned item and what became of it in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PrerequisiteState<'a> {
    /// The prerequisite item's id (for a merged prerequisite: the merged item's).
    pub item: Text<'a>,
    /// The law and article that require it.
    pub source: Option<Text<'a>>,
    /// Its decision date; `None` when it is not in the plan (its condition failed or a
    /// measure removed it).
    pub decided: Option<NaiveDate>,
    /// Decided on the day this item is decided (the works: start): this item waited for it.
    pub held: bool,
    /// The measure that waived it, if one did (this item may then be decided first).
    pub waived_by: Option<Text<'a>>,
}

/// A key date of the project (开工, 竣工, …).
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneDate<'a> {
    /// Milestone id, e.g. `construction-start`.
    pub id: Text<'a>,
    /// Display name, e.g. `开工`.
    pub name: Text<'a>,
    /// The item whose start or finish it is.
    pub item: Text<'a>,
    /// The date.
    pub date: NaiveDate,
    /// Its working-day offset from [`ProjectInfo::accepted`].
    pub offset: i64,
}

/// Where a number comes from: its kind and the document, reason or published total.
#[derive(Debug, Clone, Serialize)]
pub struct Basis<'a> {
    /// Sourced, estimated or calibrated.
    pub kind: BasisKind,
    /// The document and article (`source`), why it is estimated (`estimate`), or which
    /// published total it was back-solved to reproduce and how (`calibrated`).
    pub text: Text<'a>,
}

impl Basis<'_> {
    /// A copy borrowing this one's text.
    pub(crate) fn borrowed(&self) -> Basis<'_> {
        Basis {
            kind: self.kind,
            text: self.text.borrowed(),
        }
    }
}

/// How a number was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BasisKind {
    /// Taken from a document (law, regulation, published list or guide).
    Source,
    /// Chosen where no document gives it, with the reason.
    Estimate,
    /// Back-solved so that a published total is reproduced: a regression check of that total,
    /// not evidence for it.
    Calibrated,
}

impl BasisKind {
    /// The name plans use (`source`, `estimate`, `calibrated`).
    pub fn name(self) -> &'static str {
        match self {
            BasisKind::Source => "source",
            BasisKind::Estimate => "estimate",
            BasisKind::Calibrated => "calibrated",
        }
    }
}

/// A ruleset item that is not in the plan, with the reason.
#[derive(Debug, Clone, Serialize)]
pub struct ExcludedItem<'a> {
    /// Item id.
    pub id: Text<'a>,
    /// Item name.
    pub name: Text<'a>,
    /// `condition not met: …`, `exempted by …` or ``merged into `id` by …``.
    pub reason: Text<'a>,
    /// What removed it (`reason` as data).
    pub by: ExcludedBy,
    /// The item's condition, described, when `by` is `condition`.
    pub condition: Option<Text<'a>>,
    /// The measure that removed it, if any.
    pub measure: Option<Text<'a>>,
}

/// What took an item out of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExcludedBy {
    /// Its `when` does not hold for the project.
    Condition,
    /// An `exempt` measure.
    Exempted,
    /// A `merge` measure folded it into a new item.
    Merged,
}

/// Why a measure that is on did not reshape the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplied {
    /// Its condition (`when`) does not hold for the project.
    Condition,
    /// Too few of its items are in the plan to act on.
    TooFewItems,
}

/// Whether one measure of the ruleset was on and applied in a plan.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureState<'a> {
    /// Measure id.
    pub id: Text<'a>,
    /// Measure name.
    pub name: Text<'a>,
    /// What the measure does to the graph.
    pub kind: MeasureKind,
    /// Switched on (by default or by the project).
    pub on: bool,
    /// On, and its condition holds: it reshaped the plan.
    pub applied: bool,
    /// Why a measure that is on did not apply (`does not apply: needs …`).
    pub note: Option<Text<'a>>,
    /// `note` as data, for front ends that word it themselves: `None` when the measure
    /// applied or is off.
    pub not_applied: Option<NotApplied>,
    /// The measure's condition, described (none: it applies to every project).
    pub condition: Option<Text<'a>>,
}

impl Summary {
    /// Whether `materials` means something: at least half of the planned items list their
    /// materials.
    pub fn materials_known(&self) -> bool {
        self.items > 0 && self.items_with_materials * 2 >= self.items
    }

    /// `materials` for a reader: the count, or `—` with the reason when too few items list
    /// their materials for it to mean anything.
    pub fn materials_text(&self) -> String {
        if self.materials_known() {
            self.materials.to_string()
        } else {
            format!(
                "— (only {} of {} items list their materials)",
                self.items_with_materials, self.items
            )
        }
    }
}

impl RulesetInfo<'_> {
    /// A copy borrowing this one's texts.
    pub(crate) fn borrowed(&self) -> RulesetInfo<'_> {
        RulesetInfo {
            id: self.id.borrowed(),
            name: self.name.borrowed(),
            jurisdiction: self.jurisdiction.borrowed(),
            content_hash: self.content_hash.borrowed(),
        }
    }
}

impl<'a> Plan<'a> {
    /// Whether every date of the plan has a four-digit year (at most 9999-12-31): iCalendar,
    /// mermaid and spreadsheet dates have no room for more, so hosts refuse to render a plan
    /// that runs past it.
    pub fn fits_four_digit_years(&self) -> bool {
        use chrono::Datelike;
        self.summary.finish.year() <= 9999
    }

    /// [`Plan::fits_four_digit_years`] as the error a host shows when it does not.
    pub fn check_four_digit_years(&self) -> Result<(), String> {
        if self.fits_four_digit_years() {
            Ok(())
        } else {
            Err(format!(
                "the plan runs to {}, past the year 9999; start earlier",
                self.summary.finish
            ))
        }
    }

    /// The planned item with this id.
    pub fn item(&self, id: &str) -> Option<&PlannedItem<'a>> {
        self.items.iter().find(|i| i.id == id)
    }

    /// One change of an item's [`trace`](PlannedItem::trace) as an English sentence (what
    /// `shenpi explain` prints), the measure called by its name in [`Plan::measures`].
    /// Worded on demand, not while planning: only a reader of the sentence pays for it.
    pub fn describe_change(&self, change: &Change<Text<'_>>) -> String {
        let name = |id: &Text| {
            (self.measures.iter())
                .find(|m| m.id == *id)
                .map_or_else(|| id.to_string(), |m| m.name.to_string())
        };
        match change {
            Change::Legal { from, to } => format!(
                "statutory limit {to} d used instead of the promised {from} d (legal scenario)"
            ),
            Change::LimitCase { case, from, to } => format!(
                "limit for this project: {to} d (case {} of the item's limit cases; {from} d otherwise)",
                case + 1
            ),
            Change::Duration { measure, from, to } => {
                format!("{}: {from} → {to} d", name(measure))
            }
            Change::Clock { measure, from, to } => {
                format!("{}: clock {} → {}", name(measure), from.name(), to.name())
            }
            Change::Unit { measure, to } => {
                format!("{}: counted in {} days", name(measure), to.name())
            }
            Change::Dependencies {
                measure,
                dropped,
                added,
            } => format!(
                "{}: {dropped} dependencies dropped, {added} added",
                name(measure)
            ),
            Change::Overlapped { measure, links } => format!(
                "{}: accepted alongside {links} predecessor(s) (start-to-start)",
                name(measure)
            ),
            Change::Bundled { measure } => {
                format!("{}: accepted and decided together", name(measure))
            }
            Change::GateLifted { measure } => format!(
                "{}: stage gate lifted, runs alongside the previous stage",
                name(measure)
            ),
        }
    }

    /// Stable pretty JSON (the documented plan format).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plans serialize");
        s.push('\n');
        s
    }
}

/// What a measure (or the scenario) did to an item: one step of the explanation trace.
///
/// Plans carry it structured ([`PlannedItem::trace`], measures named by id) so that front ends
/// can word it in their own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change<M = crate::ruleset::MeasureIdx> {
    /// The `legal` scenario replaced the promised limit with the statutory one.
    Legal {
        /// The promised limit, in the item's unit.
        from: u32,
        /// The statutory limit used, in the item's unit.
        to: u32,
    },
    /// One of the item's `limit_cases` set its limit for this project (the plan item's
    /// provenance is the case's).
    LimitCase {
        /// Index of the case among the item's `limit_cases`.
        case: u32,
        /// The item's general limit, in its unit.
        from: u32,
        /// The case's limit used, in the item's unit.
        to: u32,
    },
    /// A `commitment` or `set` measure changed the duration.
    Duration {
        /// The measure: its index in [`Ruleset::measures`](crate::ruleset::Ruleset::measures)
        /// while planning, its id in a plan.
        measure: M,
        /// Duration before, in the item's unit.
        from: u32,
        /// Duration after, in the item's unit.
        to: u32,
    },
    /// A `set` measure changed the clock.
    Clock {
        /// The measure (index while planning, id in a plan).
        measure: M,
        /// Clock before.
        from: Clock,
        /// Clock after.
        to: Clock,
    },
    /// A `set` measure changed the duration unit.
    Unit {
        /// The measure (index while planning, id in a plan).
        measure: M,
        /// Unit after.
        to: DurationUnit,
    },
    /// A measure (`parallel`, `set`) dropped or added predecessor links.
    Dependencies {
        /// The measure (index while planning, id in a plan).
        measure: M,
        /// Number of predecessor links dropped.
        dropped: usize,
        /// Number of predecessor links added.
        added: usize,
    },
    /// Start-to-start with the listed predecessors (容缺受理).
    Overlapped {
        /// The `overlap` measure (index while planning, id in a plan).
        measure: M,
        /// Number of finish-to-start links made start-to-start.
        links: usize,
    },
    /// A `bundle` measure (一件事一次办): accepted and decided together with the other members.
    Bundled {
        /// The measure (index while planning, id in a plan).
        measure: M,
    },
    /// A stage gate lifted by a `parallel` measure.
    GateLifted {
        /// The `parallel` measure (index while planning, id in a plan).
        measure: M,
    },
}

impl<M> Change<M> {
    /// The same change with its measure reference mapped (index → id for a plan).
    pub fn map_measure<N>(self, f: impl FnOnce(M) -> N) -> Change<N> {
        match self {
            Change::Legal { from, to } => Change::Legal { from, to },
            Change::LimitCase { case, from, to } => Change::LimitCase { case, from, to },
            Change::Duration { measure, from, to } => Change::Duration {
                measure: f(measure),
                from,
                to,
            },
            Change::Clock { measure, from, to } => Change::Clock {
                measure: f(measure),
                from,
                to,
            },
            Change::Unit { measure, to } => Change::Unit {
                measure: f(measure),
                to,
            },
            Change::Dependencies {
                measure,
                dropped,
                added,
            } => Change::Dependencies {
                measure: f(measure),
                dropped,
                added,
            },
            Change::Overlapped { measure, links } => Change::Overlapped {
                measure: f(measure),
                links,
            },
            Change::Bundled { measure } => Change::Bundled {
                measure: f(measure),
            },
            Change::GateLifted { measure } => Change::GateLifted {
                measure: f(measure),
            },
        }
    }
}

/// Detaching a plan part from the planner it borrows from.
trait IntoOwned {
    type Owned;
    fn into_owned(self) -> Self::Owned;
}

impl IntoOwned for Text<'_> {
    type Owned = Text<'static>;
    fn into_owned(self) -> Text<'static> {
        Text::into_owned(self)
    }
}

impl IntoOwned for TextList<'_> {
    type Owned = TextList<'static>;
    fn into_owned(self) -> TextList<'static> {
        TextList::into_owned(self)
    }
}

impl IntoOwned for Change<Text<'_>> {
    type Owned = Change<Text<'static>>;
    fn into_owned(self) -> Change<Text<'static>> {
        self.map_measure(Text::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.map(T::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(T::into_owned).collect()
    }
}

/// Implements [`IntoOwned`] for a struct by converting the listed fields and moving the rest.
macro_rules! into_owned {
    ($name:ident { $($text:ident),* } keep { $($keep:ident),* }) => {
        impl IntoOwned for $name<'_> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name {
                    $($text: IntoOwned::into_owned(self.$text),)*
                    $($keep: self.$keep,)*
                }
            }
        }
    };
}

into_owned!(RulesetInfo { id, name, jurisdiction, content_hash } keep {});
into_owned!(AttributeValue { id, label, display, assumed } keep { value });
into_owned!(ProjectInfo { name, project_type, project_type_name, attributes }
    keep { classification, scenario, start, accepted, construction_days });
into_owned!(TargetCheck { scope, name, source } keep { target, actual, met, margin });
into_owned!(StageSpan { id, name, lead } keep {
    items, approval_working_days, elapsed_working_days, start, finish, start_offset, finish_offset
});
into_owned!(PlannedItem {
    id, name, department, stage, parts, bundle, prerequisites, predecessors, successors,
    applies_because, trace, materials, provenance
} keep {
    kind, duration, unit, clock, works, working_days, es, ef, ls, lf, total_float, free_float, critical,
    approval_critical, accepted, decided
});
into_owned!(ExcludedItem { id, name, reason, condition, measure } keep { by });
into_owned!(MeasureState { id, name, note, condition } keep { kind, on, applied, not_applied });
into_owned!(PrerequisiteState { item, source, waived_by } keep { decided, held });
into_owned!(Basis { text } keep { kind });
into_owned!(MilestoneDate { id, name, item } keep { date, offset });

impl Plan<'_> {
    /// The same plan with every text owned: it no longer borrows from the planner or the
    /// project, so it can outlive them.
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            format_version: self.format_version,
            ruleset: self.ruleset.into_owned(),
            project: self.project.into_owned(),
            summary: self.summary,
            targets: self.targets.into_owned(),
            stages: self.stages.into_owned(),
            items: self.items.into_owned(),
            excluded: self.excluded.into_owned(),
            measures: self.measures.into_owned(),
            critical_path: self.critical_path.into_owned(),
            critical_paths: self.critical_paths.into_owned(),
            milestones: self.milestones.into_owned(),
            materials: self.materials.into_owned(),
            warnings: self.warnings.into_owned(),
            years_without_calendar: self.years_without_calendar,
        }
    }
}
