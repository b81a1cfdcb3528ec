//! Title, agency, year and preamble from the lines before 一、总体情况, and
//! the signature at the end of 六.
//!
//! The title is found wherever people's tools leave it: on its own line, cut
//! over two or three lines (PDF text), with spaces inside ("2023 年"),
//! behind a Markdown "#", at the head of text run together without line
//! breaks, or only quoted in the preamble ("现发布《…年度报告》"). Lines
//! before the title are page furniture and are dropped.

use super::normalize::{self, Field};
use super::Line;
use crate::model::outline::{parse_date, statistics_year, years_in};
use crate::model::Report;

/// The suffix every report title ends with.
use crate::model::edit::{default_title, TITLE_SUFFIX};

/// Words that end a report title.
const TITLE_ENDS: [&str; 6] = [
    "年度报告",
    "信息公开年报",
    "信息公开工作年报",
    "年度工作报告",
    "信息公开工作报告",
    "公开工作的报告",
];

/// A title line with its spaces and Markdown marks taken out.
fn compact(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '*' | '|'))
        .collect()
}

/// A report title: short, naming the annual report, and saying more than
/// the generic words (a navigation item "政府信息公开年报" is not a title).
pub(crate) fn is_title(line: &str) -> bool {
    let line = &compact(line);
    if line.chars().count() > 70
        || !TITLE_ENDS.iter().any(|k| line.contains(k))
        || line.contains(['《', '。', '，', ','])
        || line.contains("根据")
    {
        return false;
    }
    let mut rest = line.clone();
    for generic in [
        TITLE_SUFFIX,
        "政府信息公开工作年度报告",
        "政府信息公开年度报告",
        "信息公开工作年度报告",
        "信息公开年报",
        "信息公开工作年报",
        "政府",
        "年度报告",
        "工作",
    ] {
        rest = rest.replace(generic, "");
    }
    // The bare standard title is a title too (a report that names no agency).
    *line == TITLE_SUFFIX
        || rest
            .chars()
            .filter(|c| !"()（）【】[]《》:：".contains(*c))
            .count()
            >= 2
}

/// The title at the head of a long line (text run together): up to the end
/// of its closing words, and a "（2023年）" right after them.
fn title_at_head(line: &str) -> Option<String> {
    let line = compact(line);
    let end = TITLE_ENDS
        .iter()
        .filter_map(|k| line.find(k).map(|i| i + k.len()))
        .min()?;
    let head = line.get(..end)?;
    // Navigation before it ("首页>…", "当前位置：") is not part of a title.
    if head.chars().count() > 60 || head.contains(['>', '：', ':']) {
        return None;
    }
    let mut title = head.to_owned();
    let after = line.get(end..).unwrap_or_default();
    if after.starts_with(['(', '（']) {
        if let Some((close, c)) = after.char_indices().find(|(_, c)| matches!(c, ')' | '）')) {
            let group = after.get(..close + c.len_utf8()).unwrap_or_default();
            if years_in(group).len() == 1 && group.chars().count() <= 10 {
                title.push_str(group);
            }
        }
    }
    is_title(&title).then_some(title)
}

/// A title inside a longer line (a breadcrumb, a web archive's page text
/// on one line): a run ending in a title's closing words, from the last
/// separator before it ("> ", "|", a space, "。", "："), that names its year.
///
/// ```text
/// 当前位置：首页 > 政务公开 > 某区2023年度政府信息公开工作年度报告 来源：…
/// ```
pub(crate) fn title_in_line(line: &str) -> Option<String> {
    const LEADS: [&str; 6] = [
        "现向社会公布",
        "现予以公布",
        "现将",
        "现公布",
        "现发布",
        "特发布",
    ];
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '>' | '|' | '。' | '：' | ':' | '】' | ']' | '》' | '；' | '»'
            )
    };
    for end_word in TITLE_ENDS {
        let mut from = 0;
        while let Some(at) = line.get(from..).and_then(|s| s.find(end_word)) {
            let end = from + at + end_word.len();
            from = end;
            let start = line
                .get(..end - end_word.len())
                .and_then(|head| {
                    head.rfind(separator)
                        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
                })
                .unwrap_or(0);
            let mut title = line.get(start..end).unwrap_or_default().trim().to_owned();
            // "…年度报告（2023年）": the year in brackets after it.
            let after = line.get(end..).unwrap_or_default();
            if after.starts_with(['(', '（']) {
                if let Some((close, c)) =
                    after.char_indices().find(|(_, c)| matches!(c, ')' | '）'))
                {
                    let group = after.get(..close + c.len_utf8()).unwrap_or_default();
                    if years_in(group).len() == 1 && group.chars().count() <= 10 {
                        title.push_str(group);
                    }
                }
            }
            for lead in LEADS {
                if let Some(rest) = title.strip_prefix(lead) {
                    title = rest.to_owned();
                }
            }
            if title.chars().count() <= 60 && !years_in(&title).is_empty() && is_title(&title) {
                return Some(compact(&title));
            }
        }
    }
    None
}

