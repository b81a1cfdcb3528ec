//! Finds the six section headings, in order, by position and form rather
//! than by words alone (spec §8.2 rule 8, issue 7):
//!
//! - a heading is a short line that is a numbered title: "二、主动公开…",
//!   a damaged numbering ("、主动公开…", "1. 收到和处理…", "## 三、…"), or
//!   the bare title of the next section;
//! - a sub-heading ("（一）主动公开政府信息情况") and a sentence ("全年主动
//!   公开政府信息1136条。") never are, whatever words they share;
//! - a heading run into other text (web-archive text without line breaks, a
//!   converter that put it in a table cell) is cut out when its numeral and
//!   its exact title are both there;
//! - a heading of a section already passed means the report was pasted
//!   twice only when a second block of tables follows; reading stops there.
//!   Otherwise the stray line is ordinary text.

use super::{normalize, Line};
use crate::import::note::{Note, NoteKind};
use crate::model::outline::strip_enumeral;
use crate::template::SECTIONS;

/// Where each section starts, as line indices.
pub(in crate::import) struct Found {
    starts: [Option<usize>; 6],
    end: usize,
}

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// How a line begins, before its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    /// "二、", "2.", "2、", "、" (numeral lost), "#": a heading's numbering.
    /// Holds the section index the numeral names, if it names one.
    Top(Option<usize>),
    /// "（二）", "(2)": a sub-heading, never a section heading.
    Sub,
    /// No numbering.
    None,
}

fn numbering(key: &str) -> (Numbering, &str) {
    let s = key.trim_start_matches(['#', '*', '>']).trim_start();
    if s.starts_with(['(', '（']) || s.starts_with(|c: char| "⑴⑵⑶⑷⑸⑹①②③④⑤⑥".contains(c))
    {
        return (Numbering::Sub, s);
    }
    // "第一部分 总体情况": a part number is a heading's numbering too.
    if let Some(after) = s.strip_prefix('第') {
        let numeral: String = after.chars().take_while(|c| NUMERALS.contains(c)).collect();
        let rest = after.get(numeral.len()..).unwrap_or_default();
        if let Some(rest) = ["部分", "节", "章"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
        {
            let named = numeral
                .chars()
                .next()
                .and_then(|c| NUMERALS.iter().position(|n| *n == c));
            if numeral.chars().count() == 1 {
                return (
                    Numbering::Top(named),
                    rest.trim_start_matches([':', '：', '、', ' ']),
                );
            }
        }
    }
    let rest = strip_enumeral(s);
    if rest.len() == s.len() {
        let marked = s.len() != key.len();
        let n = if marked {
            Numbering::Top(None)
        } else {
            Numbering::None
        };
        return (n, s);
    }
    let head = &s[..s.len() - rest.len()];
    let named = head
        .chars()
        .find_map(|c| NUMERALS.iter().position(|n| *n == c));
    // A list artefact "1. 收到和处理…" names no section reliably.
    (Numbering::Top(named), rest)
}

/// Each section's title cores in key form, made once.
fn keyed_cores() -> &'static [Vec<String>] {
    static CORES: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    CORES.get_or_init(|| {
        SECTIONS
            .iter()
            .map(|s| s.cores.iter().map(|c| normalize::key(c)).collect())
            .collect()
    })
}

