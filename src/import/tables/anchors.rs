//! Row labels found in a section's words, in template order.

use super::tokens::{Kind, Token};
use super::TableDef;

/// A row label found in the section: the tokens from its first to its last character.
#[derive(Debug, Clone, Copy)]
pub(super) struct Anchor {
    pub(super) row: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// The words of the section joined, each byte mapped back to its token.
struct Labels {
    pub(super) text: String,
    /// (byte offset in `text`, token index), ascending.
    pub(super) owners: Vec<(usize, usize)>,
}

impl Labels {
    pub(super) fn new(tokens: &[Token]) -> Labels {
        let mut text = String::new();
        let mut owners = Vec::new();
        for (i, t) in tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == Kind::Word)
        {
            owners.push((text.len(), i));
            text.push_str(&t.text);
        }
        Labels { text, owners }
    }

    pub(super) fn token_at(&self, byte: usize) -> usize {
        let i = self.owners.partition_point(|&(b, _)| b <= byte);
        self.owners.get(i.saturating_sub(1)).map_or(0, |&(_, t)| t)
    }

    /// True when `byte` starts a token's text (or ends the text).
    pub(super) fn boundary(&self, byte: usize) -> bool {
        byte >= self.text.len() || self.owners.binary_search_by_key(&byte, |&(b, _)| b).is_ok()
    }

    /// The first match at or after `from` of any key. A key ending in `$`
    /// must end a word ("其他" but not "其他处理").
    pub(super) fn find(&self, keys: &[&str], from: usize) -> Option<(usize, usize)> {
        keys.iter()
            .filter_map(|k| {
                let (key, whole) = match k.strip_suffix('$') {
                    Some(k) => (k, true),
                    None => (*k, false),
                };
                let mut at = from;
                loop {
                    crate::import::work::add(self.text.len().saturating_sub(at));
                    let pos = at + self.text.get(at..)?.find(key)?;
                    let end = pos + key.len();
                    if !whole || self.boundary(end) {
                        return Some((pos, end));
                    }
                    at = end;
                }
            })
            .min()
    }
}

/// The rows' labels in template order, and where rows already found
/// appear again after them (a block printed twice), as a token index.
pub(super) fn anchors(def: &TableDef, tokens: &[Token]) -> (Vec<Anchor>, Option<usize>) {
    let labels = Labels::new(tokens);
    let mut out = Vec::new();
    let mut from = 0;
    for (row, r) in def.rows.iter().enumerate() {
        if let Some((start, end)) = labels.find(r.keys, from) {
            out.push(Anchor {
                row,
                start: labels.token_at(start),
                end: labels.token_at(end.saturating_sub(1)),
            });
            from = end;
        }
    }
    // The block begins again: its first rows' labels, past the line of
    // the last label (a label printed in each cell it spans is not a copy).
    let last_line = out
        .last()
        .and_then(|a| tokens.get(a.end))
        .map_or(0, |t| t.line);
    let again = out
        .iter()
        .take(2)
        .filter_map(|a| def.rows.get(a.row))
        .filter_map(|r| {
            let mut at = from;
            loop {
                let (start, end) = labels.find(r.keys, at)?;
                let token = labels.token_at(start);
                if tokens.get(token).is_some_and(|t| t.line > last_line) {
                    return Some(token);
                }
                at = end;
            }
        })
        .min();
    (out, again)
}

/// Where the words of `def.cut_words` begin: labels of rows the format has
/// no cells for, as token indices, ascending.
pub(super) fn cuts(def: &TableDef, tokens: &[Token]) -> Vec<usize> {
    if def.cut_words.is_empty() {
        return Vec::new();
    }
    let labels = Labels::new(tokens);
    let mut out = Vec::new();
    for word in &def.cut_words {
        let mut from = 0;
        while let Some((start, end)) = labels.find(&[word.as_str()], from) {
            out.push(labels.token_at(start));
            from = end;
        }
    }
    crate::sort::ascending(&mut out);
    out.dedup();
    out
}
