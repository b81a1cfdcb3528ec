//! One budget per file, for the readers of zipped files (Word, Excel): what
//! a zip entry may inflate to, how many entries a file may hold, and what
//! a workbook's sheets may declare (cells, the area they span, merged
//! ranges, shared strings), checked before any reader allocates for it. A
//! file over budget is refused with a Chinese reason naming what was too
//! large, in well under a second: a real report is a few hundred KB
//! inflated and a few hundred cells.

use std::io::{Cursor, Read};

/// Largest inflated entry (a long report's `document.xml` is ~1 MB).
pub const MAX_ENTRY: u64 = 32 * 1024 * 1024;
/// Largest inflated total of the entries a reader opens.
pub const MAX_TOTAL: u64 = 96 * 1024 * 1024;
/// Most entries in one file (a workbook of a few sheets holds ~20).
pub const MAX_ENTRIES: usize = 5_000;
/// Most cells a workbook's sheets may hold, and the most a sheet's used
/// area may span (a report's tables are a few hundred).
pub const MAX_CELLS: u64 = 200_000;
/// Most merged ranges in a workbook.
pub const MAX_MERGED: usize = 500;

/// A zip archive over a file's bytes.
pub type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// What a file's entries have inflated to so far.
#[derive(Debug, Default)]
pub struct Spent(u64);

/// Opens a zip within the entry budget; Err when it cannot be opened (the
/// caller says what the file should have been) or holds too many entries.
pub fn open(bytes: &[u8]) -> Result<Zip<'_>, Option<String>> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| None)?;
    if zip.len() > MAX_ENTRIES {
        return Err(Some(format!(
            "文件内含 {} 个部件，超过 {MAX_ENTRIES} 个，不是正常的年度报告文件。",
            zip.len()
        )));
    }
    Ok(zip)
}

/// An entry's text inflated within the budget; Ok(None) when the file has
/// no such entry.
pub fn text(zip: &mut Zip<'_>, name: &str, spent: &mut Spent) -> Result<Option<String>, String> {
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| format!("文件中的“{name}”无法解压（文件已损坏）。"))?;
    let size = bytes.len() as u64;
    spent.0 += size;
    if size > MAX_ENTRY || spent.0 > MAX_TOTAL {
        return Err(format!(
            "文件中的“{name}”解压后超过 {} MB（可能是被特意构造的压缩文件），不是正常的年度报告，未读取。",
            if size > MAX_ENTRY { MAX_ENTRY } else { MAX_TOTAL } / 1024 / 1024
        ));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The value of attribute `name` in the first tag `tag` of `xml`.
fn attribute<'a>(xml: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let at = xml.find(tag)?;
    let end = xml[at..].find('>').map_or(xml.len(), |e| at + e);
    let head = &xml[at..end];
    let key = format!(" {name}=\"");
    let from = head.find(&key)? + key.len();
    head[from..].split('"').next()
}

/// A reference split into its column letters and the rest ("B7" → "B", "7").
fn split_ref(r: &str) -> (&str, &str) {
    r.split_at(r.bytes().take_while(u8::is_ascii_alphabetic).count())
}

/// A column's number from its letters ("A" → 1, "XFD" → 16,384); None past three letters.
fn column(letters: &str) -> Option<u64> {
    (letters.len() <= 3).then(|| {
        letters.bytes().fold(0u64, |c, b| {
            c * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
        })
    })
}

/// A cell reference ("B7") as (row, column), both from 1.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let (letters, digits) = split_ref(r);
    let col = column(letters).filter(|&c| c > 0)?;
    Some((digits.parse::<u64>().ok()?, col))
}

/// Excel's last row and column: a reference beyond them is no sheet's.
const LAST_ROW: u64 = 1_048_576;
const LAST_COL: u64 = 16_384;