/// The section a line is the heading of, given the section read last.
pub(in crate::import) fn heading_of(line: &str, current: Option<usize>) -> Option<usize> {
    // A heading is short: 40 characters in key form at most.
    let head: String = line.chars().take(120).collect();
    if head.len() < line.len() {
        return None;
    }
    let key = normalize::key(&head);
    if key.chars().count() > 40 {
        return None;
    }
    let (numbering, core) = numbering(&key);
    let core = core.trim_end_matches(['。', ':', '：', '.', ',', '*', '#', ';', '；']);
    if numbering == Numbering::Sub || core.is_empty() {
        return None;
    }
    let next = current.map_or(0, |c| c + 1);
    let exact = keyed_cores()
        .iter()
        .position(|cores| cores.iter().any(|c| c == core));
    match (exact, numbering) {
        (Some(s), Numbering::Top(_)) => return Some(s),
        // A bare title with no numbering at all: only the next one.
        (Some(s), Numbering::None) => return (s == next).then_some(s),
        _ => {}
    }
    // Unknown wordings ("五、存在的主要问题和改进措施"): only numbered as the
    // next section, short, plain (no figures, no sentence punctuation).
    let Numbering::Top(named) = numbering else {
        return None;
    };
    let section = SECTIONS.get(next)?;
    let plain = !core.contains(['无', '未', '，', ',', '。'])
        && !core.chars().any(|c| c.is_ascii_digit())
        && core.chars().count() <= 26;
    let numeral_fits = named.is_none_or(|n| n == next);
    // Its words, or most of its characters ("总体概况", "其它需要报告的事项",
    // "政府信息公开行政法复议、行政诉讼情况"): a numbered short line in order.
    if !plain || !numeral_fits {
        return None;
    }
    let like = section.words.iter().all(|w| core.contains(w))
        || keyed_cores()
            .get(next)
            .is_some_and(|cores| cores.iter().any(|c| similarity(core, c) >= 0.7));
    like.then_some(next)
}

/// How alike two titles are: the share of characters they have in common
/// (Dice's coefficient over their sets of characters).
fn similarity(a: &str, b: &str) -> f64 {
    let set = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_ascii_punctuation()).collect();
        crate::sort::ascending(&mut v);
        v.dedup();
        v
    };
    let (a, b) = (set(a), set(b));
    let common = a.iter().filter(|c| b.binary_search(c).is_ok()).count();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Headings run into a line that are worded otherwise than the template
/// ("…。四、政府信息公开行政法复议、行政诉讼情况行政复议…"): a numeral and "、"
/// followed by text that shares most of its section's title (by
/// [`similarity`], the length that matches best): 0.7 of it after a
/// sentence's end, a figure, a blank cell's dash or the line's start, 0.8
/// after anything else (a paragraph run on without its full stop). As
/// (start, end, section).
fn loose_headings(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        let Some(section) = NUMERALS.iter().position(|n| *n == c) else {
            continue;
        };
        let after_end =
            before.is_none_or(|p| "。；;！？!?”）)—－-/".contains(p) || p.is_ascii_digit());
        let rest = text.get(at + c.len_utf8()..).unwrap_or_default();
        let Some(rest) = rest.strip_prefix('、') else {
            continue;
        };
        let Some(cores) = keyed_cores().get(section) else {
            continue;
        };
        crate::import::work::add(cores.len() * 8);
        // The length of the heading that is most like one of its titles.
        let best = cores
            .iter()
            .flat_map(|core| {
                let n = core.chars().count();
                (n.saturating_sub(3).max(2)..=n + 3).map(move |len| (core, len))
            })
            .filter_map(|(core, len)| {
                let end = rest.char_indices().nth(len).map_or(rest.len(), |(i, _)| i);
                let head = rest.get(..end)?;
                (head.chars().count() == len).then(|| (similarity(head, core), end))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let enough = if after_end { 0.7 } else { 0.8 };
        if let Some((_, end)) = best.filter(|(score, _)| *score >= enough) {
            let end = at + c.len_utf8() + '、'.len_utf8() + end;
            out.push((at, end, section));
        }
    }
    out
}

/// Cuts headings out of lines they were run into: "…详见下表。二、主动公开政府
///信息情况第二十条…" becomes three lines. A numeral with its section's exact
/// title counts wherever it stands, so prose naming a section is left alone;
/// a title worded otherwise only when it is the next section after the one
/// before it on the line and much like its title ([`loose_headings`]).
pub(in crate::import) fn split_run_in_headings(lines: Vec<Line>) -> Vec<Line> {
    let marks: Vec<(usize, String)> = SECTIONS
        .iter()
        .enumerate()
        .zip(NUMERALS)
        .flat_map(|((i, s), numeral)| {
            s.cores
                .iter()
                .map(move |c| (i, format!("{numeral}、{}", normalize::key(c))))
        })
        .collect();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.text.chars().count() <= 40 || !line.text.contains('、') {
            out.push(line);
            continue;
        }
        // (start, end, section, exact)
        let mut found: Vec<(usize, usize, usize, bool)> = Vec::new();
        crate::import::work::add(line.text.len() * marks.len());
        for (section, mark) in &marks {
            let mut from = 0;
            while let Some(at) = line.text.get(from..).and_then(|s| s.find(mark.as_str())) {
                let at = from + at;
                found.push((at, at + mark.len(), *section, true));
                from = at + mark.len();
            }
        }
        let loose = loose_headings(&line.text);
        found.extend(loose.iter().map(|&(a, b, s)| (a, b, s, false)));
        crate::sort::by_key(&mut found, |&(a, b, _, exact)| (a, !exact, b));
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut current: Option<usize> = None;
        for (start, end, section, exact) in found {
            if cuts.last().is_some_and(|&(_, e)| start < e) {
                continue;
            }
            let next = current.map_or(0, |c| c + 1);
            if !exact && section != next {
                continue;
            }
            current = Some(current.map_or(section, |c| c.max(section)));
            cuts.push((start, end));
        }
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        let mut at = 0;
        let mut push = |text: &str| {
            let text = text.trim_matches([' ', '|']);
            if !text.is_empty() {
                out.push(Line {
                    number: line.number,
                    text: text.to_owned(),
                    ..line.clone()
                });
            }
        };
        for (start, end) in cuts {
            push(line.text.get(at..start).unwrap_or_default());
            push(line.text.get(start..end).unwrap_or_default());
            at = end;
        }
        push(line.text.get(at..).unwrap_or_default());
    }
    out
}

