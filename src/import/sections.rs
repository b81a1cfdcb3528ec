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

/// The section a line is the heading of.
pub(super) fn heading_of(line: &str) -> Option<usize> {
    let key = normalize::key(line);
    if key.chars().count() > 40 {
        return None;
    }
    let core = strip_enumeral(&key).trim_end_matches(['。', ':', '：', '.', ',']);
    SECTIONS
        .iter()
        .position(|s| s.cores.iter().any(|c| normalize::key(c) == core))
}

pub(super) fn find(lines: &[Line], notes: &mut Vec<Note>) -> Found {
    let mut starts = [None; 6];
    let mut current: Option<usize> = None;
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let Some(s) = heading_of(&line.text) else {
            continue;
        };
        if current.is_some_and(|c| s <= c) {
            notes.push(Note::info(
                format!(
                    "“{}”在第 {} 行再次出现：报告内容重复，已采用第一份。",
                    SECTIONS[s].title, line.number
                ),
                Some(line.number),
            ));
            // The second copy's title and preamble stand before its heading:
            // they belong to the copy, not to the last section of the first.
            let front: Vec<&str> = lines[..starts.iter().flatten().copied().min().unwrap_or(0)]
                .iter()
                .map(|l| l.text.as_str())
                .collect();
            let last = starts.iter().flatten().copied().max().unwrap_or(0);
            end = i;
            while end > last + 1 {
                let text = lines[end - 1].text.as_str();
                let title_like = text.contains("年度报告") && text.chars().count() <= 60;
                if !(title_like || front.contains(&text)) {
                    break;
                }
                end -= 1;
            }
            break;
        }
        starts[s] = Some(i);
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
        let Some(start) = self.starts[s] else {
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
        assert_eq!(heading_of("一、总体情况"), Some(0));
        assert_eq!(heading_of("、主动公开政府信息情况"), Some(1));
        assert_eq!(heading_of("  1. 收到和处理政府信息公开申请情况"), Some(2));
        assert_eq!(
            heading_of("四、政府信息公开行政复议、行政诉讼情况 |"),
            Some(3)
        );
        assert_eq!(heading_of("五、存在问题及改进情况"), Some(4));
        assert_eq!(heading_of("六、其他需要报告的事项"), Some(5));
        assert_eq!(heading_of("(一)主动公开情况"), None);
        assert_eq!(
            heading_of("全文包括总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况"),
            None
        );
    }
}
