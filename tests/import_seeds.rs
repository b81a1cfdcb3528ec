//! Each seed report → the values a person reads off it (spec §8.1).
#![allow(clippy::unwrap_used)]

mod common;
use common::{raw, row, t3_row, SEEDS};
use nianbao::import::import;
use nianbao::model::TextKey;
use nianbao::template::Format;

#[test]
fn seed_000_pasted_twice_reads_the_first_copy() {
    let i = import(SEEDS[0]);
    let r = &i.report;
    assert_eq!(r.format, Format::Y2021);
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.agency.as_deref(), Some("新城区行政审批和政务服务局"));
    assert_eq!(r.meta.date, "2023年1月19日");
    // The 规章 row is missing from the source: missing, never 0.
    assert_eq!(raw(r, "t2.regulation.issued"), "");
    assert_eq!(raw(r, "t2.normative_doc.in_force"), "0");
    assert_eq!(raw(r, "t2.licensing.decisions"), "6240");
    assert_eq!(raw(r, "t2.admin_fee.amount_wan"), "0");
    assert_eq!(t3_row(r, "new_received"), row([0; 7]));
    assert_eq!(t3_row(r, "result.disclosed"), row([1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(
        t3_row(r, "result.unavailable.not_held"),
        row([13, 0, 0, 0, 0, 0, 13])
    );
    assert_eq!(t3_row(r, "result.total"), row([14, 0, 0, 0, 0, 0, 14]));
    assert_eq!(t3_row(r, "carried_forward"), row([0; 7]));
    assert_eq!(raw(r, "t4.review.corrected"), "1");
    assert_eq!(raw(r, "t4.suit_after_review.total"), "1");
    assert_eq!(r.text(TextKey::Topic(1)), "全年办理依申请公开信息14条");
    assert!(r
        .text(TextKey::Other)
        .starts_with("2023年,我局在处理政府信息公开申请时"));
    assert!(i.notes.iter().any(|n| n.message.contains("报告内容重复")));
}

#[test]
fn seed_001_one_row_per_line() {
    let i = import(SEEDS[1]);
    let r = &i.report;
    assert_eq!(r.format, Format::Y2021);
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.agency.as_deref(), Some("大武口区人民政府办公室"));
    assert!(r
        .meta
        .preamble
        .starts_with("根据《中华人民共和国政府信息公开条例》"));
    assert_eq!(raw(r, "t2.normative_doc.issued"), "1");
    assert_eq!(raw(r, "t2.normative_doc.in_force"), "3");
    let t = r.template();
    for id in t.cells_of(nianbao::template::TableId::T3) {
        assert_eq!(r.raw(id), "0", "{}", t.cell(id).path);
    }
    assert_eq!(raw(r, "t4.suit_after_review.total"), "0");
    assert_eq!(i.cells_read, 200);
    assert!(r
        .text(TextKey::Overview)
        .contains("(二)持续提升依申请公开工作"));
}

#[test]
fn seed_002_traditional_with_pinyin_and_missing_rows() {
    let i = import(SEEDS[2]);
    let r = &i.report;
    assert_eq!(r.format, Format::Y2021);
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.agency.as_deref(), Some("昆区商务局"));
    assert!(r
        .meta
        .preamble
        .starts_with("本报告根据《中华人民共和国政府信息公开条例》"));
    assert!(!r.meta.preamble.contains("(bào)"));
    assert_eq!(raw(r, "t2.regulation.issued"), "0");
    assert_eq!(t3_row(r, "result.other.other"), row([0; 7]));
    assert_eq!(t3_row(r, "result.total"), vec![String::new(); 7]);
    assert_eq!(t3_row(r, "carried_forward"), vec![String::new(); 7]);
    assert_eq!(r.text(TextKey::Topic(1)), "2023年未收到相关信息公开申请。");
    assert!(r
        .text(TextKey::Other)
        .contains("(一)收取政府信息公开信息处理费的情况"));
    let notes: Vec<&str> = i.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("拼音注音")));
    assert!(notes.iter().any(|n| n.contains("繁体字")));
    assert_eq!(
        notes.iter().filter(|n| n.contains("重复出现的行")).count(),
        1
    );
    assert!(notes.iter().any(|n| n.contains("没有找到“（七）总计”行")));
}

