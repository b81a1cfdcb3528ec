//! 表三 收到和处理政府信息公开申请情况: 25 rows × 7 columns in 2021, 23 rows
//! in 2019 (spec §4, §7.2).

/// The note printed in the top-left header cell; it states R1.
pub const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// Header over the seven data columns.
pub const APPLICANTS: &str = "申请人情况";
/// Header over the five organisation columns.
pub const ORGS: &str = "法人或其他组织";

/// A data column.
#[derive(Debug)]
pub struct Column {
    /// JSON key and last part of the cell path.
    pub id: &'static str,
    /// Header as printed.
    pub label: &'static str,
}

/// The seven columns in fixed order (spec §4.1). Columns 1..=5 sit under [`ORGS`].
pub static COLUMNS: [Column; 7] = [
    Column {
        id: "natural_person",
        label: "自然人",
    },
    Column {
        id: "commercial",
        label: "商业企业",
    },
    Column {
        id: "research",
        label: "科研机构",
    },
    Column {
        id: "public_interest",
        label: "社会公益组织",
    },
    Column {
        id: "legal_service",
        label: "法律服务机构",
    },
    Column {
        id: "other_org",
        label: "其他",
    },
    Column {
        id: "total",
        label: "总计",
    },
];

/// Index of the 总计 column.
pub const TOTAL_COL: usize = 6;

/// A label-only group row: it spans its items in the label columns.
#[derive(Debug)]
pub struct Group {
    /// Path segment.
    pub id: &'static str,
    /// Label as printed.
    pub label: &'static str,
}

/// 三、本年度办理结果 (spans all result rows in column 0).
pub static RESULT: Group = Group {
    id: "result",
    label: "三、本年度办理结果",
};

/// The second-level groups (三)…(六) under [`RESULT`].
pub static GROUPS: [Group; 4] = [
    Group {
        id: "withheld",
        label: "（三）不予公开",
    },
    Group {
        id: "unavailable",
        label: "（四）无法提供",
    },
    Group {
        id: "not_processed",
        label: "（五）不予处理",
    },
    Group {
        id: "other",
        label: "（六）其他处理",
    },
];

/// What a row means for the relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 一 新收: left side of R1.
    NewReceived,
    /// 二 上年结转: left side of R1.
    CarriedOver,
    /// A leaf result row: a part of R2.
    Leaf,
    /// （七）总计: right side of R1, total of R2.
    ResultTotal,
    /// 四 结转下年度: right side of R1.
    CarriedForward,
}

/// The row of applications dropped for an unpaid fee (P2 reads it).
pub const FEE_UNPAID: &str = "result.other.fee_unpaid";

/// Which formats have a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// 2019 and 2021.
    Both,
    /// Only the 2021 format.
    Y2021,
    /// Only the 2019 trial format.
    Y2019,
}

/// A data row.
#[derive(Debug)]
pub struct Row {
    /// Dotted path below `t3.` (spec §4.2).
    pub path: &'static str,
    /// Label as printed, in its own label cell.
    pub label: &'static str,
    /// Index into [`GROUPS`] when the row is an item of (三)…(六).
    pub group: Option<usize>,
    /// Role in the relations.
    pub role: Role,
    /// Formats that have the row.
    pub within: In,
    /// Keywords the importer matches the label by (spec §8.2 rule 4), in
    /// key form; the earliest match in the text wins, so each list starts
    /// with the words that open the label (a label cut by its values is
    /// found by its first line). A key ending in `$` must end a word.
    pub keys: &'static [&'static str],
}

const fn leaf(
    path: &'static str,
    label: &'static str,
    group: Option<usize>,
    keys: &'static [&'static str],
) -> Row {
    Row {
        path,
        label,
        group,
        role: Role::Leaf,
        within: In::Both,
        keys,
    }
}

