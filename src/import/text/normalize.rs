//! Text clean-up before anything is matched (spec §8.2 rules 1 and 9):
//! pinyin annotations removed, traditional → simplified (zhconv), NBSP,
//! page chrome, and the key form used to compare labels.

use crate::model::number::fold_width;

/// Tone-marked vowels of pinyin.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || TONED.contains(c)
}

/// Finds `(pinyin)` right after a Han character at byte `i` (the paren);
/// returns the byte length of the annotation and whether it has a tone mark.
fn annotation_at(s: &str, i: usize) -> Option<(usize, bool)> {
    let rest = &s[i..];
    let open = rest.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner_start = open.len_utf8();
    let mut toned = false;
    for (j, c) in rest[inner_start..].char_indices() {
        match c {
            ')' | '）' if j > 0 => return Some((inner_start + j + c.len_utf8(), toned)),
            c if is_pinyin_letter(c) && j < 24 => toned |= TONED.contains(c),
            _ => return None,
        }
    }
    None
}

/// Removes pinyin annotations such as `報(bào)`. Only when the text has at
/// least three tone-marked ones, so "(email)" in ordinary prose stays.
/// Returns the text and how many were removed.
pub fn strip_pinyin(text: &str) -> (String, usize) {
    let mut marks = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if prev.is_some_and(is_cjk) && matches!(c, '(' | '（') {
            if let Some((len, toned)) = annotation_at(text, i) {
                marks.push((i, len, toned));
            }
        }
        prev = Some(c);
    }
    if marks.iter().filter(|m| m.2).count() < 3 {
        return (text.to_owned(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(i, len, _) in &marks {
        out.push_str(&text[at..i]);
        at = i + len;
    }
    out.push_str(&text[at..]);
    (out, marks.len())
}

/// Traditional → simplified with zhconv's MediaWiki tables. Without the
/// `convert` feature (the page, whose converter lives in the extras worker
/// and runs before the importer), the text as it is.
pub fn to_simplified(text: &str) -> String {
    #[cfg(feature = "convert")]
    return zhconv::zhconv(text, zhconv::Variant::ZhHans);
    #[cfg(not(feature = "convert"))]
    return text.to_owned();
}

/// Characters written only in traditional script, frequent in reports.
const TRADITIONAL: &str = "與為這個們來時會於對國學說後過經發進開關報務實處請機構資訊網區縣衛營標準規範產業設議總計結轉統辦復訴訟審證條項數據應權屬類點間題劃見長門問動現東車馬麼樣當從體讓論錄維護眾頁歷將區電話聯係級財費預決醫療災難環護強製執罰許範圍專責義舉辦濟態勢優質較覆蓋職稱書記號碼單獨獲據險點擊閱覽";

/// True when a text is written in traditional script (two or more of its
/// characters are written only so): the page then has it converted first.
///
/// ```
/// use nianbao::import::text::normalize::has_traditional;
/// assert!(has_traditional("收到和處理政府信息公開申請情況"));
/// assert!(!has_traditional("收到和处理政府信息公开申请情况"));
/// ```
pub fn has_traditional(text: &str) -> bool {
    let mut seen: Vec<char> = Vec::new();
    for c in text.chars().filter(|c| TRADITIONAL.contains(*c)) {
        if !seen.contains(&c) {
            seen.push(c);
            if seen.len() >= 2 {
                return true;
            }
        }
    }
    false
}

/// The key form of a label: full-width folded, all whitespace removed, and
/// 、，, unified so that damaged punctuation still matches.
pub fn key(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && *c != '|')
        .map(|c| if c == '，' { ',' } else { c })
        .collect()
}

/// Page furniture copied along with a report (spec §8.2 rule 9).
const CHROME_PREFIXES: [&str; 31] = [
    "当前位置",
    "您现在所在的位置",
    "您现在的位置",
    "您当前的位置",
    "当前所在位置",
    "发布日期",
    "发布时间",
    "来源:",
    "信息来源",
    "点击量",
    "浏览次数",
    "访问量:",
    "扫一扫",
    "(Mac用户",
    "字体:",
    "字号:",
    "【打印】",
    "[打印]",
    "打印本页",
    "关闭窗口",
    "分享到",
    "【关闭】",
    "网站首页",
    "主办单位",
    "承办单位",
    "网站标识码",
    "技术支持",
    "版权所有",
    "【打印本页】",
    "【关闭窗口】",
    "ICP备",
];

/// True for a line of page chrome, or one made only of table padding.
pub fn is_chrome(line_key: &str) -> bool {
    line_key.is_empty()
        // A converter's header over the article ("正文").
        || line_key == "正文"
        || CHROME_PREFIXES.iter().any(|p| line_key.starts_with(p))
        || line_key
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | '?' | '？' | '+'))
}

