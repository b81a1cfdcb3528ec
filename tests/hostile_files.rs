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
fn a_workbook_declaring_more_shared_strings_than_it_holds_is_refused() {
    for count in ["1000000000000000000", "99999999999999999999999"] {
        let shared = SHARED.replace("uniqueCount=\"1\"", &format!("uniqueCount=\"{count}\""));
        refused(
            &format!("uniqueCount {count}"),
            &workbook(ROW, &shared),
            "共享字符串",
        );
    }
}

#[test]
fn a_broken_word_file_is_refused_in_chinese() {
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

/// A PDF with an unused form whose stream inflates to 80 MB.
fn stream_bomb_pdf() -> Vec<u8> {
    use pdf_extract::{dictionary, Stream};
    pdf(1, |doc, _| {
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
    })
}

/// A one-page PDF written by hand, whose font's `/Widths` holds `widths`
/// entries: as a plain object (a classic xref table), or compressed inside
/// an object stream (an xref stream), where only its inflated text shows
/// the size. lopdf would build the array to save it, the gigabyte the test
/// is about.
fn widths_pdf(widths: usize, in_object_stream: bool) -> Vec<u8> {
    let font = format!(
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 0/LastChar {}/Widths[{}]>>",
        widths - 1,
        "0 ".repeat(widths)
    );
    let content = "BT /F1 12 Tf 72 720 Td (Total 15) Tj ET";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>".to_vec(),
        format!("<</Length {}>>stream\n{content}\nendstream", content.len()).into_bytes(),
    ];
    if in_object_stream {
        let head = "5 0 ";
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(format!("{head}{font}").as_bytes())
            .expect("deflate");
        let packed = z.finish().expect("deflate");
        let mut stream = format!(
            "<</Type/ObjStm/N 1/First {}/Filter/FlateDecode/Length {}>>stream\n",
            head.len(),
            packed.len()
        )
        .into_bytes();
        stream.extend(packed);
        stream.extend(b"\nendstream");
        objects.push(stream);
    } else {
        objects.push(font.into_bytes());
    }
    let mut file = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(file.len());
        // The object stream is 6: 5, the font, lies inside it.
        let number = if in_object_stream && i == 4 { 6 } else { i + 1 };
        file.extend(format!("{number} 0 obj\n").as_bytes());
        file.extend(object);
        file.extend(b"\nendobj\n");
    }
    let xref = file.len();
    if in_object_stream {
        // Entries 0..=7: free, objects 1–4 and 6 in the file, 5 in stream 6
        // at index 0, and this xref stream (7) itself; /W [1 4 2].
        let mut rows = vec![(0u8, 0usize, 0u16)];
        rows.extend(offsets[..4].iter().map(|&o| (1, o, 0)));
        rows.push((2, 6, 0));
        rows.push((1, offsets[4], 0));
        rows.push((1, xref, 0));
        let mut data = Vec::new();
        for (kind, field, index) in rows {
            data.push(kind);
            data.extend((field as u32).to_be_bytes());
            data.extend(index.to_be_bytes());
        }
        file.extend(
            format!(
                "7 0 obj\n<</Type/XRef/Size 8/W[1 4 2]/Root 1 0 R/Length {}>>stream\n",
                data.len()
            )
            .as_bytes(),
        );
        file.extend(data);
        file.extend(b"\nendstream\nendobj\n");
    } else {
        file.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
        for o in &offsets {
            file.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        file.extend(format!("trailer\n<</Size {}/Root 1 0 R>>\n", offsets.len() + 1).as_bytes());
    }
    file.extend(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    file
}

#[test]
fn a_hand_written_pdf_with_a_short_widths_array_reads() {
    for in_object_stream in [false, true] {
        let read = open_report(&widths_pdf(256, in_object_stream));
        assert!(
            read.is_ok(),
            "object stream {in_object_stream}: {:?}",
            read.err()
        );
    }
}

/// A workbook LibreOffice Calc saved in the old binary format (.xls), of
/// the first seed's tables: see `write_xls_fixture`.
const CALC_XLS: &[u8] = include_bytes!("fixtures/hostile/calc.xls");

/// In an old Office file (512-byte sectors): the first FAT sector's offset
/// and the directory's first sector.
fn compound_layout(xls: &[u8]) -> (usize, usize) {
    let u32_at = |at: usize| u32::from_le_bytes(xls[at..at + 4].try_into().expect("4 bytes"));
    assert_eq!(
        u16::from_le_bytes([xls[0x1E], xls[0x1F]]),
        9,
        "512-byte sectors"
    );
    ((u32_at(0x4C) as usize + 1) * 512, u32_at(0x30) as usize)
}

#[test]
fn a_workbook_calc_saved_as_xls_reads() {
    let read = open_report(CALC_XLS).expect("reads");
    assert!(read.cells_read > 100, "{} cells", read.cells_read);
}

/// The .xls whose directory's first sector is followed by itself.
fn xls_directory_loop() -> Vec<u8> {
    let mut xls = CALC_XLS.to_vec();
    let (fat, directory) = compound_layout(&xls);
    xls[fat + 4 * directory..fat + 4 * directory + 4]
        .copy_from_slice(&(directory as u32).to_le_bytes());
    xls
}

/// The .xls whose directory's chain goes on to a sector past the file.
fn xls_chain_past_the_file() -> Vec<u8> {
    let mut xls = CALC_XLS.to_vec();
    let (fat, directory) = compound_layout(&xls);
    xls[fat + 4 * directory..fat + 4 * directory + 4]
        .copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    xls
}

/// The .xls whose Workbook stream declares 2 GB.
fn xls_stream_of_2gb() -> Vec<u8> {
    let mut xls = CALC_XLS.to_vec();
    let (_, directory) = compound_layout(&xls);
    let entries = (directory + 1) * 512;
    let name: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let entry = (0..4)
        .map(|k| entries + 128 * k)
        .find(|&at| xls[at..].starts_with(&name))
        .expect("a Workbook entry");
    xls[entry + 120..entry + 124].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    xls
}

/// The .xls with a cell at the last row and column.
fn xls_last_cell() -> Vec<u8> {
    // A text cell (LABELSST, 0x00FD, 10 bytes) of the first sheet moved to
    // row 65,535, column 255: with the sheet's first cell, a span of 16.7
    // million cells that calamine would lay out.
    let mut xls = CALC_XLS.to_vec();
    let at = xls
        .windows(4)
        .position(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a LABELSST record");
    xls[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    xls
}

/// Each crafted file of the issue's table, as a named test that it is
/// refused with `what` in the reason, and listed by `crafted()` for the
/// folder they are checked in together.
macro_rules! crafted {
    ($($test:ident: $file:literal, $what:literal, $make:expr;)*) => {
        $(
            #[test]
            fn $test() {
                refused($file, &$make, $what);
            }
        )*
        /// Every crafted file: (file name, bytes, what its refusal names).
        fn crafted() -> Vec<(&'static str, Vec<u8>, &'static str)> {
            vec![$(($file, $make, $what)),*]
        }
    };
}

crafted! {
    a_workbook_whose_sheet_inflates_past_the_budget_is_refused: "sheet-64MB.xlsx", "解压后超过",
        workbook(&format!("{}{ROW}", " ".repeat(64 * 1024 * 1024)), SHARED);
    a_workbook_whose_shared_strings_inflate_past_the_budget_is_refused:
        "shared-strings-36MB.xlsx", "解压后超过",
        workbook(ROW, &SHARED.replace(
            "<si>",
            &format!("<si><t>{}</t></si><si>", "字".repeat(12 * 1024 * 1024)),
        ));
    a_workbook_declaring_two_billion_shared_strings_is_refused:
        "shared-strings-count.xlsx", "共享字符串",
        workbook(ROW, &SHARED.replace("uniqueCount=\"1\"", "uniqueCount=\"2000000000\""));
    a_workbook_with_a_cell_at_the_last_column_and_row_is_refused: "last-cell.xlsx", "单元格",
        workbook(&ROW.replace(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
        ), SHARED);
    a_workbook_with_many_merged_ranges_is_refused: "merged-600.xlsx", "合并单元格",
        workbook(&format!(
            r#"{ROW}<mergeCells count="600">{}</mergeCells>"#,
            (1..=600).map(|i| format!(r#"<mergeCell ref="A{i}:B{i}"/>"#)).collect::<String>()
        ), SHARED);
    a_word_file_inflating_past_the_budget_is_refused: "document-40MB.docx", "解压后超过",
        word(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", " ".repeat(40 * 1024 * 1024)));
    a_word_file_nested_20000_deep_is_refused: "nested-20000.docx", "嵌套层数超过",
        word(&format!(
            "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}",
            "<w:p>".repeat(20_000),
            "</w:p>".repeat(20_000)
        ));
    a_pdf_whose_page_is_its_own_parent_is_refused_not_a_hang: "parent-loop.pdf", "循环引用",
        parent_loop_pdf();
    a_pdf_stream_inflating_past_the_budget_is_refused: "stream-80MB.pdf", "解压后超过",
        stream_bomb_pdf();
    a_pdf_of_too_many_pages_is_refused: "pages-2500.pdf", "页", pdf(2_500, |_, _| ());
    a_pdf_whose_font_widths_hold_ten_million_entries_is_refused: "widths-10M.pdf", "数值",
        widths_pdf(10_000_000, false);
    a_pdf_whose_object_stream_holds_ten_million_widths_is_refused:
        "widths-10M-in-object-stream.pdf", "数值", widths_pdf(10_000_000, true);
    an_xls_whose_directory_chain_loops_is_refused_not_a_hang: "directory-loop.xls", "结构已损坏",
        xls_directory_loop();
    an_xls_whose_chain_points_past_the_file_is_refused: "chain-past-the-file.xls", "结构已损坏",
        xls_chain_past_the_file();
    an_xls_stream_declaring_more_than_the_file_holds_is_refused: "workbook-2GB.xls", "结构已损坏",
        xls_stream_of_2gb();
    an_xls_with_a_cell_at_the_last_row_and_column_is_refused: "last-cell.xls", "单元格",
        xls_last_cell();
}

/// The issue's last check: `check DIR` and `sum DIR` over a folder of every
/// crafted file, the page's fixtures and the five seeds finish, read the
/// seeds, name every crafted file with its reason, say so in their exit
/// code and stay under 1 GB.
#[test]
#[cfg(target_os = "linux")]
fn a_folder_of_every_crafted_file_and_the_seeds_is_checked_and_summed_within_a_gigabyte() {
    let dir = std::env::temp_dir().join(format!("nianbao-crafted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let crafted = crafted();
    for (name, bytes, _) in &crafted {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["bomb-256MB.xlsx", "nested-5000.docx"] {
        std::fs::copy(fixtures.join("hostile").join(name), dir.join(name)).expect("copy");
    }
    for (i, seed) in common::SEEDS.iter().enumerate() {
        std::fs::write(dir.join(format!("seed_{i}.txt")), seed).expect("write");
    }
    for command in ["check", "sum"] {
        let (out, took, peak_kb) = capped(command, &dir);
        let (table, errors) = (
            String::from_utf8(out.stdout).expect("utf-8"),
            String::from_utf8(out.stderr).expect("utf-8"),
        );
        println!(
            "{command}: {} files in {took:?}, resident peak seen {} MB\n{errors}",
            crafted.len() + 7,
            peak_kb / 1024
        );
        assert_eq!(out.status.code(), Some(1), "some files could not be read");
        for (name, _, what) in &crafted {
            let line = errors
                .lines()
                .find(|l| l.contains(&format!("/{name}：")))
                .unwrap_or_else(|| panic!("{name} named in {errors}"));
            assert!(line.contains(what), "{line}");
            assert!(!table.contains(name), "{name} is not a report");
        }
        // The seeds are read: a row each in the table; in the 汇总, those
        // of the year most share are summed, the others left out by year.
        for i in 0..common::SEEDS.len() {
            let seed = format!("seed_{i}.txt");
            match command {
                "check" => {
                    let row = table.lines().find(|l| l.contains(&seed));
                    let row = row.unwrap_or_else(|| panic!("{seed} in {table}"));
                    assert!(!row.contains("未能读取"), "{row}");
                }
                _ => assert!(errors.contains(&seed), "{seed} in {errors}"),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `nianbao COMMAND --csv DIR` (`sum`: its text) with its address
/// space capped at 1 GB: an allocation past it aborts the run, which the
/// caller's checks would see. Its resident peak is sampled while it runs.
fn capped(
    command: &str,
    dir: &std::path::Path,
) -> (std::process::Output, std::time::Duration, u64) {
    let start = Instant::now();
    let format = if command == "sum" { "--txt" } else { "--csv" };
    let mut child = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 1048576 && exec \"$0\" \"$1\" \"$2\" \"$3\"",
        ])
        .arg(env!("CARGO_BIN_EXE_nianbao"))
        .args([command, format])
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    while child.try_wait().expect("waits").is_none() {
        let hwm = std::fs::read_to_string(&status).unwrap_or_default();
        let kb = hwm
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
        peak_kb = peak_kb.max(kb.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("runs");
    (out, start.elapsed(), peak_kb)
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
                render(Export::Docx, &report).expect("renders").bytes,
                render(Export::Xlsx, &report).expect("renders").bytes,
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

/// Writes the .xls fixture: the first seed's report as our workbook, saved
/// by LibreOffice Calc as an old binary file (needs LibreOffice):
/// `cargo test --test hostile_files -- --ignored write_xls_fixture`.
#[test]
#[ignore]
fn write_xls_fixture() {
    let dir = std::env::temp_dir().join(format!("nianbao-xls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let report = nianbao::import::import(common::SEEDS[0]).report;
    let xlsx = nianbao::render::render(nianbao::render::Export::Xlsx, &report)
        .expect("renders")
        .bytes;
    std::fs::write(dir.join("calc.xlsx"), xlsx).expect("write");
    let status = std::process::Command::new("libreoffice")
        .args(["--headless", "--convert-to", "xls:MS Excel 97", "--outdir"])
        .arg(&dir)
        .arg(dir.join("calc.xlsx"))
        .env("HOME", &dir)
        .status()
        .expect("libreoffice is installed");
    assert!(status.success());
    let xls = std::fs::read(dir.join("calc.xls")).expect("calc.xls");
    let target =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/calc.xls");
    std::fs::write(target, &xls).expect("write");
}