/// The title among the first lines: one line, or two or three joined.
fn find_title(front: &[Line]) -> Option<(usize, usize, String)> {
    for (i, line) in front.iter().enumerate().take(40) {
        if is_title(&line.text) {
            // "（2024年）" on the line under it belongs to it.
            let mut title = compact(&line.text);
            let next = front
                .get(i + 1)
                .map(|l| compact(&l.text))
                .unwrap_or_default();
            let year_only = next.starts_with(['(', '（'])
                && next.chars().count() <= 10
                && years_in(&next).len() == 1;
            if year_only && years_in(&title).is_empty() {
                title.push_str(&next);
                return Some((i, i + 2, title));
            }
            return Some((i, i + 1, title));
        }
        // Cut over lines: join while the pieces are short and not sentences.
        let mut joined = compact(&line.text);
        for (j, next) in front.iter().enumerate().skip(i + 1).take(2) {
            if joined.chars().count() > 40 || joined.ends_with(['。', '；', ':', '：']) {
                break;
            }
            joined.push_str(&compact(&next.text));
            if is_title(&joined) {
                return Some((i, j + 1, joined));
            }
        }
        // Inside a longer line: a web archive's page text, a breadcrumb.
        if let Some(title) = title_in_line(&line.text) {
            return Some((i, i, title));
        }
        if let Some(title) = title_at_head(&line.text) {
            return Some((i, i + 1, title));
        }
    }
    None
}

/// What the page around a report says of it (its furniture): the titles of
/// the metadata box (名称), of a crawler's header (标题) or inside a
/// breadcrumb, and the publisher the metadata box names (发布机构).
#[derive(Debug, Default)]
pub(in crate::import) struct Furniture {
    /// Titles, in the page's order.
    pub titles: Vec<String>,
    /// Publishers, in the page's order.
    pub publishers: Vec<String>,
}

impl Furniture {
    /// Takes what a line of furniture says.
    pub(super) fn take(&mut self, line: &str) {
        if let Some(fields) = normalize::metadata(line) {
            for (field, value) in fields {
                match field {
                    Field::Title if is_title(&value) => self.titles.push(compact(&value)),
                    Field::Publisher if normalize::looks_like_agency(&value) => {
                        self.publishers.push(value)
                    }
                    _ => {}
                }
            }
            return;
        }
        self.publishers.extend(normalize::publisher(line));
        self.titles.extend(title_in_line(line));
    }
}

/// A title quoted in the preamble: "现发布《XX2023年政府信息公开工作年度报告》".
fn quoted_title(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('《') {
        let after = rest.get(open + '《'.len_utf8()..)?;
        let close = after.find('》')?;
        let inner = after.get(..close)?;
        if is_title(inner) && !inner.contains("格式") {
            return Some(compact(inner));
        }
        rest = after.get(close..)?;
    }
    None
}