/// What a field of the page's furniture holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The page's title: the metadata box's 名称, a crawler's 标题.
    Title,
    /// The body that published the page: the metadata box's 发布机构.
    Publisher,
    /// Anything else of the box (索引号, 公开日期, 文号…).
    Other,
}

/// The fields of the 政府信息公开 metadata box and of crawlers' headers,
/// in key form (full-width colon folded).
const FIELDS: [(&str, Field); 24] = [
    ("名称", Field::Title),
    ("标题", Field::Title),
    ("题名", Field::Title),
    ("文章标题", Field::Title),
    ("信息名称", Field::Title),
    ("发布机构", Field::Publisher),
    ("发文机关", Field::Publisher),
    ("发布单位", Field::Publisher),
    ("索引号", Field::Other),
    ("公开日期", Field::Other),
    ("成文日期", Field::Other),
    ("生成日期", Field::Other),
    ("文号", Field::Other),
    ("发文字号", Field::Other),
    ("主题分类", Field::Other),
    ("主题词", Field::Other),
    ("体裁分类", Field::Other),
    ("组配分类", Field::Other),
    ("信息分类", Field::Other),
    ("公开方式", Field::Other),
    ("公开范围", Field::Other),
    ("公开时限", Field::Other),
    ("有效性", Field::Other),
    ("效力状态", Field::Other),
];

/// The fields of a metadata line ("名称：…", "索引号：… 发布机构：… 公开日期：…"),
/// each with its value; None when the line does not open with a field.
///
/// ```
/// use nianbao::import::text::normalize::metadata;
/// let f = metadata("索引号：1115/2024-00012  发布机构：某区商务局  公开日期：2024-01-20").unwrap();
/// assert_eq!(f[1].1, "某区商务局");
/// assert!(metadata("名称：某区商务局2023年政府信息公开工作年度报告").is_some());
/// assert!(metadata("名称和地址详见附件").is_none());
/// ```
pub fn metadata(line: &str) -> Option<Vec<(Field, String)>> {
    // A field's colon comes within its first few characters.
    if !line.chars().take(8).any(|c| matches!(c, ':' | '：')) {
        return None;
    }
    let line: String = line.chars().map(fold_width).collect();
    let starts = |at: &str| {
        FIELDS
            .iter()
            .filter(|(k, _)| at.starts_with(k) && at[k.len()..].trim_start().starts_with(':'))
            .max_by_key(|(k, _)| k.len())
            .copied()
    };
    starts(line.trim_start())?;
    let mut out: Vec<(Field, String)> = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let Some((key, field)) = starts(rest) else {
            break;
        };
        let after = rest[key.len()..].trim_start();
        let after = after.strip_prefix(':').unwrap_or(after);
        // The value runs to the next field of the line.
        let end = after
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, _)| i)
            .find(|&i| starts(after[i..].trim_start()).is_some())
            .unwrap_or(after.len());
        out.push((field, after[..end].trim().to_owned()));
        rest = after[end..].trim_start();
    }
    Some(out)
}

