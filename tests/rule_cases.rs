//! Every rule shown firing, one row per case, in the table-driven style of
//! the csv crate's tests: (what changes, rule, severity, cells, expected,
//! actual). The base report is complete and consistent, so that each case
//! fires its rule alone.

use nianbao::model::{Report, TextKey};
use nianbao::rules::{check, Finding, Severity};

/// A 2023 report with every cell filled and every relation holding.
fn base() -> Report {
    let mut r = Report::default();
    r.agency = Some("某区民政局".into());
    r.year = Some(2023);
    r.meta.date = "2024年1月20日".into();
    r.meta.preamble = "本报告统计数据从2023年1月1日到2023年12月31日止。".into();
    let t = r.template();
    for id in t.ids() {
        r.set_raw(id, "0");
    }
    r.set_text(
        TextKey::Overview,
        "2023年，本局主动公开政府信息情况良好，依申请公开规范，政府信息管理制度完善，\
         政府信息公开平台建设加强，监督保障有力。",
    );
    r.set_text(
        TextKey::Problems,
        "存在的问题：公开内容不够全面。改进情况：逐项整改。",
    );
    r.set_text(TextKey::Other, "本年度未收取信息处理费。");
    r
}

fn set(r: &mut Report, path: &str, value: &str) {
    let id = r.template().by_path(path).expect(path);
    r.set_raw(id, value);
}

type Edit = fn(&mut Report, &mut Report);

struct Case {
    name: &'static str,
    edit: Edit,
    /// Whether last year's report (the base for 2022, edited too) is given.
    with_previous: bool,
    rule: &'static str,
    severity: Severity,
    /// The cells the finding names (paths), or None when it names none.
    cells: Option<&'static [&'static str]>,
    expected: Option<i64>,
    actual: Option<i64>,
}