/// Whether every cell reference of a sheet (`r`, `ref` and `sqref`
/// attributes: "B7", "A1:H20", "3", "A:C") lies within Excel's sheet, so that
/// no reader computes a row or column that overflows.
fn references_fit(xml: &str) -> bool {
    let part_fits = |part: &str| {
        let (letters, digits) = split_ref(part);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return true; // not a reference: the reader says so itself
        }
        let col_fits = column(letters).is_some_and(|c| c <= LAST_COL);
        let row_fits = digits.is_empty()
            || (digits.len() <= 7 && digits.parse::<u64>().is_ok_and(|r| r <= LAST_ROW));
        col_fits && row_fits
    };
    [" r=\"", " ref=\"", " sqref=\""].iter().all(|key| {
        xml.match_indices(key).all(|(at, _)| {
            let value = xml[at + key.len()..].split('"').next().unwrap_or_default();
            value.split([':', ' ']).all(part_fits)
        })
    })
}

/// Checks a workbook (.xlsx) against the budget before calamine reads it:
/// every entry it may read inflates within the budget; its sheets hold and
/// span at most [`MAX_CELLS`] cells and [`MAX_MERGED`] merged ranges; its
/// shared strings declare no more strings than their bytes can hold.
pub fn workbook(bytes: &[u8]) -> Result<(), String> {
    const NOT_EXCEL: &str = "文件不是可以读取的 Excel（.xlsx）工作簿（无法解析）。";
    let mut zip = open(bytes).map_err(|why| why.unwrap_or_else(|| NOT_EXCEL.to_owned()))?;
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let mut spent = Spent::default();
    let (mut cells, mut merged) = (0u64, 0usize);
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        let Some(xml) = text(&mut zip, name, &mut spent)? else {
            continue;
        };
        if name.starts_with("xl/worksheets/") {
            if !references_fit(&xml) {
                return Err("工作簿中的单元格地址超出 Excel 工作表的范围（可能是被特意构造的文件），不是正常的年度报告，未读取。".to_owned());
            }
            let (mut top, mut left, mut bottom, mut right) = (u64::MAX, u64::MAX, 0, 0);
            let mut spans = |(row, col): (u64, u64)| {
                (top, left) = (top.min(row), left.min(col));
                (bottom, right) = (bottom.max(row), right.max(col));
            };
            for (at, _) in xml.match_indices("<c ") {
                cells += 1;
                if let Some(r) = attribute(&xml[at..], "<c ", "r").and_then(cell_ref) {
                    spans(r);
                }
            }
            merged += xml.matches("<mergeCell ").count();
            let area = (bottom.saturating_sub(top) + 1) * (right.saturating_sub(left) + 1);
            if cells > MAX_CELLS || (bottom > 0 && area > MAX_CELLS) {
                return Err(format!(
                    "工作簿的工作表有 {} 个单元格，超过 {MAX_CELLS} 个（可能是被特意构造的文件），不是正常的年度报告，未读取。",
                    cells.max(if bottom > 0 { area } else { 0 })
                ));
            }
            if merged > MAX_MERGED {
                return Err(format!(
                    "工作簿中合并单元格超过 {MAX_MERGED} 处，不是正常的年度报告，未读取。"
                ));
            }
        }
        if name == "xl/sharedStrings.xml" {
            // Each string takes at least `<si><t/></si>` (13 bytes).
            let can_hold = xml.len() as u64 / 13 + 1;
            for key in ["count", "uniqueCount"] {
                let declared = attribute(&xml, "<sst", key).map(|n| n.trim().parse::<u64>());
                if matches!(declared, Some(Err(_)))
                    || declared.and_then(Result::ok).is_some_and(|n| n > can_hold)
                {
                    return Err("工作簿声明的共享字符串数量与文件内容不符（可能是被特意构造的文件），不是正常的年度报告，未读取。".to_owned());
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_attributes() {
        assert_eq!(cell_ref("B7"), Some((7, 2)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref("7"), None);
        assert!(references_fit(
            r#"<c r="XFD1048576"/><mergeCell ref="A1:B2"/><row r="3"/>"#
        ));
        assert!(!references_fit(r#"<c r="A99999999999999999999"/>"#));
        assert!(!references_fit(r#"<mergeCell ref="A1:B1048577"/>"#));
        assert!(!references_fit(r#"<dimension ref="A1:AAAA1"/>"#));
        assert_eq!(
            attribute(r#"<sst count="3" uniqueCount="2">"#, "<sst", "uniqueCount"),
            Some("2")
        );
        assert_eq!(attribute(r#"<sst xmlns="x">"#, "<sst", "count"), None);
    }
}
