//! 表二 主动公开政府信息情况: four blocks (five in 2019), spec §3 and §7.1.

use super::ValueKind;

/// A value column of a block.
#[derive(Debug)]
pub struct Field {
    /// JSON key and last part of the cell path.
    pub id: &'static str,
    /// Column header as printed.
    pub label: &'static str,
    /// What the cell holds.
    pub kind: ValueKind,
}

/// A row of a block.
#[derive(Debug)]
pub struct Row {
    /// JSON key and middle part of the cell path.
    pub id: &'static str,
    /// Row label as printed.
    pub label: &'static str,
    /// Keywords the importer matches the row label by.
    pub keys: &'static [&'static str],
}

/// A block: a title row spanning the grid, a header row, data rows.
#[derive(Debug)]
pub struct Block {
    /// Spec id of the block (`art20_1` …).
    pub id: &'static str,
    /// Title row, e.g. 第二十条第（一）项.
    pub title: &'static str,
    /// Value columns.
    pub fields: &'static [Field],
    /// Data rows.
    pub rows: &'static [Row],
}

/// First header cell of every block.
pub const HEADER: &str = "信息内容";

const fn count(id: &'static str, label: &'static str) -> Field {
    Field {
        id,
        label,
        kind: ValueKind::Count,
    }
}

const DECISIONS: Field = count("decisions", "本年处理决定数量");

const fn row(id: &'static str, label: &'static str, keys: &'static [&'static str]) -> Row {
    Row { id, label, keys }
}

// Rows and titles the two formats share, typed once.
const TITLE_1: &str = "第二十条第（一）项";
const TITLE_5: &str = "第二十条第（五）项";
const TITLE_6: &str = "第二十条第（六）项";
const TITLE_8: &str = "第二十条第（八）项";
/// 规章 (both formats). Rules name cells by these handles, not by strings.
pub const REGULATION: Row = row("regulation", "规章", &["规章"]);
/// 行政规范性文件 (2021).
pub const NORMATIVE_DOC: Row = row("normative_doc", "行政规范性文件", &["规范性文件"]);
/// 本年制发件数 (2021).
pub const ISSUED: Field = count("issued", "本年制发件数");
/// 本年废止件数 (2021).
pub const REPEALED: Field = count("repealed", "本年废止件数");
/// 现行有效件数 (2021).
pub const IN_FORCE: Field = count("in_force", "现行有效件数");
const LICENSING: Row = row("licensing", "行政许可", &["行政许可"]);
const PENALTY: Row = row("penalty", "行政处罚", &["行政处罚"]);
const COERCION: Row = row("coercion", "行政强制", &["行政强制"]);
const ADMIN_FEE: Row = row("admin_fee", "行政事业性收费", &["事业性收费"]);

/// The 2021 format (spec §3): 10 cells.
pub static BLOCKS_2021: [Block; 4] = [
    Block {
        id: "art20_1",
        title: TITLE_1,
        fields: &[ISSUED, REPEALED, IN_FORCE],
        rows: &[REGULATION, NORMATIVE_DOC],
    },
    Block {
        id: "art20_5",
        title: TITLE_5,
        fields: &[DECISIONS],
        rows: &[LICENSING],
    },
    Block {
        id: "art20_6",
        title: TITLE_6,
        fields: &[DECISIONS],
        rows: &[PENALTY, COERCION],
    },
    Block {
        id: "art20_8",
        title: TITLE_8,
        fields: &[Field {
            id: "amount_wan",
            label: "本年收费金额（单位：万元）",
            kind: ValueKind::Decimal,
        }],
        rows: &[ADMIN_FEE],
    },
];

const PREV: Field = count("prev_items", "上一年项目数量");
const CHANGE: Field = Field {
    id: "change",
    label: "本年增/减",
    kind: ValueKind::Signed,
};
const DECISIONS_2019: Field = count("decisions", "处理决定数量");

/// The 2019 trial format (spec §7.1), ids `t2_2019.*`.
pub static BLOCKS_2019: [Block; 5] = [
    Block {
        id: "art20_1",
        title: TITLE_1,
        fields: &[
            count("new_made", "本年新制作数量"),
            count("new_published", "本年新公开数量"),
            count("total_published", "对外公开总数量"),
        ],
        rows: &[
            REGULATION,
            row("normative_doc", "规范性文件", &["规范性文件"]),
        ],
    },
    Block {
        id: "art20_5",
        title: TITLE_5,
        fields: &[PREV, CHANGE, DECISIONS_2019],
        rows: &[
            LICENSING,
            row("other_service", "其他对外管理服务事项", &["对外管理服务"]),
        ],
    },
    Block {
        id: "art20_6",
        title: TITLE_6,
        fields: &[PREV, CHANGE, DECISIONS_2019],
        rows: &[PENALTY, COERCION],
    },
    Block {
        id: "art20_8",
        title: TITLE_8,
        fields: &[PREV, CHANGE],
        rows: &[ADMIN_FEE],
    },
    Block {
        id: "art20_9",
        title: "第二十条第（九）项",
        fields: &[
            count("projects", "采购项目数量"),
            Field {
                id: "amount",
                label: "采购总金额（万元）",
                kind: ValueKind::Decimal,
            },
        ],
        rows: &[row("procurement", "政府集中采购", &["集中采购"])],
    },
];
