// swift-tools-version:6.1
import PackageDescription

// One list of settings for every target (the swift-log way): strict Swift 6 plus the
// upcoming features the style guide asks for.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

// The plug-in modules, each a folder under Plugins/ named as its target, built against the
// same part of the core (the module kit), with its tests in Tests/<Name>Tests. Adding a module
// adds its name here and its instance to Sources/govreg/Modules/ShippedModules.swift. (The
// folders are not discovered by listing Plugins/: SwiftPM caches this manifest by its text,
// so a new folder would go unseen until the manifest changed.)
let moduleNames = ["BenchTalk", "Deliberation", "MediationRoom", "MicroWishes", "Points", "ProxyService", "RedProperty", "WorkOrders"]
let moduleKit: [Target.Dependency] = [
    "Registry", "RegistryStore", "RegistryImport", "ListMatching", "Matching", "Postgres", "ImportIssues", "SpreadsheetCSV", "GovregCommandLine",
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
]
let moduleTargets: [Target] = moduleNames.map { name in
    .target(name: name, dependencies: moduleKit, path: "Plugins/\(name)")
}
let moduleTestTargets: [Target] = moduleNames.map { name in
    .testTarget(name: "\(name)Tests", dependencies: [
        .byName(name: name), "Registry", "RegistryStore", "Matching", "Postgres", "ImportIssues", "GovregTestSupport", "AdminAPI",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
    ])
}

