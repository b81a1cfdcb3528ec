//! 表四 政府信息公开行政复议、行政诉讼情况: 3 groups × 5 fields, one data row (spec §5).

/// Header over the first group.
pub const REVIEW_HEAD: &str = "行政复议";
/// Header over the two suit groups.
pub const SUIT_HEAD: &str = "行政诉讼";

/// A group of five columns.
#[derive(Debug)]
pub struct Group {
    /// JSON key and cell path segment.
    pub id: &'static str,
    /// Header as printed ([`REVIEW_HEAD`] for review, which has no sub-header).
    pub label: &'static str,
}

/// The three groups, in column order.
pub static GROUPS: [Group; 3] = [
    Group {
        id: "review",
        label: "行政复议",
    },
    Group {
        id: "suit_direct",
        label: "未经复议直接起诉",
    },
    Group {
        id: "suit_after_review",
        label: "复议后起诉",
    },
];

/// A field of each group.
#[derive(Debug)]
pub struct Field {
    /// JSON key and last cell path segment.
    pub id: &'static str,
    /// Header as printed.
    pub label: &'static str,
}

/// The five fields; the last is the total (R4).
pub static FIELDS: [Field; 5] = [
    Field {
        id: "upheld",
        label: "结果维持",
    },
    Field {
        id: "corrected",
        label: "结果纠正",
    },
    Field {
        id: "other",
        label: "其他结果",
    },
    Field {
        id: "pending",
        label: "尚未审结",
    },
    Field {
        id: "total",
        label: "总计",
    },
];

/// Index of 总计 within [`FIELDS`].
pub const TOTAL_FIELD: usize = 4;
