//! Files made to be huge, deep or self-referring rather than merely broken
//! (issue 19): each is refused by its reader within the file's budget, with
//! a Chinese reason naming what was too large, never a panic, an abort, a
//! hang or the parser's English. Each case prints how long it took.

use std::io::Write;
use std::time::Instant;

use nianbao::import::open_report;

mod common;

/// A zip of (name, content) entries, deflated.
fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, content) in entries {
        zip.start_file(*name, options).expect("zip");
        zip.write_all(content).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// A workbook of one sheet with `sheet` as its `<sheetData>` (and what
/// follows it), and `shared` as its shared strings table.
fn workbook(sheet: &str, shared: &str) -> Vec<u8> {
    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let book = format!(
        r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let book_rels = format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let sheet =
        format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{sheet}</worksheet>"#);
    zipped(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ])
}

const SHARED: &str = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>总计</t></si></sst>"#;
const ROW: &str =
    r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row></sheetData>"#;

/// A Word file whose body is `body`.
fn word(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zipped(&[("word/document.xml", xml.as_bytes())])
}

/// Refused, in Chinese, with `what` in the reason; and quickly.
fn refused(name: &str, bytes: &[u8], what: &str) {
    let start = Instant::now();
    let why = open_report(bytes).map(|_| ()).expect_err(name);
    println!(
        "{name}: refused in {:?} ({} KB file): {why}",
        start.elapsed(),
        bytes.len() / 1024
    );
    assert!(why.contains(what), "{name}: {why}");
    for english in [
        "the ", "error", "expected", "invalid", "panicked", "overflow",
    ] {
        assert!(
            !why.to_lowercase().contains(english),
            "{name}: English in {why}"
        );
    }
}

/// The good workbook reads: the budget does not refuse a real one.
#[test]
fn a_plain_workbook_still_reads() {
    let read = open_report(&workbook(ROW, SHARED));
    assert!(read.is_ok(), "{:?}", read.err());
}

#[test]
fn a_workbook_whose_sheet_inflates_past_the_budget_is_refused() {
    let padding = " ".repeat(64 * 1024 * 1024);
    refused(
        "sheet of 64 MB",
        &workbook(&format!("{padding}{ROW}"), SHARED),
        "解压后超过",
    );
}

#[test]
fn a_workbook_whose_shared_strings_inflate_past_the_budget_is_refused() {
    let shared = SHARED.replace(
        "<si>",
        &format!("<si><t>{}</t></si><si>", "字".repeat(12 * 1024 * 1024)),
    );
    refused(
        "shared strings of 36 MB",
        &workbook(ROW, &shared),
        "解压后超过",
    );
}

#[test]
fn a_workbook_declaring_more_shared_strings_than_it_holds_is_refused() {
    for count in [
        "2000000000",
        "1000000000000000000",
        "99999999999999999999999",
    ] {
        let shared = SHARED.replace("uniqueCount=\"1\"", &format!("uniqueCount=\"{count}\""));
        refused(
            &format!("uniqueCount {count}"),
            &workbook(ROW, &shared),
            "共享字符串",
        );
    }
}

#[test]
fn a_workbook_with_a_cell_at_the_last_column_and_row_is_refused() {
    let sheet = ROW.replace(
        "</sheetData>",
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
    );
    refused("XFD1048576", &workbook(&sheet, SHARED), "单元格");
}

#[test]
fn a_workbook_with_many_merged_ranges_is_refused() {
    let merged: String = (1..=600)
        .map(|i| format!(r#"<mergeCell ref="A{i}:B{i}"/>"#))
        .collect();
    let sheet = format!(r#"{ROW}<mergeCells count="600">{merged}</mergeCells>"#);
    refused("600 merged ranges", &workbook(&sheet, SHARED), "合并单元格");
}

#[test]
fn a_word_bomb_and_a_broken_word_file_are_refused_in_chinese() {
    let bomb = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        " ".repeat(40 * 1024 * 1024)
    );
    refused("document.xml of 40 MB", &word(&bomb), "解压后超过");
    refused(
        "an unclosed element",
        &word("<w:p><w:r><w:t>一、总体情况</w:t></w:r>"),
        "XML 格式有误",
    );
}

/// A PDF of `pages` pages, each showing one line of text; `tweak` changes
/// the document before it is saved.
fn pdf(
    pages: usize,
    tweak: impl FnOnce(&mut pdf_extract::Document, pdf_extract::ObjectId),
) -> Vec<u8> {
    use pdf_extract::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 720 Td (Total 15) Tj ET".to_vec(),
    ));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(
                dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } },
            )
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    tweak(&mut doc, pages_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf");
    bytes
}

#[test]
fn a_plain_pdf_still_reads() {
    let read = open_report(&pdf(1, |_, _| ()));
    assert!(read.is_ok(), "{:?}", read.err());
}

/// A one-page PDF whose page is its own `/Parent`, and whose page tree has
/// no `/MediaBox` to stop a reader walking up for one.
fn parent_loop_pdf() -> Vec<u8> {
    use pdf_extract::{dictionary, Object};
    pdf(1, |doc, pages_id| {
        let page = doc
            .get_dictionary(pages_id)
            .expect("pages")
            .get(b"Kids")
            .expect("kids")
            .as_array()
            .expect("array")[0]
            .as_reference()
            .expect("page");
        let Some(Object::Dictionary(d)) = doc.objects.get_mut(&page) else {
            panic!("a page")
        };
        d.set("Parent", page);
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
    })
}