let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "govreg",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "govreg", targets: ["govreg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The HTTP API (issue 6). Its default ConfigurationSupport trait is left off: govreg's
        // settings catalogue (GovregCommandLine/Settings) builds the API's configuration itself.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Named because AdminAPI uses their types directly (HTTPField, ByteBuffer); Hummingbird
        // depends on both already, so they add nothing to the build.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Server-rendered HTML (the report and, later, the public pages and the console).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The console's passwords: bcrypt from a maintained library (HummingbirdBcrypt), never by hand.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The console's file upload (multipart/form-data), read by a maintained parser.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Excel workbooks (.xlsx, issue 19): the ZIP container read and written by a maintained
        // library; the XML inside goes through Foundation's XMLParser.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // /metrics (issue 20): figures recorded through swift-metrics' API everywhere, exported
        // in Prometheus' text format by swift-prometheus at the HTTP edge alone.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Every hash (migration checksums, token hashes, ETags, the matching fingerprint) and
        // every random secret: a maintained implementation, never hand-made crypto (issue 20).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Settings (issue 20): flags, environment and a file read through one ConfigReader. No
        // trait: govreg reads its JSON file itself (every key checked against its catalogue),
        // so the default JSON trait, Logging, Reloading (swift-metrics, service-lifecycle),
        // CommandLineArguments and YAML (Yams) would add code and build time for nothing.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
    ],
    targets: [
        // libpq, reached only through the Postgres module.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        // libqrencode, reached only through QRCode (the community notice's QR code).
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        // The build tool and its plugins (issue 20): the migrations/ folder and the git commit
        // written into generated source, so that a copied binary needs nothing beside it.
        // (Under BuildTools/, not Plugins/: that folder holds the governance modules.)
        .executableTarget(name: "govreg-embed", path: "BuildTools/govreg-embed"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["govreg-embed"], path: "BuildTools/EmbedMigrations"),
        .plugin(name: "RecordBuildCommit", capability: .buildTool(), dependencies: ["govreg-embed"], path: "BuildTools/RecordBuildCommit"),
        // The matching engine: pure, no I/O (issue 4); SHA-256 for its fingerprint from swift-crypto.
        .target(name: "Matching", dependencies: [crypto]),
        .target(name: "Registry"),
        // The district's matching model: eligibility and cost terms over the lists (pure).
        .target(name: "ListMatching", dependencies: ["Matching", "Registry"]),
        // What an import found wrong, by line and column, and what it changed (pure): shared by
        // the file readers and the stores, so a store needs no file format.
        .target(name: "ImportIssues"),
        .target(name: "SpreadsheetCSV", dependencies: ["ImportIssues"]),
        // Excel workbooks (.xlsx): a sheet read into the same CSVTable as a CSV file (so every
        // importer and rule applies unchanged), and the lists written as workbooks.
        .target(name: "SpreadsheetXLSX", dependencies: ["SpreadsheetCSV", "ImportIssues", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The API's request schemas and the check of a JSON body against them (pure: the
        // server and the JSON fuzz target run the same code).
        .target(name: "APISchema", dependencies: ["Registry"]),
        .target(name: "EmbeddedCluster"),
        .target(name: "Migrations", dependencies: ["Postgres", crypto], plugins: ["EmbedMigrations"]),
        // Scale-out on Citus (issue 21): `db lint --citus` reads the catalogue for what a schema
        // distributed by tenant_id must not contain (Lint/); `db distribute` (Distribute/).
        .target(name: "Distribution", dependencies: ["Postgres"]),
        // govreg backup / restore: pg_dump and pg_restore with a manifest beside the dump.
        .target(name: "Backup", dependencies: ["Postgres", "Migrations", crypto]),
        .target(name: "RegistryStore", dependencies: [
            "Postgres", "Registry", "ImportIssues", "Matching", "ListMatching", crypto, .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        // The demo district's spreadsheets, generated from a seed (pure; loaded by `govreg demo`).
        .target(name: "DemoDistrict", dependencies: ["SpreadsheetCSV"]),
        // Spreadsheet files → rows for the stores: header aliases, value parsing, every problem at once.
        .target(name: "RegistryImport", dependencies: ["Registry", "RegistryStore", "ImportIssues", "SpreadsheetCSV", "SpreadsheetXLSX"]),
        // Disclosure (公示) and the quarterly report: figures defined once, closed snapshots,
        // rendered as HTML (Mustache, inline SVG), Markdown, CSV and JSON.
        .target(
            name: "Disclosure",
            dependencies: ["Registry", "RegistryStore", "Postgres", "QRCode", crypto, "SpreadsheetCSV", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The web console (issue 17): server-rendered pages over the same store functions as the
        // API, signed in with a password and a session cookie.
        .target(
            name: "Console",
            dependencies: [
                "Registry", "RegistryStore", "RegistryImport", "ImportIssues", "Disclosure", crypto, "ListMatching", "Matching", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP admin API: routes, accounts and roles, problem+json, idempotency (issue 6).
        .target(
            name: "AdminAPI",
            dependencies: [
                "APISchema", "Registry", "RegistryStore", "RegistryImport", "ImportIssues", "Postgres", "SpreadsheetCSV", crypto, "ListMatching", "Matching", "Disclosure", "Console",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // What every command of `govreg` shares, the modules' commands included: the database
        // options, the district (--tenant), the terminal's tables and progress, --json.
        .target(
            name: "GovregCommandLine",
            dependencies: [
                "APISchema", "EmbeddedCluster", "Migrations", "Postgres", "Registry", "RegistryStore", "SpreadsheetCSV", "ImportIssues",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            plugins: ["RecordBuildCommit"]
        ),
        .executableTarget(
            name: "govreg",
            dependencies: [
                "Postgres", "Migrations", "EmbeddedCluster", "Registry", "RegistryStore", "RegistryImport", "ImportIssues", "DemoDistrict", "Matching", "ListMatching",
                "AdminAPI", "Disclosure", "Console", "GovregCommandLine", "Backup", "Distribution",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ] + moduleNames.map { .byName(name: $0) }
        ),
        // Fuzz targets (scripts/fuzz builds them with libFuzzer; an ordinary build makes a
        // replayer of their inputs, which the tests run over the committed seed corpus).
        .executableTarget(name: "govreg-fuzz-csv", dependencies: ["SpreadsheetCSV", "ImportIssues"], path: "Fuzz/CSVReader"),
        .executableTarget(name: "govreg-fuzz-json", dependencies: ["APISchema", "Registry"], path: "Fuzz/JSONBody"),
        .target(name: "GovregTestSupport", dependencies: ["Postgres", "Migrations", "Registry", "RegistryStore"], path: "Tests/GovregTestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "GovregTestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry"]),
        .testTarget(name: "ListMatchingTests", dependencies: ["ListMatching", "Matching", "Registry"]),
        .testTarget(name: "SpreadsheetCSVTests", dependencies: ["SpreadsheetCSV", "ImportIssues"]),
        .testTarget(name: "SpreadsheetXLSXTests", dependencies: ["SpreadsheetXLSX", "SpreadsheetCSV", "ImportIssues", .product(name: "ZIPFoundation", package: "ZIPFoundation")], resources: [.copy("Fixtures")]),
        .testTarget(name: "MigrationsTests", dependencies: ["Migrations", "Postgres", "GovregTestSupport"]),
        .testTarget(name: "EmbeddedClusterTests", dependencies: ["EmbeddedCluster"]),
        .testTarget(name: "DemoDistrictTests", dependencies: ["DemoDistrict", "RegistryImport", "RegistryStore", "Registry", "SpreadsheetCSV", "ImportIssues"]),
        .testTarget(name: "RegistryImportTests", dependencies: ["RegistryImport", "RegistryStore", "Registry", "SpreadsheetCSV", "SpreadsheetXLSX", "ImportIssues"]),
        .testTarget(name: "RegistryStoreTests", dependencies: ["RegistryStore", "RegistryImport", "ImportIssues", "Registry", "Migrations", "Postgres", "Disclosure", crypto, "GovregTestSupport"]),
        .testTarget(name: "AdminAPITests", dependencies: [
            "AdminAPI", "APISchema", "RegistryStore", "RegistryImport", "ImportIssues", "SpreadsheetCSV", "Registry", "Postgres", "Migrations", "GovregTestSupport", "BenchTalk", "RedProperty", "MediationRoom", "Console",
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "DistributionTests", dependencies: ["Distribution", "Postgres", "GovregTestSupport"]),
        // The settings catalogue, its four layers and its errors, without a process or a database.
        .testTarget(name: "GovregCommandLineTests", dependencies: ["GovregCommandLine"]),
        .testTarget(name: "DisclosureTests", dependencies: [
            "Disclosure", "RegistryStore", "Registry", "Postgres", "GovregTestSupport", "BenchTalk",
        ]),
        // Runs the built `govreg` executable end to end, as an operator would.
        .testTarget(name: "GovregCLITests", dependencies: ["govreg", "Postgres", "GovregTestSupport"]),
    ] + moduleTargets + moduleTestTargets
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