const CASES: &[Case] = &[
    Case {
        name: "row 一 + 二 ≠ （七） + 四 in a column",
        edit: |r, _| {
            set(r, "t3.new_received.natural_person", "2");
            set(r, "t3.new_received.total", "2");
        },
        with_previous: false,
        rule: "R1",
        severity: Severity::Error,
        cells: None,
        expected: Some(0),
        actual: Some(2),
    },
    Case {
        name: "（七）总计 is not the sum of its rows",
        edit: |r, _| set(r, "t3.result.total.commercial", "1"),
        with_previous: false,
        rule: "R2",
        severity: Severity::Error,
        cells: None,
        expected: Some(0),
        actual: Some(1),
    },
    Case {
        name: "a 表三 row total is not the sum of its applicants",
        edit: |r, _| set(r, "t3.result.disclosed.total", "3"),
        with_previous: false,
        rule: "R3",
        severity: Severity::Error,
        cells: None,
        expected: Some(0),
        actual: Some(3),
    },
    Case {
        name: "a 表四 total is not the sum of its results",
        edit: |r, _| set(r, "t4.review.upheld", "1"),
        with_previous: false,
        rule: "R4",
        severity: Severity::Error,
        cells: Some(&[
            "t4.review.total",
            "t4.review.upheld",
            "t4.review.corrected",
            "t4.review.other",
            "t4.review.pending",
        ]),
        expected: Some(1),
        actual: Some(0),
    },
    Case {
        name: "a count that is not a number",
        edit: |r, _| set(r, "t2.licensing.decisions", "十二"),
        with_previous: false,
        rule: "D1",
        severity: Severity::Error,
        cells: Some(&["t2.licensing.decisions"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "a blank cell",
        edit: |r, _| set(r, "t2.penalty.decisions", ""),
        with_previous: false,
        rule: "D2",
        severity: Severity::Warning,
        cells: Some(&["t2.penalty.decisions"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "section 六 left empty",
        edit: |r, _| r.set_text(TextKey::Other, ""),
        with_previous: false,
        rule: "M1",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "the title's year is not the report's",
        edit: |r, _| r.meta.title = "某区民政局2022年政府信息公开工作年度报告".into(),
        with_previous: false,
        rule: "M2",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "signed after 31 March",
        edit: |r, _| r.meta.date = "2024年4月2日".into(),
        with_previous: false,
        rule: "M3",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "a topic of 一 missing",
        edit: |r, _| r.set_text(TextKey::Overview, "2023年，本局主动公开政府信息情况良好。"),
        with_previous: false,
        rule: "M4",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "五 says only 无",
        edit: |r, _| r.set_text(TextKey::Problems, "无。"),
        with_previous: false,
        rule: "M5",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "the text says no applications, 表三 has some",
        edit: |r, _| {
            r.set_text(TextKey::Topic(1), "本年度未收到政府信息公开申请。");
            for p in ["t3.new_received", "t3.result.disclosed", "t3.result.total"] {
                set(r, &format!("{p}.natural_person"), "2");
                set(r, &format!("{p}.total"), "2");
            }
        },
        with_previous: false,
        rule: "T1",
        severity: Severity::Warning,
        cells: Some(&["t3.new_received.total"]),
        expected: Some(0),
        actual: Some(2),
    },
    Case {
        name: "the text's count of new applications",
        edit: |r, _| r.set_text(TextKey::Topic(1), "全年共收到政府信息公开申请5件。"),
        with_previous: false,
        rule: "T2",
        severity: Severity::Warning,
        cells: None,
        expected: Some(5),
        actual: Some(0),
    },
    Case {
        name: "the text's count of handled applications",
        edit: |r, _| r.set_text(TextKey::Topic(1), "全年办理政府信息公开申请4件。"),
        with_previous: false,
        rule: "T3",
        severity: Severity::Warning,
        cells: Some(&["t3.result.total.total"]),
        expected: Some(4),
        actual: Some(0),
    },
    Case {
        name: "the text's count carried to next year",
        edit: |r, _| r.set_text(TextKey::Topic(1), "结转下年度继续办理3件。"),
        with_previous: false,
        rule: "T4",
        severity: Severity::Warning,
        cells: Some(&["t3.carried_forward.total"]),
        expected: Some(3),
        actual: Some(0),
    },
    Case {
        name: "the text's count carried from last year",
        edit: |r, _| r.set_text(TextKey::Topic(1), "上年结转2件。"),
        with_previous: false,
        rule: "T5",
        severity: Severity::Warning,
        cells: Some(&["t3.carried_over.total"]),
        expected: Some(2),
        actual: Some(0),
    },
    Case {
        name: "the text's count of reviews",
        edit: |r, _| r.set_text(TextKey::Topic(4), "全年发生行政复议1件。"),
        with_previous: false,
        rule: "T6",
        severity: Severity::Warning,
        cells: Some(&["t4.review.total"]),
        expected: Some(1),
        actual: Some(0),
    },
    Case {
        name: "the text's count of suits",
        edit: |r, _| r.set_text(TextKey::Topic(4), "全年发生行政诉讼2件。"),
        with_previous: false,
        rule: "T7",
        severity: Severity::Warning,
        cells: Some(&["t4.suit_direct.total", "t4.suit_after_review.total"]),
        expected: Some(2),
        actual: Some(0),
    },
    Case {
        name: "the text says no reviews, 表四 has one",
        edit: |r, _| {
            r.set_text(TextKey::Topic(4), "全年未发生行政复议、行政诉讼案件。");
            set(r, "t4.review.upheld", "1");
            set(r, "t4.review.total", "1");
        },
        with_previous: false,
        rule: "T8",
        severity: Severity::Warning,
        cells: Some(&["t4.review.total"]),
        expected: Some(0),
        actual: Some(1),
    },
    Case {
        name: "the text's count of normative documents",
        edit: |r, _| {
            r.set_text(TextKey::Topic(0), "全年制发行政规范性文件3件。");
            set(r, "t2.normative_doc.issued", "1");
            set(r, "t2.normative_doc.in_force", "1");
        },
        with_previous: false,
        rule: "T9",
        severity: Severity::Info,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "fewer documents in force than issued",
        edit: |r, _| set(r, "t2.regulation.issued", "2"),
        with_previous: false,
        rule: "P1",
        severity: Severity::Warning,
        cells: Some(&["t2.regulation.in_force", "t2.regulation.issued"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "fee notices, and 六 silent on the fee",
        edit: |r, _| {
            for p in [
                "t3.new_received",
                "t3.result.other.fee_unpaid",
                "t3.result.total",
            ] {
                set(r, &format!("{p}.natural_person"), "1");
                set(r, &format!("{p}.total"), "1");
            }
            r.set_text(TextKey::Other, "无其他需要报告的事项。");
        },
        with_previous: false,
        rule: "P2",
        severity: Severity::Warning,
        cells: Some(&["t3.result.other.fee_unpaid.total"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "六 reports a fee collected",
        edit: |r, _| r.set_text(TextKey::Other, "本年度收取信息处理费200元。"),
        with_previous: false,
        rule: "P3",
        severity: Severity::Info,
        cells: None,
        expected: None,
        actual: None,
    },
    Case {
        name: "suits after review with no review",
        edit: |r, _| {
            set(r, "t4.suit_after_review.upheld", "1");
            set(r, "t4.suit_after_review.total", "1");
        },
        with_previous: false,
        rule: "P4",
        severity: Severity::Info,
        cells: Some(&["t4.suit_after_review.total", "t4.review.total"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "上年结转 is not last year's 结转下年度",
        edit: |_, prev| {
            for p in ["t3.new_received", "t3.carried_forward"] {
                set(prev, &format!("{p}.natural_person"), "2");
                set(prev, &format!("{p}.total"), "2");
            }
        },
        with_previous: true,
        rule: "X1",
        severity: Severity::Warning,
        cells: Some(&["t3.carried_over.natural_person"]),
        expected: Some(2),
        actual: Some(0),
    },
    Case {
        name: "现行有效 ≠ last year's + 制发 − 废止",
        edit: |_, prev| set(prev, "t2.regulation.in_force", "5"),
        with_previous: true,
        rule: "X2",
        severity: Severity::Warning,
        cells: Some(&[
            "t2.regulation.in_force",
            "t2.regulation.issued",
            "t2.regulation.repealed",
        ]),
        expected: Some(5),
        actual: Some(0),
    },
    Case {
        name: "more repealed than existed",
        edit: |r, _| set(r, "t2.normative_doc.repealed", "4"),
        with_previous: true,
        rule: "X3",
        severity: Severity::Warning,
        cells: Some(&["t2.normative_doc.repealed"]),
        expected: None,
        actual: None,
    },
    Case {
        name: "五 word for word last year's",
        edit: |r, prev| {
            let long = "存在的问题：政务公开工作人员业务能力有待提高，政策解读形式比较单一，\
                        公开内容的及时性和完整性仍需加强。改进情况：加强培训，丰富解读形式。";
            r.set_text(TextKey::Problems, long);
            prev.set_text(TextKey::Problems, long);
        },
        with_previous: true,
        rule: "X5",
        severity: Severity::Warning,
        cells: None,
        expected: None,
        actual: None,
    },
];

/// Last year's report: the base for 2022, in other words.
fn last_year() -> Report {
    let mut prev = base();
    prev.year = Some(2022);
    prev.meta.date = "2023年1月20日".into();
    prev.meta.preamble = "本报告统计数据从2022年1月1日到2022年12月31日止。".into();
    prev.set_text(
        TextKey::Overview,
        "2022年，本局围绕中心工作推进主动公开，依申请公开答复及时，政府信息管理规范，\
         平台建设稳步推进，监督保障机制健全。",
    );
    prev
}

fn paths(r: &Report, f: &Finding) -> Vec<String> {
    let t = r.template();
    f.cells.iter().map(|&c| t.cell(c).path.clone()).collect()
}

#[test]
fn the_base_report_has_no_finding() {
    let (r, prev) = (base(), last_year());
    assert_eq!(check(&r, None), vec![]);
    assert_eq!(check(&r, Some(&prev)), vec![]);
}

#[test]
fn every_rule_fires_on_its_case() {
    let mut fired = Vec::new();
    for case in CASES {
        let (mut r, mut prev) = (base(), last_year());
        (case.edit)(&mut r, &mut prev);
        let findings = check(&r, case.with_previous.then_some(&prev));
        let f = findings
            .iter()
            .find(|f| f.rule == case.rule)
            .unwrap_or_else(|| panic!("{}: no {} in {findings:#?}", case.name, case.rule));
        assert_eq!(f.severity, case.severity, "{}", case.name);
        if let Some(cells) = case.cells {
            assert_eq!(paths(&r, f), cells, "{}", case.name);
        }
        if case.expected.is_some() || case.actual.is_some() {
            assert_eq!(
                (f.expected, f.actual),
                (case.expected, case.actual),
                "{}",
                case.name
            );
        }
        assert!(!f.message.is_empty());
        fired.push(case.rule);
    }
    // Every rule of the type has a case (a rule added to `Rule` without
    // one fails here); H1 compares two reports and has its own tests
    // (rules/hierarchy.rs, tests/cli.rs).
    for rule in nianbao::rules::Rule::ALL
        .iter()
        .filter(|&&r| r != nianbao::rules::hierarchy::RULE)
    {
        let rule = &rule.id();
        assert!(fired.contains(rule), "no case for {rule}");
    }
}

/// A 表三 row left empty is said once, by the table's blanks (D2), not again
/// row by row (M1) (issue 17).
#[test]
fn an_empty_row_is_said_once_with_the_blanks() {
    let mut r = base();
    for c in nianbao::template::table3::COLUMNS.iter().map(|c| c.id) {
        set(&mut r, &format!("t3.result.unavailable.not_held.{c}"), "");
    }
    let findings = check(&r, None);
    assert!(!findings.iter().any(|f| f.rule == "M1"), "{findings:#?}");
    let d2: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "D2")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(d2.len(), 1, "{d2:?}");
    assert!(
        d2[0].contains("其中 1 行整行未填：“1.本机关不掌握相关政府信息”"),
        "{}",
        d2[0]
    );
}

/// A text kept from last year names the stray year in the same finding
/// (X5), not in a second one (M2).
#[test]
fn last_years_text_names_its_stray_year_once() {
    let (mut r, mut prev) = (base(), last_year());
    let year = r.year.expect("the base report has a year");
    let old = format!(
        "{}年本机关存在的主要问题是政策解读形式不够丰富，基层政务公开标准化规范化工作仍需加强，下一步将拓展解读形式，推进标准化建设。",
        year - 1
    );
    r.set_text(TextKey::Problems, old.clone());
    prev.set_text(TextKey::Problems, old);
    let findings = check(&r, Some(&prev));
    let x5 = findings.iter().find(|f| f.rule == "X5").expect("X5");
    assert!(
        x5.message.contains(&format!("文中仍写着“{}年”", year - 1)),
        "{}",
        x5.message
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == "M2" && f.field == x5.field),
        "{findings:#?}"
    );
}
