//! An import as a message: the page reads pastes and files in a worker (a
//! report that trips the importer then stops the worker, never the page,
//! and the page carries no importer), and gets the [`Imported`] back as
//! JSON. Notes keep their level, sentence and line ([`NoteKind::Relayed`]).

use serde::{Deserialize, Serialize};

use super::{Imported, Level, Note, NoteKind};
use crate::model::json;
use crate::template::CellId;

#[derive(Serialize, Deserialize)]
struct Wire {
    /// The report, as a draft (spec §12.1 JSON in its envelope).
    report: String,
    /// (warning, sentence, line) per note.
    notes: Vec<(bool, String, Option<usize>)>,
    cells_read: usize,
    sections_found: [bool; 6],
    inferred: Vec<u16>,
    blank_zero: Vec<u16>,
}

impl Imported {
    /// The import as a message.
    pub fn to_message(&self) -> String {
        let wire = Wire {
            report: json::to_draft(&self.report),
            notes: self
                .notes
                .iter()
                .map(|n| (n.level == Level::Warning, n.message.clone(), n.line))
                .collect(),
            cells_read: self.cells_read,
            sections_found: self.sections_found,
            inferred: self.inferred.iter().map(|c| c.0).collect(),
            blank_zero: self.blank_zero.iter().map(|c| c.0).collect(),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// The import a message carries; Err when it is not one.
    pub fn from_message(text: &str) -> Result<Imported, String> {
        const UNREADABLE: &str = "后台组件返回的内容无法读取。";
        let wire: Wire = serde_json::from_str(text).map_err(|_| UNREADABLE.to_owned())?;
        let report = json::from_str(&wire.report).map_err(|_| UNREADABLE.to_owned())?;
        Ok(Imported {
            report,
            notes: wire
                .notes
                .into_iter()
                .map(|(warning, message, line)| Note {
                    kind: NoteKind::Relayed,
                    level: if warning { Level::Warning } else { Level::Info },
                    message,
                    line,
                })
                .collect(),
            cells_read: wire.cells_read,
            sections_found: wire.sections_found,
            inferred: wire.inferred.into_iter().map(CellId).collect(),
            blank_zero: wire.blank_zero.into_iter().map(CellId).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_comes_back_from_its_message_as_the_page_shows_it() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n全年办理依申请公开14件。\n\
            四、政府信息公开行政复议、行政诉讼情况\n0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0";
        let mut imported = crate::import::import(text);
        imported.inferred.push(CellId(3));
        imported.blank_zero.push(CellId(5));
        assert!(!imported.notes.is_empty());
        let back = Imported::from_message(&imported.to_message()).expect("a message");
        assert_eq!(back.report, imported.report);
        assert_eq!(back.cells_read, imported.cells_read);
        assert_eq!(back.sections_found, imported.sections_found);
        assert_eq!(back.inferred, imported.inferred);
        assert_eq!(back.blank_zero, imported.blank_zero);
        let shown = |i: &Imported| -> Vec<(Level, String, Option<usize>)> {
            i.notes
                .iter()
                .map(|n| (n.level, n.message.clone(), n.line))
                .collect()
        };
        assert_eq!(shown(&back), shown(&imported));
        assert!(Imported::from_message("not a message").is_err());
    }
}