pub(in crate::import) fn find(lines: &[Line], notes: &mut Vec<Note>) -> Found {
    // Every heading candidate, reading each line against the section before it.
    let mut starts = [None; 6];
    let mut current: Option<usize> = None;
    let mut end = lines.len();
    let mut strays: Vec<(usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        crate::import::work::add(1);
        let Some(s) = heading_of(&line.text, current) else {
            continue;
        };
        if current.is_some_and(|c| s <= c) {
            strays.push((i, s));
            continue;
        }
        if let Some(slot) = starts.get_mut(s) {
            *slot = Some(i);
        }
        current = Some(s);
    }
    // A second copy: an earlier heading again, followed by the headings of
    // the tables again. Anything less is a stray line of text.
    let second = strays.iter().find(|&&(i, s)| {
        s <= 1
            && strays
                .iter()
                .filter(|&&(j, t)| j > i && (1..=2).contains(&t))
                .count()
                >= 1
            && strays.iter().any(|&(j, t)| j > i && t == 2)
    });
    if let Some(&(i, s)) = second {
        let line = lines.get(i).map_or(0, |l| l.number);
        notes.push(NoteKind::Repeated { section: s, line }.into());
        // Headings recorded after the second copy began are not the first copy's.
        for slot in starts.iter_mut() {
            if slot.is_some_and(|j| j >= i) {
                *slot = None;
            }
        }
        // The second copy's title and preamble stand before its heading:
        // they belong to the copy, not to the last section of the first.
        let first = starts.iter().flatten().copied().min().unwrap_or(0);
        let front: Vec<&str> = lines.iter().take(first).map(|l| l.text.as_str()).collect();
        let last = starts.iter().flatten().copied().max().unwrap_or(0);
        end = i;
        while end > last + 1 {
            let text = lines.get(end - 1).map_or("", |l| l.text.as_str());
            if !(super::front::is_title(text) || front.contains(&text)) {
                break;
            }
            end -= 1;
        }
    }
    Found { starts, end }
}

impl Found {
    /// Which sections have a heading.
    pub fn present(&self) -> [bool; 6] {
        self.starts.map(|s| s.is_some())
    }

    /// Index of the first heading (the end of the front matter).
    pub fn start(&self) -> usize {
        self.starts
            .iter()
            .flatten()
            .copied()
            .min()
            .unwrap_or(self.end)
    }