#[test]
fn a_pdf_whose_page_is_its_own_parent_is_refused_not_a_hang() {
    refused("/Parent loop", &parent_loop_pdf(), "循环引用");
}

#[test]
fn a_pdf_stream_inflating_past_the_budget_is_refused() {
    use pdf_extract::{dictionary, Stream};
    let bytes = pdf(1, |doc, _| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..80 {
            z.write_all(&chunk).expect("deflate");
        }
        // An unused form: inflated by nobody but the budget.
        doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "Filter" => "FlateDecode" },
            z.finish().expect("deflate"),
        ));
    });
    refused("a stream of 80 MB", &bytes, "解压后超过");
}

#[test]
fn a_pdf_of_too_many_pages_is_refused() {
    refused("2,500 pages", &pdf(2_500, |_, _| ()), "页");
}

/// The zip's entries, (name, bytes).
fn unzipped(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut out = Vec::new();
            entry.read_to_end(&mut out).expect("entry");
            (entry.name().to_owned(), out)
        })
        .collect()
}

/// One structural change to an XML text: an element repeated, nested
/// deeper, cut, or a number made huge.
fn mutate(xml: &str, rng: &mut fastrand::Rng) -> String {
    let tags: Vec<usize> = xml.match_indices('<').map(|(i, _)| i).collect();
    if tags.len() < 4 {
        return xml.to_owned();
    }
    let a = tags[rng.usize(1..tags.len() - 1)];
    let b = tags[rng.usize(1..tags.len() - 1)];
    let (a, b) = (a.min(b), a.max(b));
    match rng.u8(0..5) {
        0 => format!(
            "{}{}{}",
            &xml[..b],
            xml[a..b].repeat(rng.usize(2..50)),
            &xml[b..]
        ),
        1 => {
            let open = &xml[a..xml[a..].find('>').map_or(a, |e| a + e + 1)];
            format!(
                "{}{}{}",
                &xml[..a],
                open.repeat(rng.usize(1..400)),
                &xml[a..]
            )
        }
        2 => format!("{}{}", &xml[..a], &xml[b..]),
        3 => {
            let huge = [
                "4294967296",
                "99999999999999999999",
                "-1",
                "1048577",
                "XFD1048576",
            ];
            let mut out = xml.to_owned();
            if let Some(q) = xml[a..].find("=\"").map(|q| a + q + 2) {
                let end = xml[q..].find('"').map_or(q, |e| q + e);
                out = format!(
                    "{}{}{}",
                    &xml[..q],
                    huge[rng.usize(0..huge.len())],
                    &xml[end..]
                );
            }
            out
        }
        _ => format!("{}{}", &xml[..a], &xml[a..].replacen('>', "", 1)),
    }
}

/// Word and Excel files as this app writes them (seeds 000–004), changed in
/// their structure (elements repeated, nested, cut; numbers made huge),
/// 300 rounds from a fixed seed: each is read or refused, never a panic.
#[test]
fn mutated_word_and_excel_files_are_read_or_refused_never_a_panic() {
    use nianbao::render::{render, Export};
    let mut rng = fastrand::Rng::with_seed(19);
    let files: Vec<Vec<u8>> = common::SEEDS
        .iter()
        .flat_map(|seed| {
            let report = nianbao::import::import(seed).report;
            [
                render(Export::Docx, &report).bytes,
                render(Export::Xlsx, &report).bytes,
            ]
        })
        .collect();
    let start = Instant::now();
    let (mut read, mut refused) = (0, 0);
    for round in 0..300 {
        let mut entries = unzipped(&files[round % files.len()]);
        let xml: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].0.ends_with(".xml"))
            .collect();
        let at = xml[rng.usize(0..xml.len())];
        let mut text = String::from_utf8_lossy(&entries[at].1).into_owned();
        for _ in 0..rng.usize(1..4) {
            text = mutate(&text, &mut rng);
        }
        entries[at].1 = text.into_bytes();
        let named: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let bytes = zipped(&named);
        match std::panic::catch_unwind(|| open_report(&bytes)) {
            Ok(Ok(_)) => read += 1,
            Ok(Err(why)) => {
                refused += 1;
                assert!(!why.contains("panicked"), "round {round}: {why}");
            }
            Err(_) => panic!("round {round}: a reader panicked on {}", entries[at].0),
        }
    }
    println!(
        "300 mutated files: {read} read, {refused} refused, in {:?}",
        start.elapsed()
    );
}

/// Writes the files the page's test drops (tests/e2e, issue 19):
/// `cargo test --test hostile_files -- --ignored write_page_fixtures`.
#[test]
#[ignore]
fn write_page_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    std::fs::create_dir_all(&dir).expect("dir");
    let parent_loop = parent_loop_pdf();
    let deep = word(&format!(
        "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}",
        "<w:p>".repeat(5_000),
        "</w:p>".repeat(5_000)
    ));
    let bomb = workbook(&format!("{}{ROW}", " ".repeat(256 * 1024 * 1024)), SHARED);
    for (name, bytes) in [
        ("parent-loop.pdf", parent_loop),
        ("nested-5000.docx", deep),
        ("bomb-256MB.xlsx", bomb),
    ] {
        std::fs::write(dir.join(name), &bytes).expect("write");
        assert!(open_report(&bytes).is_err(), "{name}");
    }
}
