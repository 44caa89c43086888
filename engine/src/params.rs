//! Named integer parameters read from untrusted text (a URL query, a Markdown directive).
//!
//! Every simulation describes its knobs as [`ParamSpec`]s; [`read_params`] turns loose
//! `key=value` pairs into values that are always in range, plus a list of [`ParamIssue`]s
//! saying what was wrong with the input and what was used instead.

use std::num::IntErrorKind;
use thiserror::Error;

/// One integer knob of a simulation: its name in URLs, its range and its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// The name used in URLs and directives, e.g. `preheat`.
    pub key: &'static str,
    /// The smallest accepted value.
    pub min: u32,
    /// The largest accepted value.
    pub max: u32,
    /// The value used when the parameter is absent or unreadable.
    pub default: u32,
}

impl ParamSpec {
    /// Clamps `value` into this parameter's range.
    pub fn clamp(&self, value: i64) -> u32 {
        // The range is u32, so the clamped value always fits.
        value.clamp(i64::from(self.min), i64::from(self.max)) as u32
    }
}

/// Something wrong with one `key=value` pair, and what the simulation used instead.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ParamIssue {
    /// The value is not a whole number.
    #[error("{key}: «{value}» is not a whole number; using {used}")]
    NotANumber {
        /// The parameter's key.
        key: &'static str,
        /// The raw value, shortened for display.
        value: String,
        /// The value used instead (the default).
        used: u32,
    },
    /// The value is a number outside the parameter's range.
    #[error("{key}: {value} is outside {min}–{max}; using {used}")]
    OutOfRange {
        /// The parameter's key.
        key: &'static str,
        /// The raw value, shortened for display.
        value: String,
        /// The smallest accepted value.
        min: u32,
        /// The largest accepted value.
        max: u32,
        /// The value used instead (the nearest end of the range).
        used: u32,
    },
    /// Part of a value could not be used and was left out.
    #[error("{key}: «{value}» left out; kept {kept}")]
    LeftOut {
        /// The parameter's key.
        key: &'static str,
        /// What was left out, shortened for display.
        value: String,
        /// How many items of the value were kept.
        kept: u32,
    },
    /// The value is not one of the words the parameter takes.
    #[error("{key}: «{value}» is not one of {allowed}; ignored")]
    NotOneOf {
        /// The parameter's key.
        key: &'static str,
        /// The raw value, shortened for display.
        value: String,
        /// The words it takes, as they are written: `light, dark, auto`.
        allowed: &'static str,
    },
    /// No parameter has this key.
    #[error("unknown parameter «{key}»; ignored")]
    Unknown {
        /// The key as given, shortened for display.
        key: String,
    },
}

/// Longest raw text quoted back to the learner in an issue.
const QUOTE_LIMIT: usize = 24;

/// `raw`, shortened for quoting back to the learner.
pub fn quote(raw: &str) -> String {
    if raw.chars().count() <= QUOTE_LIMIT {
        raw.to_owned()
    } else {
        let mut short: String = raw.chars().take(QUOTE_LIMIT).collect();
        short.push('…');
        short
    }
}

/// A whole number; one with too many digits for `i64` saturates at its end of the range.
fn parse_whole(raw: &str) -> Option<i64> {
    match raw.trim().parse::<i64>() {
        Ok(number) => Some(number),
        Err(e) => match e.kind() {
            IntErrorKind::PosOverflow => Some(i64::MAX),
            IntErrorKind::NegOverflow => Some(i64::MIN),
            _ => None,
        },
    }
}

/// Reads `pairs` against `specs`.
///
/// Returns one value per spec, in the order of `specs`, always within range, and the issues
/// found. Keys listed in `ignored` (parameters that belong to someone else, such as the
/// player's clock) are skipped silently. A later pair with the same key wins.
pub fn read_params<'a>(
    specs: &[ParamSpec],
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ignored: &[&str],
) -> (Vec<u32>, Vec<ParamIssue>) {
    let mut values: Vec<u32> = specs.iter().map(|s| s.default).collect();
    let mut issues = Vec::new();
    for (key, raw) in pairs {
        if ignored.contains(&key) {
            continue;
        }
        let Some(index) = specs.iter().position(|s| s.key == key) else {
            issues.push(ParamIssue::Unknown { key: quote(key) });
            continue;
        };
        let spec = &specs[index];
        // Issues replace each other for a repeated key, like the values do.
        issues.retain(|issue| !matches!(issue,
            ParamIssue::NotANumber { key, .. } | ParamIssue::OutOfRange { key, .. } if *key == spec.key));
        let Some(number) = parse_whole(raw) else {
            issues.push(ParamIssue::NotANumber {
                key: spec.key,
                value: quote(raw),
                used: spec.default,
            });
            values[index] = spec.default;
            continue;
        };
        let used = spec.clamp(number);
        if i64::from(used) != number {
            issues.push(ParamIssue::OutOfRange {
                key: spec.key,
                value: quote(raw),
                min: spec.min,
                max: spec.max,
                used,
            });
        }
        values[index] = used;
    }
    (values, issues)
}

