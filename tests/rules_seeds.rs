//! Each seed → exactly its real errors, and no false ones (spec §8.1).
#![allow(clippy::unwrap_used)]

mod common;
use common::SEEDS;
use nianbao::import::import;
use nianbao::model::Report;
use nianbao::rules::{check, Finding, Severity};

fn findings(seed: usize) -> (Report, Vec<Finding>) {
    let r = import(SEEDS[seed]).report;
    let f = check(&r, None);
    (r, f)
}

fn paths(r: &Report, cells: &[nianbao::template::CellId]) -> Vec<String> {
    cells
        .iter()
        .map(|&c| r.template().cell(c).path.clone())
        .collect()
}

fn errors(f: &[Finding]) -> Vec<(&'static str, Option<i64>, Option<i64>)> {
    f.iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| (x.rule.id(), x.expected, x.actual))
        .collect()
}

fn rules_of(f: &[Finding], severity: Severity) -> Vec<&'static str> {
    f.iter()
        .filter(|x| x.severity == severity)
        .map(|x| x.rule.id())
        .collect()
}

#[test]
fn seed_000_fails_r1_on_row_one_and_r4_twice() {
    let (r, f) = findings(0);
    assert_eq!(
        errors(&f),
        [
            ("R1", Some(14), Some(0)),
            ("R1", Some(14), Some(0)),
            ("R4", Some(1), Some(0)),
            ("R4", Some(0), Some(1))
        ]
    );
    let r1 = &f[0];
    assert!(r1.message.contains(
        "表三“自然人”列：第一项(0)+第二项(0)=0，第三项(七)总计(14)+第四项(0)=14，应相等，差 14"
    ));
    assert!(paths(&r, &r1.cells).contains(&"t3.new_received.natural_person".to_owned()));
    assert_eq!(
        f[2].fix
            .map(|c| r.template().cell(c).path.clone())
            .as_deref(),
        Some("t4.review.total")
    );
    // The signature is dated in the report year, not the year after.
    assert!(f
        .iter()
        .any(|x| x.rule == "M2" && x.message.contains("2023年1月19日")));
    // The text says 14 handled, the same as （七）总计: no T3 warning.
    assert!(!f.iter().any(|x| x.rule == "T3"));
}

#[test]
fn seed_001_text_says_eleven_requests_but_the_table_has_none() {
    let (_, f) = findings(1);
    assert!(errors(&f).is_empty());
    let t2 = f.iter().find(|x| x.rule == "T2").unwrap();
    assert_eq!(
        (t2.severity, t2.expected, t2.actual),
        (Severity::Warning, Some(11), Some(0))
    );
    let t9 = f.iter().find(|x| x.rule == "T9").unwrap();
    assert_eq!(
        (t9.severity, t9.expected, t9.actual),
        (Severity::Info, Some(2), Some(1))
    );
    let m4 = f.iter().find(|x| x.rule == "M4").unwrap();
    assert!(m4.message.contains("政府信息管理") && m4.message.contains("监督保障"));
    assert!(!m4
        .message
        .contains("依申请公开、政府信息管理、平台建设、监督保障。按"));
}

#[test]
fn seed_002_missing_rows_are_not_assessable_never_passed_or_errors() {
    let (_, f) = findings(2);
    assert!(errors(&f).is_empty());
    let infos: Vec<&Finding> = f.iter().filter(|x| x.severity == Severity::Info).collect();
    assert!(infos
        .iter()
        .any(|x| x.rule == "R1" && x.message.contains("暂时无法核对")));
    assert!(infos
        .iter()
        .any(|x| x.rule == "R2" && x.message.contains("暂时无法核对")));
    // The two missing rows, said once with 表三's blanks (issue 17).
    assert!(!f.iter().any(|x| x.rule == "M1"));
    let d2: Vec<&Finding> = f.iter().filter(|x| x.rule == "D2").collect();
    let t3 = d2
        .iter()
        .find(|x| x.message.starts_with("表三"))
        .expect("表三's blanks");
    assert!(
        t3.message.contains(
            "其中 2 行整行未填：“（七）总计”、“四、结转下年度继续办理”，勾稽关系无法核对。"
        ),
        "{}",
        t3.message
    );
    // "2023年未收到相关信息公开申请" and the table agree (T1 holds).
    assert!(!f.iter().any(|x| x.rule == "T1"));
}

#[test]
fn seed_003_has_no_errors_and_misses_topics() {
    let (_, f) = findings(3);
    assert!(errors(&f).is_empty());
    assert_eq!(rules_of(&f, Severity::Warning), ["M4"]);
}

#[test]
fn seed_004_fails_r3_on_five_rows_and_r2_on_the_total_column_only() {
    let (r, f) = findings(4);
    let e = errors(&f);
    assert_eq!(e.iter().filter(|x| x.0 == "R3").count(), 5);
    assert_eq!(e.iter().filter(|x| x.0 == "R1").count(), 0);
    let r2: Vec<&Finding> = f
        .iter()
        .filter(|x| x.rule == "R2" && x.severity == Severity::Error)
        .collect();
    assert_eq!(r2.len(), 1);
    assert_eq!((r2[0].expected, r2[0].actual), (Some(0), Some(17)));
    // The （七）总计 is right; offering to overwrite it with 0 would hide the real errors.
    assert_eq!(r2[0].fix, None);
    // The R3 row totals left at 0 are the suspects.
    let r3 = f.iter().find(|x| x.rule == "R3").unwrap();
    assert_eq!(
        r3.suspect
            .map(|c| r.template().cell(c).path.clone())
            .as_deref(),
        Some("t3.result.disclosed.total")
    );
    assert_eq!((r3.expected, r3.actual), (Some(1), Some(0)));
    assert_eq!(r3.fix, r3.suspect);
    // "共收到17件" is 新收 16 + 结转 1: accepted (T2 reads both ways).
    assert!(!f.iter().any(|x| x.rule == "T2"));
}

#[test]
fn cross_year_checks_compare_with_last_years_report() {
    let mut prev = import(SEEDS[0]).report;
    prev.year = Some(2022);
    let t = prev.template();
    prev.set_raw(t.by_path("t3.carried_forward.total").unwrap(), "2");
    prev.set_raw(t.by_path("t2.normative_doc.in_force").unwrap(), "5");
    let this = import(SEEDS[1]).report;
    let f = check(&this, Some(&prev));
    let x1 = f.iter().find(|x| x.rule == "X1").unwrap();
    assert_eq!((x1.expected, x1.actual), (Some(2), Some(0)));
    let x2 = f.iter().find(|x| x.rule == "X2").unwrap();
    // 5 + 1 issued − 0 repealed = 6, the table says 3.
    assert_eq!((x2.expected, x2.actual), (Some(6), Some(3)));
}

#[test]
fn a_clean_report_has_no_findings_at_all() {
    let mut r = import(SEEDS[1]).report;
    let t = r.template();
    // Make the text agree with the table and cover every topic.
    r.set_text(
        nianbao::model::TextKey::Overview,
        "全年未收到政府信息公开申请。",
    );
    for i in 0..5 {
        r.set_text(nianbao::model::TextKey::Topic(i), "工作正常开展。");
    }
    r.meta.date = "2024年1月20日".into();
    assert_eq!(r.raw(t.by_path("t3.new_received.total").unwrap()), "0");
    let f = check(&r, None);
    assert!(f.is_empty(), "{f:#?}");
}