#[test]
fn seed_003_traditional_cell_per_line() {
    let i = import(SEEDS[3]);
    let r = &i.report;
    assert_eq!(r.format, Format::Y2021);
    assert_eq!(r.year, Some(2021));
    assert_eq!(r.agency.as_deref(), Some("新荣区政务服务中心"));
    assert_eq!(i.cells_read, 200);
    assert_eq!(r.text(TextKey::Other), "无其他需要报告的事项。");
    assert!(r
        .text(TextKey::Overview)
        .ends_with("評價率占比88.77%,".replace("評價", "评价").as_str()));
}

#[test]
fn seed_004_the_2019_format_with_broken_labels() {
    let i = import(SEEDS[4]);
    let r = &i.report;
    assert_eq!(r.format, Format::Y2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.agency.as_deref(), Some("新巴尔虎左旗"));
    assert_eq!(raw(r, "t2_2019.normative_doc.total_published"), "18");
    assert_eq!(raw(r, "t2_2019.licensing.change"), "-3");
    assert_eq!(raw(r, "t2_2019.coercion.change"), "+3");
    assert_eq!(raw(r, "t2_2019.admin_fee.prev_items"), "13");
    assert_eq!(raw(r, "t2_2019.procurement.amount"), "7121.99万元");
    assert_eq!(t3_row(r, "new_received"), row([9, 4, 0, 0, 0, 3, 16]));
    assert_eq!(t3_row(r, "carried_over"), row([1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(t3_row(r, "result.disclosed"), row([1, 0, 0, 0, 0, 0, 0]));
    assert_eq!(t3_row(r, "result.partial"), row([2, 0, 0, 0, 0, 1, 0]));
    assert_eq!(
        t3_row(r, "result.withheld.internal_affairs"),
        row([0, 3, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        t3_row(r, "result.unavailable.not_held"),
        row([4, 0, 0, 0, 0, 2, 0])
    );
    assert_eq!(t3_row(r, "result.not_processed.complaint"), row([0; 7]));
    assert_eq!(t3_row(r, "result.other_legacy"), row([3, 1, 0, 0, 0, 0, 0]));
    assert_eq!(t3_row(r, "result.total"), row([10, 4, 0, 0, 0, 3, 17]));
    assert_eq!(t3_row(r, "carried_forward"), row([0; 7]));
    assert_eq!(raw(r, "t4.review.upheld"), "2");
    assert_eq!(raw(r, "t4.review.pending"), "1");
    assert_eq!(raw(r, "t4.review.total"), "3");
    assert!(r.text(TextKey::Topic(3)).starts_with("推动政府网站建设"));
    assert!(r.text(TextKey::Topic(4)).starts_with("加强组织领导"));
    assert!(r
        .text(TextKey::Problems)
        .starts_with("2020年我政务公开工作"));
    assert_eq!(r.text(TextKey::Other), "");
    assert!(i.notes.iter().any(|n| n.message.contains("体育投注")));
}

#[test]
fn the_spec_json_of_a_seed_has_nulls_for_missing_cells() {
    let r = import(SEEDS[2]).report;
    let v = nianbao::model::json::to_value(&r);
    assert_eq!(v["format"], "2021");
    assert_eq!(v["year"], 2023);
    assert!(v["s3_applications"]["result"]["total"]["total"].is_null());
    assert_eq!(
        v["s3_applications"]["result"]["withheld"]["state_secret"]["natural_person"],
        0
    );
    assert_eq!(v["s2_proactive"]["admin_fee"]["amount_wan"], "0");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "format",
            "year",
            "agency",
            "s1_overview",
            "s2_proactive",
            "s3_applications",
            "s4_review_litigation",
            "s5_problems",
            "s6_other"
        ]
    );
}

#[test]
fn an_html_paste_with_spans_reads_like_the_text() {
    // The renderer's HTML has rowspan/colspan exactly as browsers copy them.
    let r = import(SEEDS[4]).report;
    let html = nianbao::render::html::document(&r);
    let back = import(&html).report;
    assert_eq!(
        nianbao::model::json::to_value(&back),
        nianbao::model::json::to_value(&r)
    );
}

#[test]
fn text_copied_from_a_pdf_reads_like_the_page() {
    // PDF viewers copy table rows as space-separated words and wrap long labels.
    let pdf: String = SEEDS[1]
        .lines()
        .map(|l| l.replace(" | ", "  ").replace(" |", ""))
        .map(|l| {
            l.replacen(
                "(区分处理的,只计这一情形,",
                "(区分处理的,只计这一情形,\n",
                1,
            )
        })
        .map(|l| l.replacen("逾期不补正、", "逾期不补正、\n", 1))
        .collect::<Vec<_>>()
        .join("\n");
    let from_pdf = import(&pdf).report;
    let from_page = import(SEEDS[1]).report;
    assert_eq!(
        nianbao::model::json::to_value(&from_pdf),
        nianbao::model::json::to_value(&from_page)
    );
}

#[test]
fn list_numbers_that_lost_their_dot_stay_with_their_label() {
    // Seed 001 as a PDF viewer that drops "." after list numbers copies it.
    let pdf: String = SEEDS[1]
        .lines()
        .map(|l| l.replace(" | ", " ").replace(" |", ""))
        .map(|l| match l.split_once('.') {
            Some((n, rest)) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => {
                format!("{n} {rest}")
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let i = import(&pdf);
    assert_eq!(
        nianbao::model::json::to_value(&i.report),
        nianbao::model::json::to_value(&import(SEEDS[1]).report)
    );
    // And it warns of nothing the page's own text does not (a row whose
    // numbers went unread would say so).
    let warnings = |notes: &[nianbao::import::Note]| -> Vec<String> {
        notes
            .iter()
            .filter(|n| n.level == nianbao::import::Level::Warning)
            .map(|n| n.message.clone())
            .collect()
    };
    assert_eq!(warnings(&i.notes), warnings(&import(SEEDS[1]).notes));
}

#[test]
fn title_forms_give_the_agency_and_year() {
    for (title, agency, year) in [
        (
            "2023年度某市统计局政府信息公开工作年度报告",
            "某市统计局",
            2023,
        ),
        (
            "某区教育局二〇二三年政府信息公开工作年度报告",
            "某区教育局",
            2023,
        ),
        (
            "某县人民政府关于2022年政府信息公开工作年度报告",
            "某县人民政府",
            2022,
        ),
    ] {
        let r = import(&format!("{title}\n一、总体情况\n正文。")).report;
        assert_eq!(
            (r.agency.as_deref(), r.year),
            (Some(agency), Some(year)),
            "{title}"
        );
    }
}

#[test]
fn an_empty_cell_between_values_keeps_the_columns_after_it() {
    // What went wrong: a Word table copied with tabs, one cell left blank,
    // shifted every later value one column to the left.
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t\t0\t0\t0\t0\t3\t\t\n";
    let r = import(text).report;
    assert_eq!(
        t3_row(&r, "new_received"),
        ["3", "", "0", "0", "0", "0", "3"]
    );
}

#[test]
fn a_saved_data_file_opens_as_it_is_and_a_broken_one_says_so() {
    let r = import(SEEDS[0]).report;
    let saved = nianbao::import::import_file(&nianbao::model::json::to_draft(&r));
    assert_eq!(saved.report, r);
    assert_eq!(saved.cells_read, r.filled_cells());
    let broken = nianbao::import::import_file("{\"format\": \"2021\", ");
    assert!(broken.report.is_blank());
    assert!(broken.notes[0]
        .message
        .contains("数据文件（JSON），但无法读取"));
    let text = nianbao::import::import_file(SEEDS[1]);
    assert_eq!(
        text.report.agency.as_deref(),
        Some("大武口区人民政府办公室")
    );
}

#[test]
fn a_paste_of_only_table_three_is_read_by_its_row_names() {
    let only_table: String = SEEDS[1]
        .lines()
        .skip_while(|l| !l.starts_with("(本列数据的勾稽关系"))
        .take_while(|l| !l.starts_with("四、政府信息公开"))
        .collect::<Vec<_>>()
        .join("\n");
    let i = import(&only_table);
    assert_eq!(t3_row(&i.report, "new_received"), row([0; 7]));
    assert_eq!(i.cells_read, 175);
    assert!(
        i.notes
            .iter()
            .any(|n| n.message.contains("已按表格的行名读到 175 个单元格")),
        "{:?}",
        i.notes
    );
    // Table 二 was not in the paste: nothing is said about its rows.
    assert!(
        !i.notes.iter().any(|n| n.message.contains("表二")),
        "{:?}",
        i.notes
    );
}
