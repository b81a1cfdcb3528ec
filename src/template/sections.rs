//! The six sections of the report and the five topics of section 一 (spec §2).

use super::TableId;

/// What a section holds; every renderer, the form and the importer walk
/// [`SECTIONS`] and dispatch on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// 一: an opening, then the five topics of [`TOPICS`], each under its heading.
    Overview,
    /// Free text written by the agency (五, 六).
    Text,
    /// One of the three statistics tables.
    Table(TableId),
}

/// One of the six numbered sections.
#[derive(Debug)]
pub struct Section {
    /// Stable id, used in JSON and as `data-section` (spec §2).
    pub id: &'static str,
    /// The canonical title, printed exactly so.
    pub title: &'static str,
    /// Text or table.
    pub kind: SectionKind,
    /// Title cores accepted on import, after the enumeral is stripped; the
    /// first one is the canonical core, the others are variants seen in the wild.
    pub cores: &'static [&'static str],
    /// Looser match for the next expected heading: a short line holding all these words.
    pub words: &'static [&'static str],
}

/// The six sections, in the official order.
pub static SECTIONS: [Section; 6] = [
    Section {
        id: "s1_overview",
        title: "一、总体情况",
        kind: SectionKind::Overview,
        cores: &["总体情况"],
        words: &["总体情况"],
    },
    Section {
        id: "s2_proactive",
        title: "二、主动公开政府信息情况",
        kind: SectionKind::Table(TableId::T2),
        cores: &["主动公开政府信息情况", "政府信息主动公开情况"],
        words: &["主动公开", "政府信息"],
    },
    Section {
        id: "s3_applications",
        title: "三、收到和处理政府信息公开申请情况",
        kind: SectionKind::Table(TableId::T3),
        cores: &["收到和处理政府信息公开申请情况"],
        words: &["收到", "处理", "申请"],
    },
    Section {
        id: "s4_review_litigation",
        title: "四、政府信息公开行政复议、行政诉讼情况",
        kind: SectionKind::Table(TableId::T4),
        cores: &[
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议,行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ],
        words: &["复议", "诉讼"],
    },
    Section {
        id: "s5_problems",
        title: "五、存在的主要问题及改进情况",
        kind: SectionKind::Text,
        cores: &[
            "存在的主要问题及改进情况",
            "存在问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
        ],
        words: &["存在", "问题", "改进"],
    },
    Section {
        id: "s6_other",
        title: "六、其他需要报告的事项",
        kind: SectionKind::Text,
        cores: &["其他需要报告的事项"],
        words: &["其他", "报告"],
    },
];

/// One of the five topics of 一、总体情况 (spec §2).
#[derive(Debug)]
pub struct Topic {
    /// Stable id (spec §2), the JSON key under `s1_overview`.
    pub id: &'static str,
    /// The subsection heading as reports print it.
    pub title: &'static str,
    /// The topic word a heading line must start with (after its enumeral).
    pub key: &'static str,
}

/// The five topics of section 一, in order.
pub static TOPICS: [Topic; 5] = [
    Topic {
        id: "proactive",
        title: "（一）主动公开情况",
        key: "主动公开",
    },
    Topic {
        id: "on_request",
        title: "（二）依申请公开情况",
        key: "依申请公开",
    },
    Topic {
        id: "info_management",
        title: "（三）政府信息管理情况",
        key: "政府信息管理",
    },
    Topic {
        id: "platform",
        title: "（四）政府信息公开平台建设情况",
        key: "平台建设",
    },
    Topic {
        id: "oversight",
        title: "（五）监督保障情况",
        key: "监督保障",
    },
];