/// The body a page's furniture names as its publisher ("发布机构：…",
/// "发文机关：…"), when it looks like an agency. A CMS byline's "来源：" is not
/// one: it names the site's owner as often as the report's author.
///
/// ```
/// use nianbao::import::text::normalize::publisher;
/// assert_eq!(publisher("发布日期:2024-01-29 发布机构:大武口区人民政府办公室").as_deref(), Some("大武口区人民政府办公室"));
/// assert_eq!(publisher("发布日期:2024-01-29 来源:大武口区人民政府办公室"), None);
/// assert_eq!(publisher("发布机构：本网"), None);
/// ```
pub fn publisher(line: &str) -> Option<String> {
    let line: String = line.chars().map(fold_width).collect();
    let at = ["发布机构:", "发文机关:", "发布单位:"]
        .iter()
        .find_map(|k| line.find(k).map(|i| i + k.len()))?;
    let name: String = line
        .get(at..)?
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !"|,，;；".contains(*c))
        .collect();
    looks_like_agency(&name).then_some(name)
}

/// Whether a name ends as the name of a public body does.
pub(crate) fn looks_like_agency(name: &str) -> bool {
    let ends = [
        "局",
        "委",
        "办",
        "室",
        "府",
        "院",
        "会",
        "中心",
        "厅",
        "部",
        "处",
        "所",
        "站",
        "队",
        "馆",
        "旗",
        "镇",
        "乡",
        "区",
        "街道办事处",
    ];
    name.chars().count() >= 3
        && name.chars().count() <= 30
        && ends.iter().any(|s| name.ends_with(s))
}

/// True for a page number printed in a footer: "-3-", "— 4 —", "第3页",
/// "第3页共10页", "3/10" (in key form).
///
/// ```
/// use nianbao::import::text::normalize::is_page_mark;
/// assert!(is_page_mark("—3—") && is_page_mark("-12-") && is_page_mark("第3页共10页") && is_page_mark("3/10"));
/// assert!(!is_page_mark("3") && !is_page_mark("-3") && !is_page_mark("—") && !is_page_mark("2023"));
/// assert!(!is_page_mark("———3———"));
/// ```
pub fn is_page_mark(key: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '~' | '·' | '−');
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    let lead = key.chars().take_while(|c| dashes(*c)).count();
    let trail = key.chars().rev().take_while(|c| dashes(*c)).count();
    let core = key.trim_matches(dashes);
    if (1..=2).contains(&lead) && (1..=2).contains(&trail) && digits(core) {
        return true;
    }
    if let Some(rest) = key.strip_prefix('第') {
        let (n, rest) = rest.split_at(rest.find('页').unwrap_or(rest.len()));
        let rest = rest.strip_prefix('页').unwrap_or("x");
        let total = rest.strip_prefix('共').and_then(|r| r.strip_suffix('页'));
        return digits(n) && (rest.is_empty() || total.is_some_and(digits));
    }
    match key.split_once('/') {
        Some((a, b)) => digits(a) && digits(b),
        None => false,
    }
}

/// A line with a page number run onto its end ("四、…情况 — 2 —"): the line
/// without it. The mark stands apart, after a space: "第3页" inside a
/// sentence is not one.
///
/// ```
/// use nianbao::import::text::normalize::trailing_page_mark;
/// assert_eq!(trailing_page_mark("四、政府信息公开行政复议、行政诉讼情况 — 2 —"), Some("四、政府信息公开行政复议、行政诉讼情况"));
/// assert_eq!(trailing_page_mark("共 3 件 - 4 -"), Some("共 3 件"));
/// assert_eq!(trailing_page_mark("合计 3"), None);
/// assert_eq!(trailing_page_mark("/ / / / 23 / 23"), None);
/// assert_eq!(trailing_page_mark("— 2 —"), None);
/// ```
pub fn trailing_page_mark(line: &str) -> Option<&str> {
    // A mark ends in a dash or 页.
    let last = line.trim_end().chars().next_back()?;
    if !matches!(last, '-' | '—' | '–' | '－' | '~' | '·' | '−' | '页') {
        return None;
    }
    let pieces: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|p| (p.as_ptr() as usize - line.as_ptr() as usize, p))
        .collect();
    (1..=3).rev().find_map(|n| {
        let at = pieces.len().checked_sub(n).filter(|&a| a > 0)?;
        let (start, _) = *pieces.get(at)?;
        let tail = key(line.get(start..)?);
        // "3/10" ends table rows as often ("… 23 / 23"): only dashes and 第…页.
        (is_page_mark(&tail) && !tail.contains('/'))
            .then(|| line.get(..start).unwrap_or_default().trim_end())
    })
}