/// Title, agency, year and preamble from the lines before 一、总体情况, in
/// order of trust: the report's own title line; the page's metadata box
/// (名称, 发布机构) or a breadcrumb; the preamble ("现将《…》公布如下",
/// "由…编制"); the signature (read with 六). Never a CMS byline ("来源：").
pub(in crate::import) fn read(front: &[Line], furniture: &Furniture, report: &mut Report) {
    let found = find_title(front);
    let preamble_lines: Vec<&str> = match &found {
        Some((_, end, title)) => front
            .iter()
            .skip(*end)
            .map(|l| l.text.as_str())
            .filter(|t| compact(t) != *title)
            .collect(),
        None => front.iter().map(|l| l.text.as_str()).collect(),
    };
    let mut preamble = preamble_lines.join("\n");
    let mut title = found.as_ref().map(|(_, _, t)| t.clone());
    if let (Some(t), Some((start, end, _))) = (&title, &found) {
        // Text run together: the preamble follows the title on the same line.
        if let Some(line) = front.get(*start).filter(|_| end > start) {
            let line = compact(&line.text);
            if line.len() > t.len() + 6 {
                if let Some(rest) = line.strip_prefix(t.as_str()) {
                    preamble = rest.to_owned();
                }
            }
        }
        // Inside a longer line: what follows it is the preamble.
        if end == start {
            if let Some(line) = front.get(*start) {
                let line = compact(&line.text);
                let rest = line.find(t.as_str()).map_or("", |at| &line[at + t.len()..]);
                preamble = std::iter::once(rest)
                    .chain(front.iter().skip(start + 1).map(|l| l.text.as_str()))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
    }
    let own_title = title.is_some();
    if title.is_none() {
        title = quoted_title(&preamble).or_else(|| furniture.titles.first().cloned());
    }
    report.meta.preamble = preamble;
    let stats_year = statistics_year(&report.meta.preamble);
    if let Some(title) = &title {
        report.year = years_in(title).first().copied().or(stats_year);
        report.agency = agency_of_title(title);
        if default_title(report.agency.as_deref(), report.year) != *title {
            report.meta.title = title.clone();
        }
    } else {
        report.year = stats_year;
    }
    // The metadata box's publisher comes before a title the page gave.
    if !own_title || report.agency.is_none() {
        if let Some(publisher) = furniture.publishers.first() {
            report.agency = Some(publisher.clone());
        }
    }
    if report.agency.is_none() {
        report.agency = compiled_by(&report.meta.preamble);
    }
}

/// "…由昆区商务局编写" / "…由XX办公室编制".
fn compiled_by(p: &str) -> Option<String> {
    let start = p.find('由')?;
    let after = p.get(start + '由'.len_utf8()..)?;
    let end = ["编写", "编制"]
        .iter()
        .filter_map(|k| after.find(k))
        .min()?;
    let name = after.get(..end)?.trim();
    (!name.is_empty() && name.chars().count() <= 30 && !name.contains(['，', ',', '。']))
        .then(|| name.to_owned())
}

/// The agency named by a title: "XX局2023年政府信息公开工作年度报告",
/// "2023年度XX局政府信息公开工作年度报告", "关于XX局二〇二三年…".
///
/// ```
/// # use nianbao::import::agency_of_title as a;
/// assert_eq!(a("大武口区人民政府办公室2023年政府信息公开工作年度报告").as_deref(), Some("大武口区人民政府办公室"));
/// assert_eq!(a("2023年度某市统计局政府信息公开工作年度报告").as_deref(), Some("某市统计局"));
/// assert_eq!(a("某县人民政府关于2023年政府信息公开工作年度报告").as_deref(), Some("某县人民政府"));
/// assert_eq!(a("某区教育局二〇二三年政府信息公开工作年度报告").as_deref(), Some("某区教育局"));
/// assert_eq!(a("某市司法局政府信息公开工作年度报告（2023年）").as_deref(), Some("某市司法局"));
/// assert_eq!(a("# 某市 司法局 2023 年政府信息 公开工作年度报告").as_deref(), Some("某市司法局"));
/// assert_eq!(a("某区商务局2023年度政府信息公开年报").as_deref(), Some("某区商务局"));
/// assert_eq!(a("某县卫生健康局2023年度政府信息公开工作报告").as_deref(), Some("某县卫生健康局"));
/// assert_eq!(a("某市人民政府关于2023年度政府信息公开工作的报告").as_deref(), Some("某市人民政府"));
/// assert_eq!(a("政府信息公开工作年度报告"), None);
/// assert_eq!(a("2023 年政府信息公开工作年度报告"), None);
/// ```
pub fn agency_of_title(title: &str) -> Option<String> {
    let title = compact(title);
    let chars: Vec<char> = title.chars().collect();
    // Where the year (4 characters + 年) stands, if any.
    let year_at = chars.windows(5).position(|w| {
        let w: String = w.iter().collect();
        years_in(&w).len() == 1
    });
    let (before, after): (String, String) = match year_at {
        Some(i) => (
            chars.iter().take(i).collect(),
            chars.iter().skip(i + 5).collect(),
        ),
        None => (String::new(), title.clone()),
    };
    // The agency ends where the standard words begin.
    let clean = |s: &str| -> String {
        let cut = ["政府信息公开", "信息公开", "年度报告"]
            .iter()
            .filter_map(|k| s.find(k))
            .min()
            .unwrap_or(s.len());
        let s = s.get(..cut).unwrap_or(s);
        let s = s.trim().trim_start_matches("关于").trim_end_matches("关于");
        let s = s
            .trim_start_matches('度')
            .trim_end_matches(['(', '（', ' ', '年', '度']);
        s.trim().to_owned()
    };
    let name = match clean(&before) {
        b if b.is_empty() => clean(&after),
        b => b,
    };
    (name.chars().count() >= 2 && name.chars().count() <= 40).then_some(name)
}

/// Takes "机关名称 / 2024年1月20日" off the end of section 六.
pub(in crate::import) fn read_signature(other: &mut Vec<&str>, report: &mut Report) {
    let Some(last) = other.last() else { return };
    if last.chars().count() > 20 || parse_date(last).is_none() {
        return;
    }
    report.meta.date = (*last).to_owned();
    other.pop();
    if let Some(name) = other.last() {
        let looks_like_name = name.chars().count() <= 30
            && !name.ends_with(['。', '；', '：', ':'])
            && !name.contains(['，', ',']);
        match report.agency.as_deref() {
            None if looks_like_name => report.agency = Some((*name).to_owned()),
            Some(agency) if agency == *name => {}
            _ => return,
        }
        other.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_items_are_not_titles() {
        assert!(!is_title("政府信息公开年报"));
        assert!(is_title("政府信息公开工作年度报告"));
        assert!(is_title("某局2023年政府信息公开工作年度报告"));
        assert!(is_title("2023 年度某局政府信息 公开工作年度报告"));
    }

    #[test]
    fn a_title_at_the_head_of_run_together_text() {
        assert_eq!(
            title_at_head("2022年度江门市生态环境局政府信息公开工作年度报告本报告根据").as_deref(),
            Some("2022年度江门市生态环境局政府信息公开工作年度报告")
        );
        assert_eq!(
            title_at_head("某局政府信息公开工作年度报告（2023年）本报告根据").as_deref(),
            Some("某局政府信息公开工作年度报告（2023年）")
        );
    }
}
