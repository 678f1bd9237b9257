/// The rules `govreg db lint --citus` checks, and the one place their words are written.
///
/// Each rule is something Citus refuses (or would make slow) when the schema is distributed by
/// `tenant_id`: the texts say what the schema must do, the raw values are stable identifiers
/// that scripts and the JSON output use.
public enum LintRule: String, Sendable, CaseIterable, Codable {
    case keyIncludesTenant = "key-includes-tenant-id"
    case tenantColumnNotNull = "tenant-id-not-null"
    case foreignKeyIncludesTenant = "foreign-key-includes-tenant-id"
    case foreignKeyAction = "foreign-key-action"
    case sharedReferencesTenantTable = "shared-table-references-tenant-table"
    case referencesCoordinatorTable = "references-coordinator-table"
    case volatileInModification = "volatile-function-in-update-or-delete"
    case mutableInUpsert = "non-immutable-function-in-on-conflict-update"
    case mutableInCaseOrReturning = "non-immutable-function-in-case-or-returning"
    case viewSecurityInvoker = "view-security-invoker"
    case sequenceBigint = "sequence-bigint"
    case sequenceShared = "sequence-shared"
    case rowSecurityEnabled = "rls-enabled"
    case rowSecurityForced = "rls-forced"
    case rowSecurityPolicy = "rls-policy"

    /// What the rule asks of the schema, in Chinese with English beside it.
    public var text: String {
        switch self {
        case .keyIncludesTenant:
            "租户表的主键、唯一约束和唯一索引须含 tenant_id — every primary key, unique constraint and unique index of a tenant table includes tenant_id"
        case .tenantColumnNotNull:
            "租户表的 tenant_id 不可为空 — a tenant table's tenant_id is NOT NULL (Citus refuses a row without a distribution value)"
        case .foreignKeyIncludesTenant:
            "租户表之间的外键须在两端同一位置含 tenant_id — a foreign key between tenant tables has tenant_id on both sides at the same position (to tenant: tenant_id → id)"
        case .foreignKeyAction:
            "含 tenant_id 的外键不可 ON DELETE SET NULL/SET DEFAULT 或 ON UPDATE SET NULL/SET DEFAULT/CASCADE — Citus refuses these actions on a key that holds the distribution column"
        case .sharedReferencesTenantTable:
            "共享表（参照表）不可引用租户表 — a shared (reference) table has no foreign key to a tenant table"
        case .referencesCoordinatorTable:
            "只有留在协调节点的表可引用留在协调节点的表 — only a table kept on the coordinator (govreg_table_placement) may point at one; Citus refuses a key from a distributed or reference table to it"
        case .volatileInModification:
            "UPDATE/DELETE 语句中不可调用 volatile 函数 — no volatile function (random(), clock_timestamp(), gen_random_uuid(), nextval(), …) in an UPDATE or DELETE of the schema's functions, triggers or policies"
        case .mutableInUpsert:
            "ON CONFLICT DO UPDATE 的 SET/WHERE 只可用 immutable 函数 — the SET and WHERE of ON CONFLICT DO UPDATE call only IMMUTABLE functions (not now(), current_setting(), …)"
        case .mutableInCaseOrReturning:
            "UPDATE/DELETE 中 CASE、COALESCE 与 RETURNING 只可用 immutable 函数 — inside CASE, COALESCE and RETURNING of an UPDATE or DELETE only IMMUTABLE functions (Citus: \"non-IMMUTABLE functions are not allowed in CASE or COALESCE statements\")"
        case .viewSecurityInvoker:
            "视图须 security_invoker — every view is created WITH (security_invoker = true)"
        case .sequenceBigint:
            "租户表的序列与标识列须为 bigint — a sequence or identity column of a tenant table is bigint (Citus generates values on the workers only for bigint)"
        case .sequenceShared:
            "一个序列只供一张表 — a sequence feeds the columns of one table only"
        case .rowSecurityEnabled:
            "租户表须启用行级安全 — every tenant table has row-level security enabled"
        case .rowSecurityForced:
            "租户表须强制行级安全 — every tenant table has FORCE ROW LEVEL SECURITY"
        case .rowSecurityPolicy:
            "租户表须有策略 — every tenant table has at least one policy"
        }
    }
}

/// The rule sets `govreg db lint` knows; a flag picks one.
public enum LintRuleSet: String, Sendable, CaseIterable {
    case citus

    public var summary: String {
        switch self {
        case .citus: "--citus: 分布式部署 the rules of a schema distributed by tenant_id on Citus (\(LintRule.allCases.count) rules)"
        }
    }
}
