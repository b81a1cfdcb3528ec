//! The outline of report prose: enumerals such as "一、", "（三）", "2." in front
//! of headings, and the five topic subsections of section 一.

use crate::template::TOPICS;

const CN_DIGITS: &str = "一二三四五六七八九十";

/// Strips one leading enumeral ("一、", "(三)", "（三）", "3.", "3、", "四)") and
/// the spaces around it. Returns the rest unchanged when there is none.
///
/// ```
/// use nianbao::model::outline::strip_enumeral;
/// assert_eq!(strip_enumeral("（三）政府信息管理情况"), "政府信息管理情况");
/// assert_eq!(strip_enumeral("  1. 收到和处理"), "收到和处理");
/// assert_eq!(strip_enumeral("、主动公开"), "主动公开");
/// assert_eq!(strip_enumeral("总体情况"), "总体情况");
/// ```
pub fn strip_enumeral(line: &str) -> &str {
    let s = line.trim_start();
    let inner = s.strip_prefix(['(', '（']).unwrap_or(s);
    let numeral_end = inner
        .char_indices()
        .find(|&(_, c)| !(CN_DIGITS.contains(c) || c.is_ascii_digit()))
        .map_or(inner.len(), |(i, _)| i);
    if numeral_end == 0 {
        // A lost numeral leaves its "、" behind ("、主动公开政府信息情况").
        return s.strip_prefix('、').map_or(s, str::trim_start);
    }
    inner[numeral_end..]
        .trim_start()
        .strip_prefix(['、', ')', '）', '.', '．', ',', '，'])
        .map_or(s, str::trim_start)
}

/// Recognises a topic heading line of section 一: "（二）依申请公开情况",
/// "(一)主动公开情况：正文…", "平台建设情况。正文…". Returns the topic index and
/// the text after the heading on the same line.
pub fn topic_heading(line: &str) -> Option<(usize, &str)> {
    let body = strip_enumeral(line);
    let cut = body
        .char_indices()
        .find(|&(_, c)| matches!(c, ':' | '：' | '。' | ' '))
        .map_or(body.len(), |(i, _)| i);
    let head = &body[..cut];
    if head.chars().count() > 16 || !head.ends_with("情况") {
        return None;
    }
    let topic = TOPICS.iter().position(|t| head.contains(t.key))?;
    let rest = body[cut..]
        .trim_start_matches([':', '：', '。', ' '])
        .trim();
    Some((topic, rest))
}

/// Splits the text of section 一 into its opening and the five topic bodies.
pub fn split_overview(text: &str) -> (String, [String; 5]) {
    let mut opening: Vec<&str> = Vec::new();
    let mut topics: [Vec<&str>; 5] = Default::default();
    let mut current: Option<usize> = None;
    for line in text.lines() {
        match topic_heading(line) {
            Some((i, rest)) if topics[i].is_empty() => {
                current = Some(i);
                if !rest.is_empty() {
                    topics[i].push(rest);
                }
            }
            _ => match current {
                Some(i) => topics[i].push(line),
                None => opening.push(line),
            },
        }
    }
    (opening.join("\n"), topics.map(|t| t.join("\n")))
}

/// The digit of a year written in Chinese numerals (二〇二三年).
fn cn_digit(c: char) -> Option<char> {
    let i = "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or(match c {
            '○' | '零' | 'O' | 'o' => Some(0),
            _ => None,
        })?;
    char::from_digit(i as u32, 10)
}

/// Every "YYYY年" in a text (years 1990–2100), in order; "二〇二三年" counts too.
///
/// ```
/// use nianbao::model::outline::years_in;
/// assert_eq!(years_in("2023年度，二〇二四年1月"), vec![2023, 2024]);
/// assert_eq!(years_in("20201月"), Vec::<i32>::new());
/// ```
pub fn years_in(text: &str) -> Vec<i32> {
    years_at(text).into_iter().map(|(_, y)| y).collect()
}

/// Every "YYYY年" of a text with the index of its first char.
fn years_at(text: &str) -> Vec<(usize, i32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, w) in chars.windows(5).enumerate() {
        if w[4] != '年' {
            continue;
        }
        let arabic =
            w[..4].iter().all(char::is_ascii_digit) && (i == 0 || !chars[i - 1].is_ascii_digit());
        let digits: Option<String> = if arabic {
            Some(w[..4].iter().collect())
        } else {
            w[..4].iter().map(|&c| cn_digit(c)).collect()
        };
        if let Some(y) = digits.and_then(|d| d.parse::<i32>().ok()) {
            if (1990..=2100).contains(&y) {
                out.push((i, y));
            }
        }
    }
    out
}

/// Years in a report's text that are neither its year nor the next (when it
/// is published, and plans for it), nor plainly a comparison ("较2023年",
/// "比2023年", "2023年同期") or a law's history ("2019年修订"), in order,
/// each once: what is left of an earlier year's report.
///
/// ```
/// use nianbao::model::outline::stray_years;
/// let text = "2025年主动公开信息120条，较2024年增加5条。现发布《2023年年度报告》。\
///             《条例》（2019年修订）施行以来，2026年将继续做好工作。2023年工作";
/// assert_eq!(stray_years(text, 2025), vec![2023]);
/// ```
pub fn stray_years(text: &str, year: i32) -> Vec<i32> {
    const BEFORE: [&str; 7] = ["较", "比", "与", "相比", "对比", "上年", "去年"];
    const AFTER: [&str; 8] = [
        "同期", "相比", "修订", "修正", "施行", "颁布", "印发", "公布",
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, y) in years_at(text) {
        if y == year || y == year + 1 || out.contains(&y) {
            continue;
        }
        let before: String = chars[i.saturating_sub(3)..i].iter().collect();
        let after: String = chars[(i + 5).min(chars.len())..(i + 11).min(chars.len())]
            .iter()
            .collect();
        let after =
            after.trim_start_matches(|c: char| c.is_ascii_digit() || "月日度底末".contains(c));
        if BEFORE.iter().any(|w| before.ends_with(w)) || AFTER.iter().any(|w| after.starts_with(w))
        {
            continue;
        }
        out.push(y);
    }
    out
}

/// The year of a statistics period: "统计期限…YYYY年1月1日" or "YYYY年1月1日至12月31日".
pub fn statistics_year(text: &str) -> Option<i32> {
    let at = text.find("1月1日")?;
    years_in(text.get(..at)?).last().copied()
}

/// Reads "2024年1月20日" (also with "-" or "." separators) as (year, month, day).
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let nums: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let [y, m, d] = nums.get(..3)? else {
        return None;
    };
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_headings_are_found_in_their_usual_forms() {
        assert_eq!(topic_heading("(一)主动公开情况"), Some((0, "")));
        assert_eq!(
            topic_heading("（二）依申请公开情况：全年办理14条"),
            Some((1, "全年办理14条"))
        );
        assert_eq!(
            topic_heading("平台建设情况。推动政府网站建设。"),
            Some((3, "推动政府网站建设。"))
        );
        assert_eq!(topic_heading("(四)政府信息公开平台建设情况"), Some((3, "")));
        assert_eq!(topic_heading("(一)围绕中心工作深化主动公开。一是"), None);
    }

    #[test]
    fn overview_splits_into_opening_and_topics() {
        let (opening, topics) =
            split_overview("开头\n(一)主动公开情况\n正文一\n(五)监督保障情况\n正文五");
        assert_eq!(opening, "开头");
        assert_eq!(topics[0], "正文一");
        assert_eq!(topics[4], "正文五");
        assert_eq!(topics[1], "");
    }
}