/// True for a Markdown document with tables (what PDF→Markdown converters give).
pub fn looks_like_markdown(text: &str) -> bool {
    let mut rows = 0;
    let mut rules = 0;
    for line in text.lines().take(5000) {
        let l = line.trim();
        if l.len() > 2 && l.starts_with('|') && l.ends_with('|') {
            rows += 1;
            if l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && l.contains("---") {
                rules += 1;
            }
        }
    }
    rules >= 1 && rows >= 3
}

/// Markdown to plain lines: table rows keep their `|` cells, line breaks
/// inside a cell (`<br>`) become spaces, heading and emphasis marks go.
pub fn markdown_to_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let l = line.trim();
        let l = l.trim_start_matches('#').trim_start();
        let l = l.replace("<br/>", "<br>").replace("**", "");
        // Inside a cell a line break cuts a number ("1<br>9" was 19; a sign
        // may come out after its digits, "2<br>-") or separates label words.
        let cells: Vec<String> = l
            .split('|')
            .map(|cell| {
                let parts: Vec<&str> = cell.split("<br>").map(str::trim).collect();
                let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
                match parts.as_slice() {
                    [a, sign @ ("-" | "+")] if digits(a) => format!("{sign}{a}"),
                    ps if ps.len() > 1 && ps.iter().all(|p| digits(p)) => ps.concat(),
                    ps => ps.join(" "),
                }
            })
            .collect();
        out.push_str(&cells.join("|"));
        out.push('\n');
    }
    out
}

/// Fragments typical of hijacked mirror sites (spec §8.1, seed 004).
const SPAM: [&str; 8] = [
    "体育投注",
    "博彩",
    "娱乐城",
    "百家乐",
    "彩票投注",
    "棋牌游戏",
    "真人娱乐",
    "赌场",
];

/// The spam fragment a line contains, if any.
pub fn spam_in(line: &str) -> Option<&'static str> {
    SPAM.iter().copied().find(|s| line.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_annotations_go_but_ordinary_parentheses_stay() {
        let (s, n) = strip_pinyin("本報(bào)告總計(jì)結(jié)果(單位:萬元)(Mac)");
        assert_eq!(s, "本報告總計結果(單位:萬元)(Mac)");
        assert_eq!(n, 3);
        let (s, n) = strip_pinyin("邮箱(email)地址");
        assert_eq!((s.as_str(), n), ("邮箱(email)地址", 0));
    }

    #[test]
    #[cfg(feature = "convert")]
    fn traditional_and_mixed_text_becomes_simplified() {
        assert_eq!(to_simplified("行政規范性文件"), "行政规范性文件");
        assert_eq!(to_simplified("勾稽關系"), "勾稽关系");
        assert_eq!(to_simplified("復議后起訴"), "复议后起诉");
        assert_eq!(to_simplified("本年度办理结果"), "本年度办理结果");
    }

    #[test]
    fn keys_ignore_width_and_spaces() {
        assert_eq!(key("（三） 不予 公开"), "(三)不予公开");
        assert_eq!(key("商业 企业 |"), "商业企业");
    }
}
