//! [`Text`]: a string in a plan, borrowed from the planner when it can be.
//!
//! A plan repeats the ruleset's ids, names and departments for every item; planning the same
//! ruleset many times (what-if, the web page on every input change) would otherwise copy each
//! of them again. The planner prepares them once per ruleset and a plan borrows them, so a
//! plan costs no string copies and no reference counting; texts made for one plan (change
//! descriptions, joined departments) are owned. [`crate::plan::Plan::into_owned`] detaches a
//! plan from its planner.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::Serialize;

/// An immutable string, borrowed for `'a` or owned. Serializes and compares as its contents.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text<'a>(Cow<'a, str>);

impl<'a> Text<'a> {
    /// The contents as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A text borrowing this one's contents: a copy of a pointer, never of the string.
    pub fn borrowed(&self) -> Text<'_> {
        Text(Cow::Borrowed(&self.0))
    }

    /// The same contents with no borrow left.
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Text<'a> {
    fn from(s: &'a String) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text<'_>> for &str {
    fn eq(&self, other: &Text<'_>) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Text<'_>> for String {
    fn eq(&self, other: &Text<'_>) -> bool {
        **self == *other.0
    }
}

/// A list of [`Text`]s, borrowed for `'a` (a list the planner prepared once, e.g. an item's
/// materials or its links in the unreshaped graph) or owned (made for one plan). Reads as a
/// slice; serializes as a sequence. Which of the two it is stays private: readers see a slice.
#[derive(Clone)]
pub struct TextList<'a>(ListRepr<'a>);

#[derive(Clone)]
enum ListRepr<'a> {
    /// A list prepared by the planner.
    Borrowed(&'a [Text<'a>]),
    /// A list made for this plan.
    Owned(Vec<Text<'a>>),
}

impl<'a> TextList<'a> {
    /// A list that borrows one prepared for many plans.
    pub fn borrowed(list: &'a [Text<'a>]) -> Self {
        TextList(ListRepr::Borrowed(list))
    }

    /// The same list with no borrow left.
    pub fn into_owned(self) -> TextList<'static> {
        TextList(ListRepr::Owned(
            self.iter().cloned().map(Text::into_owned).collect(),
        ))
    }
}

impl Default for TextList<'_> {
    fn default() -> Self {
        TextList::borrowed(&[])
    }
}

impl<'a> Deref for TextList<'a> {
    type Target = [Text<'a>];
    fn deref(&self) -> &[Text<'a>] {
        match &self.0 {
            ListRepr::Borrowed(list) => list,
            ListRepr::Owned(list) => list,
        }
    }
}

impl<'a> From<Vec<Text<'a>>> for TextList<'a> {
    fn from(list: Vec<Text<'a>>) -> Self {
        TextList(ListRepr::Owned(list))
    }
}

impl fmt::Debug for TextList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for TextList<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<'a, U, const N: usize> PartialEq<[U; N]> for TextList<'a>
where
    Text<'a>: PartialEq<U>,
{
    fn eq(&self, other: &[U; N]) -> bool {
        **self == *other
    }
}

impl<'a, U> PartialEq<Vec<U>> for TextList<'a>
where
    Text<'a>: PartialEq<U>,
{
    fn eq(&self, other: &Vec<U>) -> bool {
        **self == **other
    }
}

impl Serialize for TextList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_and_owned_texts_compare_and_serialize_as_their_contents() {
        let source = String::from("立项用地规划许可");
        let borrowed = Text::from(&source);
        let owned = Text::from(source.clone());
        assert_eq!(borrowed, owned);
        assert_eq!(borrowed, "立项用地规划许可");
        assert!(std::ptr::eq(borrowed.borrowed().as_str(), source.as_str()));
        assert_eq!(
            serde_json::to_string(&owned.into_owned()).unwrap(),
            "\"立项用地规划许可\""
        );
    }

    #[test]
    fn borrowed_and_owned_lists_read_compare_and_serialize_alike() {
        let prepared = [Text::from("申请表"), Text::from("图纸")];
        let borrowed = TextList::borrowed(&prepared);
        let owned = TextList::from(vec![Text::from("申请表"), Text::from("图纸")]);
        assert_eq!(borrowed, owned);
        assert_eq!(borrowed, ["申请表", "图纸"]);
        assert_eq!(borrowed.join("、"), "申请表、图纸");
        assert_eq!(
            serde_json::to_string(&borrowed.into_owned()).unwrap(),
            serde_json::to_string(&owned).unwrap()
        );
        assert!(TextList::default().is_empty());
    }
}
