//! Finds the six section headings, in order, even when damaged (spec §8.2
//! rule 8): the enumeral may be lost ("、主动公开…") or replaced by a list
//! number ("1. 收到和处理…"), and titles have variants. A heading of a section
//! already passed means the report was pasted twice: reading stops there.

use super::{normalize, Line, Note};
use crate::model::outline::strip_enumeral;
use crate::template::SECTIONS;

/// Where each section starts, as line indices.
pub(super) struct Found {
    starts: [Option<usize>; 6],
    end: usize,
}

/// The section a line is the heading of: any section by its exact title (or
/// a known variant); the next expected section also by its words, so that
/// unknown wordings ("五、存在的主要问题和改进措施") are found without prose
/// elsewhere being taken for a heading.
pub(super) fn heading_of(line: &str, current: Option<usize>) -> Option<usize> {
    let key = normalize::key(line);
    if key.chars().count() > 40 {
        return None;
    }
    let core = strip_enumeral(&key).trim_end_matches(['。', ':', '：', '.', ',']);
    let exact = SECTIONS
        .iter()
        .position(|s| s.cores.iter().any(|c| normalize::key(c) == core));
    exact.or_else(|| {
        let next = current.map_or(0, |c| c + 1);
        let section = SECTIONS.get(next)?;
        let short = core.chars().count() <= 24 && core != key || core.chars().count() <= 16;
        let plain = !core.contains(['无', '未', '，', ',', '。']);
        (short && plain && section.words.iter().all(|w| core.contains(w))).then_some(next)
    })
}

pub(super) fn find(lines: &[Line], notes: &mut Vec<Note>) -> Found {
    let mut starts = [None; 6];
    let mut current: Option<usize> = None;
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let Some(s) = heading_of(&line.text, current) else {
            continue;
        };
        if current.is_some_and(|c| s <= c) {
            notes.push(Note::info(
                format!(
                    "“{}”在第 {} 行再次出现：报告内容重复，已采用第一份。",
                    SECTIONS.get(s).map_or("", |x| x.title),
                    line.number
                ),
                Some(line.number),
            ));
            // The second copy's title and preamble stand before its heading:
            // they belong to the copy, not to the last section of the first.
            let first = starts.iter().flatten().copied().min().unwrap_or(0);
            let front: Vec<&str> = lines.iter().take(first).map(|l| l.text.as_str()).collect();
            let last = starts.iter().flatten().copied().max().unwrap_or(0);
            end = i;
            while end > last + 1 {
                let text = lines.get(end - 1).map_or("", |l| l.text.as_str());
                if !(super::is_title(text) || front.contains(&text)) {
                    break;
                }
                end -= 1;
            }
            break;
        }
        if let Some(slot) = starts.get_mut(s) {
            *slot = Some(i);
        }
        current = Some(s);
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
        assert_eq!(heading_of("(一)主动公开情况", Some(0)), None);
        let preamble = "全文包括总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况";
        assert_eq!(heading_of(preamble, None), None);
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
    fn prose_is_not_taken_for_a_heading() {
        // Seed 001: a sentence of section 一 that names 复议 and 诉讼.
        let prose = "全年无因政府信息公开申请引发的行政复议、行政诉讼等事项";
        assert_eq!(heading_of(prose, Some(0)), None);
        assert_eq!(heading_of("四、行政复议和行政诉讼均未发生", Some(2)), None);
        // Words of a section that is not the next one do not count.
        assert_eq!(heading_of("五、存在的主要问题和改进措施", Some(0)), None);
    }
}
