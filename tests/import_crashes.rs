//! Bad input never panics: garbage, huge pastes, binary, scripts, and a
//! seeded mutation loop over the seeds (stable Rust, no fuzzer needed).
#![allow(clippy::unwrap_used)]

mod common;
use common::SEEDS;
use nianbao::import::{import, Level};
use nianbao::render::{render, Export};
use nianbao::rules::check;

/// xorshift: reproducible without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn full_pipeline(input: &str) {
    let imported = import(input);
    let _ = check(&imported.report, None);
    for &export in Export::ALL {
        let _ = render(export, &imported.report);
    }
}

#[test]
fn garbage_gives_a_clear_note_and_an_empty_report() {
    for input in [
        "",
        " ",
        "asdf",
        "|||",
        "一、",
        "1 2 3 4 5",
        "<<<>>>",
        "&&&;",
        "\u{FEFF}",
    ] {
        let i = import(input);
        assert!(i.report.is_blank() || i.cells_read < 10, "{input:?}");
        full_pipeline(input);
    }
    let i = import("这是一段与年报无关的文字。");
    assert!(i
        .notes
        .iter()
        .any(|n| n.level == Level::Warning && n.message.contains("没有找到年报的各部分标题")));
}

#[test]
fn ten_megabytes_of_noise_is_read_in_part_with_a_note() {
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "一二三四五六七八九十总计|0123456789 \n本年新收（）()、.公开"
        .chars()
        .collect();
    let noise: String = (0..5_000_000)
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect();
    assert!(noise.len() > 10_000_000);
    let started = std::time::Instant::now();
    let i = import(&noise);
    assert!(i
        .notes
        .iter()
        .any(|n| n.message.contains("只读取了前 2 MB")));
    // Not a timing assertion: a generous bound that only catches a quadratic blow-up.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn binary_is_refused_in_chinese() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 256) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let i = import(&text);
    assert!(i.report.is_blank());
    assert!(i.notes[0].message.contains("不是文字"));
}

#[test]
fn scripts_in_a_pasted_page_never_reach_the_report_or_the_output() {
    let html = "<html><head><script>alert('head')</script></head><body>\
        <p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>\
        <p>正文<script>document.cookie</script>&lt;script&gt;alert(1)&lt;/script&gt;</p>\
        <img src=x onerror=alert(2)><p>六、其他需要报告的事项</p><p>无。</p></body></html>";
    let i = import(html);
    let text = i.report.overview_full();
    assert!(!text.contains("document.cookie"));
    assert!(
        text.contains("<script>alert(1)</script>"),
        "escaped text is kept as text: {text}"
    );
    let out = render(Export::Html, &i.report).text().to_owned();
    assert!(!out.contains("<script>alert"));
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!out.contains("onerror"));
}

#[test]
fn a_mutated_seed_never_panics() {
    let mut rng = Rng(0x5eed);
    for round in 0..300 {
        let seed = SEEDS[round % SEEDS.len()];
        let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(lines.len());
            match rng.below(7) {
                0 => {
                    lines.remove(at);
                }
                1 => {
                    let l = lines[at].clone();
                    let to = rng.below(lines.len());
                    lines.insert(to, l);
                }
                2 => {
                    let other = rng.below(lines.len());
                    lines.swap(at, other);
                }
                3 => {
                    let cut = lines[at]
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(rng.below(8))
                        .unwrap_or(0);
                    lines[at].truncate(cut);
                }
                4 => {
                    lines[at].push_str(["|", "（", "<td", "&#", "-", "１２", "\u{0}"][rng.below(7)])
                }
                5 => lines.truncate(at.max(1)),
                _ => lines[at] = lines[at].replace('0', "一"),
            }
            if lines.is_empty() {
                break;
            }
        }
        full_pipeline(&lines.join("\n"));
    }
}

#[test]
fn invalid_values_survive_import_and_are_flagged() {
    // What went wrong in a paste: full-width digits and a negative count.
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | １２ | -1 | 0 | 0 | 0 | 0 | 11";
    let r = import(text).report;
    let t = r.template();
    assert_eq!(
        r.raw(t.by_path("t3.new_received.natural_person").unwrap()),
        "１２"
    );
    assert_eq!(
        r.number(t.by_path("t3.new_received.natural_person").unwrap()),
        Some(12)
    );
    let f = check(&r, None);
    let d1 = f.iter().find(|f| f.rule == "D1").unwrap();
    assert!(d1.message.contains("“-1”不能为负数"), "{}", d1.message);
}
