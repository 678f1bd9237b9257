/// Every setting govreg reads, in the order `govreg config` shows them. The environment
/// variable of a `serve` setting is `GOVREG_` and its flag's name (`--pool-size` is
/// `GOVREG_POOL_SIZE`), and its key in a file is `serve.` and the same name.
extension Setting {
    public static let catalogue: [Setting] = [
        configFile, databaseURL, pooler, dataDirectory, migrations, postgresBinaries, actor, mode, tenant,
        host, port, poolSize, logLevel, logFormat, metrics, rate, idleTimeout, shutdownGrace,
        publicOnly, publicURL, publicCache, publicRate, failedAuthRate,
    ]

    /// The setting of `key`, as a configuration file names it.
    public static func named(_ key: String) -> Setting? {
        catalogue.first { $0.key == key }
    }

    // MARK: Where the settings and the database are

    public static let configFile = Setting(
        "config", flag: "--config", environment: "GOVREG_CONFIG", default: nil, unset: "none 无", file: false,
        "配置文件 A JSON file of settings (keys as `govreg config` lists them)")
    public static let databaseURL = Setting(
        "database.url", flag: "--database-url", environment: "GOVREG_DATABASE_URL", default: nil,
        unset: "libpq PG* variables, else the embedded cluster 内置数据库", secrecy: .connectionPassword,
        "数据库 PostgreSQL URL or conninfo string")
    public static let pooler = Setting(
        "database.pooler", flag: "--pooler", environment: "GOVREG_POOLER", default: "session", kind: .choice(["session", "transaction"]),
        "连接池 What stands between govreg and the database: session or transaction (PgBouncer)")
    public static let dataDirectory = Setting(
        "database.data-dir", flag: "--data-dir", environment: "GOVREG_DATA_DIR", default: ".govreg",
        "内置数据库目录 Folder of the embedded PostgreSQL cluster")
    public static let migrations = Setting(
        "migrations", flag: "--migrations", environment: "GOVREG_MIGRATIONS", default: nil, unset: "built in 内置", file: false,
        "迁移目录 A migrations folder instead of the built-in files (development)")
    public static let postgresBinaries = Setting(
        "postgres.bindir", flag: nil, environment: "GOVREG_PG_BINDIR", default: nil, unset: "pg_config --bindir, then the newest installed",
        file: false, "PostgreSQL 程序目录 Folder of initdb, pg_ctl, pg_dump")

    // MARK: Who acts and where (a person's or a shell's, not an installation's)

    public static let actor = Setting(
        "actor", flag: "--actor", environment: "GOVREG_ACTOR", default: nil, unset: "the operating-system user", file: false,
        "经办人 Who acts, as histories and the audit log name them")
    public static let mode = Setting(
        "mode", flag: nil, environment: "GOVREG_MODE", default: "development", file: false, kind: .choice(["development", "production"]),
        "模式 production: every command must say who acts")
    public static let tenant = Setting(
        "tenant", flag: "--tenant", environment: "GOVREG_TENANT", default: nil, unset: "none 无", file: false,
        "区县 The district of a command")

    // MARK: govreg serve

    public static let host = Setting(
        "serve.host", flag: "--host", environment: "GOVREG_HOST", default: "127.0.0.1", "监听地址 Address to listen on")
    public static let port = Setting(
        "serve.port", flag: "--port", environment: "GOVREG_PORT", default: "8080", kind: .port, "端口 Port to listen on")
    public static let poolSize = Setting(
        "serve.pool-size", flag: "--pool-size", environment: "GOVREG_POOL_SIZE", default: "16", kind: .wholeNumber(1...500),
        "连接数 Database connections of the application role")
    public static let logLevel = Setting(
        "serve.log-level", flag: "--log-level", environment: "GOVREG_LOG_LEVEL", default: "info",
        kind: .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]), "日志级别 Log level")
    public static let logFormat = Setting(
        "serve.log-format", flag: "--log-format", environment: "GOVREG_LOG_FORMAT", default: "text", kind: .choice(["text", "json"]),
        "日志格式 text (a line per entry) or json (an object per line)")
    public static let metrics = Setting(
        "serve.metrics", flag: "--metrics", environment: "GOVREG_METRICS", default: "true", kind: .boolean,
        "指标 Serve GET /metrics on the admin listener (--no-metrics: off)")
    public static let rate = Setting(
        "serve.rate", flag: "--rate", environment: "GOVREG_RATE", default: "100", kind: .positiveNumber,
        "限流 Requests per second each token regains (burst: twice this)")
    public static let idleTimeout = Setting(
        "serve.idle-timeout", flag: "--idle-timeout", environment: "GOVREG_IDLE_TIMEOUT", default: "30", kind: .wholeNumber(1...3600),
        "空闲超时 Seconds a connection may stay idle")
    public static let shutdownGrace = Setting(
        "serve.shutdown-grace", flag: "--shutdown-grace", environment: "GOVREG_SHUTDOWN_GRACE", default: "30", kind: .wholeNumber(1...3600),
        "停机宽限 Seconds requests in flight may take after SIGTERM")
    public static let publicOnly = Setting(
        "serve.public-only", flag: "--public-only", environment: "GOVREG_PUBLIC_ONLY", default: "false", kind: .boolean,
        "仅公示 Serve the public site and health alone")
    public static let publicURL = Setting(
        "serve.public-url", flag: "--public-url", environment: "GOVREG_PUBLIC_URL", default: nil, unset: "none 无", kind: .webAddress,
        "公示地址 Where residents reach /public from outside")
    public static let publicCache = Setting(
        "serve.public-cache", flag: "--public-cache", environment: "GOVREG_PUBLIC_CACHE", default: "30", kind: .wholeNumber(0...86_400),
        "公示缓存 Seconds a public page is answered from memory")
    public static let publicRate = Setting(
        "serve.public-rate", flag: "--public-rate", environment: "GOVREG_PUBLIC_RATE", default: "50", kind: .positiveNumber,
        "公示限流 Public pages a client address may have made afresh per second")
    public static let failedAuthRate = Setting(
        "serve.failed-auth-rate", flag: "--failed-auth-rate", environment: "GOVREG_FAILED_AUTH_RATE", default: "1", kind: .positiveNumber,
        "失败认证限流 Failed authentications a client address regains per second")
}