/// A simulation's settings: a fixed list of integer knobs, each described by a [`ParamSpec`].
/// Reading them from a URL, asking for one by key and changing one come with the trait.
pub trait Knobs: Sized {
    /// The knobs' names, ranges and defaults, in the order of [`Knobs::values`].
    const SPECS: &'static [ParamSpec];

    /// Builds settings from values in the order of [`Knobs::SPECS`]; use [`value_at`] to read
    /// each, so a missing or out-of-range value becomes a valid one.
    fn from_values(values: &[u32]) -> Self;

    /// The values in the order of [`Knobs::SPECS`].
    fn values(&self) -> Vec<u32>;

    /// Every knob at its default.
    fn defaults() -> Self {
        Self::from_values(&[])
    }

    /// Reads settings from `key=value` pairs (a URL query or a directive), skipping the keys
    /// in `ignored`; every value ends up in range and every problem is reported.
    fn read<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        ignored: &[&str],
    ) -> (Self, Vec<ParamIssue>) {
        let (values, issues) = read_params(Self::SPECS, pairs, ignored);
        (Self::from_values(&values), issues)
    }

    /// The value of the knob `key`; `None` for an unknown key.
    fn get(&self, key: &str) -> Option<u32> {
        Self::SPECS.iter().position(|p| p.key == key).map(|i| self.values()[i])
    }

    /// A copy with the knob `key` set to `value` (clamped); an unknown key changes nothing.
    fn with(&self, key: &str, value: i64) -> Self {
        let mut values = self.values();
        if let Some(i) = Self::SPECS.iter().position(|p| p.key == key) {
            values[i] = Self::SPECS[i].clamp(value);
        }
        Self::from_values(&values)
    }

    /// The `key=value` pairs that give these settings back through [`Knobs::read`].
    fn pairs(&self) -> Vec<(&'static str, String)> {
        Self::SPECS.iter().zip(self.values()).map(|(spec, v)| (spec.key, v.to_string())).collect()
    }
}

/// The `i`-th of `values`, clamped into `specs[i]`'s range; its default when missing.
pub fn value_at(specs: &[ParamSpec], values: &[u32], i: usize) -> u32 {
    specs[i].clamp(values.get(i).copied().unwrap_or(specs[i].default).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: [ParamSpec; 2] = [
        ParamSpec { key: "a", min: 1, max: 10, default: 5 },
        ParamSpec { key: "b", min: 0, max: 3, default: 0 },
    ];

    #[test]
    fn absent_parameters_take_their_defaults() {
        assert_eq!(read_params(&SPECS, [], &[]), (vec![5, 0], vec![]));
    }

    #[test]
    fn good_values_are_used_as_given() {
        let (values, issues) = read_params(&SPECS, [("b", "2"), ("a", " 7 ")], &[]);
        assert_eq!(values, vec![7, 2]);
        assert!(issues.is_empty());
    }

    #[test]
    fn out_of_range_values_are_clamped_and_reported() {
        let (values, issues) =
            read_params(&SPECS, [("a", "-4"), ("b", "99999999999999999999999")], &[]);
        assert_eq!(values, vec![1, 3]);
        assert_eq!(
            issues[0],
            ParamIssue::OutOfRange { key: "a", value: "-4".into(), min: 1, max: 10, used: 1 }
        );
        assert!(matches!(issues[1], ParamIssue::OutOfRange { key: "b", used: 3, .. }));
    }

    #[test]
    fn text_and_nan_fall_back_to_the_default() {
        let (values, issues) = read_params(&SPECS, [("a", "NaN"), ("b", "")], &[]);
        assert_eq!(values, vec![5, 0]);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].to_string(), "a: «NaN» is not a whole number; using 5");
    }

    #[test]
    fn unknown_keys_are_reported_and_ignored_keys_are_not() {
        let (_, issues) = read_params(&SPECS, [("zzz", "1"), ("t", "4")], &["t"]);
        assert_eq!(issues, vec![ParamIssue::Unknown { key: "zzz".into() }]);
    }

    #[test]
    fn very_long_values_are_shortened_when_quoted() {
        let long = "x".repeat(5000);
        let (_, issues) = read_params(&SPECS, [("a", long.as_str())], &[]);
        let ParamIssue::NotANumber { value, .. } = &issues[0] else { panic!("{issues:?}") };
        assert_eq!(value.chars().count(), QUOTE_LIMIT + 1);
    }

    #[test]
    fn a_repeated_key_reports_only_its_last_value() {
        let (values, issues) = read_params(&SPECS, [("a", "oops"), ("a", "3")], &[]);
        assert_eq!(values, vec![3, 0]);
        assert!(issues.is_empty());
    }
}
