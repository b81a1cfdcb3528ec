//! The readers: what a person pastes or opens, made into what the text
//! stages read. A pasted page is HTML ([`html`]); a file is told by its
//! first bytes, here and nowhere else ([`FileKind::of`]), and a Word, Excel
//! or PDF file is read into a [`Document`] ([`open`]). The command line
//! calls [`open`] itself; the page sends such a file to its office worker,
//! which calls it and sends the document back.
//!
//! Text files (.txt, .html, .json) are decoded by the shells (the page with
//! the browser's decoder, the command line with encoding_rs) and imported
//! as a paste is.

pub mod html;

#[cfg(feature = "docx")]
pub mod budget;
#[cfg(feature = "docx")]
pub mod compound;
#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "docx")]
pub mod xlsx;

use super::document::Document;

/// What a file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A PDF file (its header may follow a few junk bytes).
    Pdf,
    /// A zip that is not a workbook: a Word file (.docx), or not readable.
    Word,
    /// An Excel workbook: .xlsx (a zip holding `xl/workbook.xml`).
    Workbook,
    /// An old binary Office file: .xls (read), or .doc (refused with what to do).
    OldOffice,
    /// Anything else: text to decode and import as a paste.
    Text,
}

impl FileKind {
    /// What the bytes are.
    ///
    /// ```
    /// use nianbao::import::read::FileKind;
    /// assert_eq!(FileKind::of(b"\xef\xbb\xbf%PDF-1.7\n"), FileKind::Pdf);
    /// assert_eq!(FileKind::of(b"PK\x03\x04 not a real zip"), FileKind::Word);
    /// assert_eq!(FileKind::of("一、总体情况".as_bytes()), FileKind::Text);
    /// ```
    pub fn of(bytes: &[u8]) -> FileKind {
        let head = bytes.get(..1024).unwrap_or(bytes);
        if !FileKind::office(bytes) {
            FileKind::Text
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            FileKind::Pdf
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            FileKind::OldOffice
        } else if bytes.starts_with(b"PK\x03\x04") {
            if workbook(bytes) {
                FileKind::Workbook
            } else {
                FileKind::Word
            }
        } else {
            FileKind::Text
        }
    }

    /// Whether [`open`] reads it (a file of an office program, not text).
    pub fn is_office(self) -> bool {
        self != FileKind::Text
    }

    /// Whether bytes are a file [`open`] reads, by their signature alone
    /// (what the page asks before sending a file to its office worker,
    /// without opening the zip).
    ///
    /// ```
    /// use nianbao::import::read::FileKind;
    /// assert!(FileKind::office(b"PK\x03\x04..."));
    /// assert!(!FileKind::office("一、总体情况".as_bytes()));
    /// ```
    pub fn office(bytes: &[u8]) -> bool {
        let head = bytes.get(..1024).unwrap_or(bytes);
        head.windows(5).any(|w| w == b"%PDF-")
            || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
            || bytes.starts_with(b"PK\x03\x04")
    }

    /// Every kind, in the order of [`FileKind::id`].
    pub const ALL: [FileKind; 5] = [
        FileKind::Pdf,
        FileKind::Word,
        FileKind::Workbook,
        FileKind::OldOffice,
        FileKind::Text,
    ];

    /// A name for passing it on (the worker's reply to the page).
    pub fn id(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Word => "word",
            FileKind::Workbook => "workbook",
            FileKind::OldOffice => "old-office",
            FileKind::Text => "text",
        }
    }

    /// The kind of an [`FileKind::id`].
    pub fn from_id(id: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Whether a zip holds `xl/workbook.xml` (read from its central directory).
#[cfg(feature = "docx")]
fn workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("xl/workbook.xml").is_some())
}

/// Without the zip reader, the name is looked for in the bytes.
#[cfg(not(feature = "docx"))]
fn workbook(bytes: &[u8]) -> bool {
    bytes.windows(15).any(|w| w == b"xl/workbook.xml")
}

/// A file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// What it was.
    pub kind: FileKind,
    /// Its paragraphs and tables.
    pub document: Document,
    /// Pages, for a PDF.
    pub pages: Option<usize>,
    /// False when reading stopped at damaged content (the text before it).
    pub complete: bool,
    /// Its traditional script was made simplified where it was read (the
    /// page's office worker carries the converter; the page does not).
    pub simplified: bool,
}

impl Opened {
    /// The same, its text made simplified where it is traditional.
    pub fn simplified(mut self) -> Opened {
        let text = self.document.lines();
        if super::text::normalize::has_traditional(&text) {
            self.document = self
                .document
                .map_text(super::text::normalize::to_simplified);
            self.simplified = true;
        }
        self
    }
}

/// Reads a Word, Excel or PDF file. Err with a Chinese reason when it
/// cannot be read (a scan, a broken or locked file, an old .doc), or when
/// it is text ([`FileKind::Text`] is imported as a paste).
pub fn open(bytes: &[u8]) -> Result<Opened, String> {
    let kind = FileKind::of(bytes);
    let (document, pages, complete) = read_kind(kind, bytes)?;
    Ok(Opened {
        kind,
        document,
        pages,
        complete,
        simplified: false,
    })
}

/// A file's document by its kind's reader: (document, pages, complete).
fn read_kind(kind: FileKind, bytes: &[u8]) -> Result<(Document, Option<usize>, bool), String> {
    match kind {
        FileKind::Text => Err("这是文本文件，请按粘贴的内容读取。".into()),
        #[cfg(feature = "pdf")]
        FileKind::Pdf => pdf::read(bytes).map(|r| (r.document, Some(r.pages), r.complete)),
        #[cfg(feature = "docx")]
        FileKind::Word => docx::read(bytes).map(|d| (d, None, true)),
        #[cfg(feature = "docx")]
        FileKind::Workbook => xlsx::read(bytes, false).map(|d| (d, None, true)),
        #[cfg(feature = "docx")]
        FileKind::OldOffice => xlsx::read(bytes, true).map(|d| (d, None, true)),
        #[allow(unreachable_patterns)]
        _ => {
            let _ = bytes;
            Err("这个版本不能读取 Word、Excel 或 PDF 文件。".into())
        }
    }
}
