//! The shared middle of the importer: what every reader of a file hands on
//! (paragraphs, and tables with their merged cells), whatever the file was.
//! The text stages read it as lines: a paragraph a line, a table row a line
//! of `|`-separated cells (the table reader works on the cells in order, so
//! spans need no expansion; they are kept for what shows the document).
//!
//! It crosses from the office worker to the page as its lines
//! ([`Document::lines`], [`Document::from_lines`]): the page reads a
//! dropped file as the command line does, without a deserializer's weight.

/// A document as a reader found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Paragraphs and tables, top to bottom.
    pub blocks: Vec<Block>,
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One line of text (a paragraph, or a line of a page).
    Paragraph(String),
    /// A table, row by row.
    Table(Table),
}

/// A table: its rows, each the cells that start in it (a cell spanning
/// rows appears in its first row only, as in HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Rows, top to bottom.
    pub rows: Vec<Vec<TableCell>>,
}

/// A cell and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCell {
    /// Its text, on one line.
    pub text: String,
    /// Rows it spans (1 for a plain cell).
    pub rowspan: u32,
    /// Columns it spans (1 for a plain cell).
    pub colspan: u32,
}

impl TableCell {
    /// A cell of one row and one column.
    pub fn plain(text: impl Into<String>) -> TableCell {
        TableCell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
        }
    }
}

impl Document {
    /// Adds a paragraph (nothing for an empty one).
    pub fn paragraph(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text.to_owned()));
        }
    }

    /// The document as the text stages read it: a paragraph a line, a
    /// table row a line of cells between pipes ("|一、本年新收|3|0|…|").
    ///
    /// ```
    /// use nianbao::import::document::{Block, Document, Table, TableCell};
    /// let mut doc = Document::default();
    /// doc.paragraph("一、总体情况");
    /// doc.blocks.push(Block::Table(Table {
    ///     rows: vec![vec![TableCell::plain("行政许可"), TableCell::plain("6")]],
    /// }));
    /// assert_eq!(doc.lines(), "一、总体情况\n|行政许可|6|\n");
    /// ```
    pub fn lines(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            crate::import::work::add(1);
            match block {
                Block::Paragraph(text) => {
                    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                Block::Table(table) => {
                    for row in table.rows.iter().filter(|r| !r.is_empty()) {
                        out.push('|');
                        for cell in row {
                            // A cell is one line: its own breaks are spaces.
                            let text = cell.text.split_whitespace().collect::<Vec<_>>();
                            out.push_str(&text.join(" ").replace('|', " "));
                            out.push('|');
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// A document from its lines (what [`Document::lines`] wrote): a line
    /// between pipes is a table row, rows together one table; spans are
    /// not kept.
    ///
    /// ```
    /// use nianbao::import::document::Document;
    /// let text = "一、总体情况\n|行政许可|6|\n|行政处罚|0|\n";
    /// assert_eq!(Document::from_lines(text).lines(), text);
    /// ```
    pub fn from_lines(text: &str) -> Document {
        let mut doc = Document::default();
        for line in text.lines() {
            crate::import::work::add(line.len() + 1);
            let Some(cells) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
                doc.paragraph(line);
                continue;
            };
            let row: Vec<TableCell> = cells.split('|').map(TableCell::plain).collect();
            match doc.blocks.last_mut() {
                Some(Block::Table(table)) => table.rows.push(row),
                _ => doc.blocks.push(Block::Table(Table { rows: vec![row] })),
            }
        }
        doc
    }

    /// The document as a person reads it: a paragraph a line, a table row
    /// a line of cells between tabs (as Word or Excel copy a table).
    pub fn text(&self) -> String {
        self.lines()
            .lines()
            .map(
                |l| match l.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
                    Some(cells) => cells.replace('|', "\t"),
                    None => l.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The same document, every text made by `f`.
    pub fn map_text(self, f: impl Fn(&str) -> String) -> Document {
        let blocks = self
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(text) => Block::Paragraph(f(&text)),
                Block::Table(table) => Block::Table(Table {
                    rows: table
                        .rows
                        .into_iter()
                        .map(|row| {
                            row.into_iter()
                                .map(|c| TableCell {
                                    text: f(&c.text),
                                    ..c
                                })
                                .collect()
                        })
                        .collect(),
                }),
            })
            .collect();
        Document { blocks }
    }

    /// How many table cells hold something (what a preview says was read).
    pub fn filled_cells(&self) -> usize {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .flat_map(|t| t.rows.iter().flatten())
            .filter(|c| !c.text.trim().is_empty())
            .count()
    }
}