    /// The lines of section `s`, without its heading.
    pub fn body<'a>(&self, lines: &'a [Line], s: usize) -> &'a [Line] {
        let Some(start) = self.starts.get(s).copied().flatten() else {
            return &[];
        };
        let next = self
            .starts
            .iter()
            .flatten()
            .copied()
            .filter(|&i| i > start)
            .min()
            .unwrap_or(self.end);
        lines.get(start + 1..next).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::heading_of;

    #[test]
    fn damaged_headings_are_found() {
        assert_eq!(heading_of("一、总体情况", None), Some(0));
        assert_eq!(heading_of("、主动公开政府信息情况", Some(0)), Some(1));
        assert_eq!(
            heading_of("  1. 收到和处理政府信息公开申请情况", Some(1)),
            Some(2)
        );
        assert_eq!(
            heading_of("四、政府信息公开行政复议、行政诉讼情况 |", Some(2)),
            Some(3)
        );
        assert_eq!(heading_of("五、存在问题及改进情况", Some(3)), Some(4));
        assert_eq!(heading_of("六、其他需要报告的事项", Some(4)), Some(5));
        assert_eq!(
            heading_of("## 三、收到和处理政府信息公开申请情况", Some(1)),
            Some(2)
        );
        assert_eq!(heading_of("**二、主动公开政府信息情况**", Some(0)), Some(1));
        assert_eq!(
            heading_of("第三部分 收到和处理政府信息公开申请情况", Some(1)),
            Some(2)
        );
        assert_eq!(heading_of("一．总体情况", None), Some(0));
        let preamble = "全文包括总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况";
        assert_eq!(heading_of(preamble, None), None);
    }

    #[test]
    fn sub_headings_and_sentences_of_section_one_are_not_headings() {
        for line in [
            "(一)主动公开情况",
            "（一）主动公开政府信息情况",
            "（二）收到和处理政府信息公开申请情况",
            "全年主动公开政府信息1136条。",
            "主动公开政府信息情况详见下表。",
            "收到和处理政府信息公开申请情况见下表",
            "政府信息公开行政复议、行政诉讼情况详见第四部分",
        ] {
            assert_eq!(heading_of(line, Some(0)), None, "{line}");
        }
    }

    #[test]
    fn unknown_wordings_of_the_next_heading_are_found() {
        assert_eq!(heading_of("五、存在的主要问题和改进措施", Some(3)), Some(4));
        assert_eq!(heading_of("六、其他需要报告事项", Some(4)), Some(5));
        assert_eq!(
            heading_of("三、收到和处理政府信息公开申请的情况", Some(1)),
            Some(2)
        );
        let long = "四、因政府信息公开被申请行政复议、提起行政诉讼的情况";
        assert_eq!(heading_of(long, Some(2)), Some(3));
    }

    #[test]
    fn headings_with_a_typo_or_a_variant_wording_are_found_in_order() {
        assert_eq!(heading_of("一、总体概况", None), Some(0));
        assert_eq!(heading_of("二、主动公开政府信息", Some(0)), Some(1));
        assert_eq!(
            heading_of("三、收到及处理政府信息公开申请情况", Some(1)),
            Some(2)
        );
        assert_eq!(
            heading_of("四、政府信息公开行政法复议、行政诉讼情况", Some(2)),
            Some(3)
        );
        assert_eq!(heading_of("五、主要问题及改进情况", Some(3)), Some(4));
        assert_eq!(heading_of("六、其它需要报告的事项", Some(4)), Some(5));
        // Not out of order, not a row of 表三, not a sub-heading.
        assert_eq!(
            heading_of("四、政府信息公开行政法复议、行政诉讼情况", Some(0)),
            None
        );
        assert_eq!(heading_of("四、结转下年度继续办理", Some(2)), None);
        assert_eq!(heading_of("三、本年度办理结果", Some(1)), None);
        assert_eq!(heading_of("（五）主要问题及改进情况", Some(3)), None);
    }

    #[test]
    fn prose_is_not_taken_for_a_heading() {
        // Seed 001: a sentence of section 一 that names 复议 and 诉讼.
        let prose = "全年无因政府信息公开申请引发的行政复议、行政诉讼等事项";
        assert_eq!(heading_of(prose, Some(0)), None);
        assert_eq!(heading_of("四、行政复议和行政诉讼均未发生", Some(2)), None);
        // Words of a section that is not the next one do not count.
        assert_eq!(heading_of("五、存在的主要问题和改进措施", Some(0)), None);
    }
}