/// All rows of both formats in printed order; [`Row::within`] filters them.
pub static ROWS: [Row; 26] = [
    Row {
        path: "new_received",
        label: "一、本年新收政府信息公开申请数量",
        group: None,
        role: Role::NewReceived,
        within: In::Both,
        keys: &["本年新收"],
    },
    Row {
        path: "carried_over",
        label: "二、上年结转政府信息公开申请数量",
        group: None,
        role: Role::CarriedOver,
        within: In::Both,
        keys: &["上年结转"],
    },
    leaf("result.disclosed", "（一）予以公开", None, &["予以公开"]),
    leaf(
        "result.partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        None,
        &["部分公开"],
    ),
    leaf(
        "result.withheld.state_secret",
        "1.属于国家秘密",
        Some(0),
        &["国家秘密"],
    ),
    leaf(
        "result.withheld.law_prohibited",
        "2.其他法律行政法规禁止公开",
        Some(0),
        &["其他法律", "禁止公开"],
    ),
    leaf(
        "result.withheld.security_stability",
        "3.危及“三安全一稳定”",
        Some(0),
        &["危及", "危机", "三安全", "一稳定"],
    ),
    leaf(
        "result.withheld.third_party",
        "4.保护第三方合法权益",
        Some(0),
        &["保护第三", "第三方"],
    ),
    leaf(
        "result.withheld.internal_affairs",
        "5.属于三类内部事务信息",
        Some(0),
        &["三类内部", "二类内部", "内部事务"],
    ),
    leaf(
        "result.withheld.process_info",
        "6.属于四类过程性信息",
        Some(0),
        &["四类过程", "过程性"],
    ),
    leaf(
        "result.withheld.enforcement_file",
        "7.属于行政执法案卷",
        Some(0),
        &["执法案卷"],
    ),
    leaf(
        "result.withheld.admin_query",
        "8.属于行政查询事项",
        Some(0),
        &["行政查询"],
    ),
    leaf(
        "result.unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        Some(1),
        &["本机关不掌握", "不掌握"],
    ),
    leaf(
        "result.unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        Some(1),
        &["没有现成", "另行制作"],
    ),
    leaf(
        "result.unavailable.still_unclear",
        "3.补正后申请内容仍不明确",
        Some(1),
        &["补正后", "仍不明确"],
    ),
    leaf(
        "result.not_processed.complaint",
        "1.信访举报投诉类申请",
        Some(2),
        &["信访"],
    ),
    leaf(
        "result.not_processed.repeat",
        "2.重复申请",
        Some(2),
        &["重复申请"],
    ),
    leaf(
        "result.not_processed.publication",
        "3.要求提供公开出版物",
        Some(2),
        &["公开出版", "出版物"],
    ),
    leaf(
        "result.not_processed.excessive",
        "4.无正当理由大量反复申请",
        Some(2),
        &["无正当理由大量", "大量反复"],
    ),
    leaf(
        "result.not_processed.confirm_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        Some(2),
        &["要求行政机关确认", "确认或", "重新出具"],
    ),
    Row {
        path: "result.other.no_correction",
        label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        group: Some(3),
        role: Role::Leaf,
        within: In::Y2021,
        keys: &["申请人无正当理由", "逾期不补正", "不补正"],
    },
    Row {
        path: FEE_UNPAID,
        label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        group: Some(3),
        role: Role::Leaf,
        within: In::Y2021,
        keys: &["申请人逾期未按", "收费通知", "缴纳费用"],
    },
    Row {
        path: "result.other.other",
        label: "3.其他",
        group: Some(3),
        role: Role::Leaf,
        within: In::Y2021,
        keys: &["3.其他$", "3、其他$", "3其他$", "其他$"],
    },
    Row {
        path: "result.other_legacy",
        label: "（六）其他处理",
        group: None,
        role: Role::Leaf,
        within: In::Y2019,
        keys: &["其他处理"],
    },
    Row {
        path: "result.total",
        label: "（七）总计",
        group: None,
        role: Role::ResultTotal,
        within: In::Both,
        keys: &["(七)总计", "七)总计", "总计$"],
    },
    Row {
        path: "carried_forward",
        label: "四、结转下年度继续办理",
        group: None,
        role: Role::CarriedForward,
        within: In::Both,
        keys: &["结转下年"],
    },
];
