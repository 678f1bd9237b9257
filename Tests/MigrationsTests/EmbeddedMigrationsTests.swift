import Foundation
import Testing

@testable import Migrations

/// The migrations built into the binary are the folder's, byte for byte, and hash as govreg
/// always hashed them: a database migrated by an older govreg (hand-made SHA-256, before
/// swift-crypto) or from the folder still matches its history.
@Suite struct EmbeddedMigrationsTests {
    static let folder = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations")

    @Test func theBuiltInFilesAreTheFoldersInTheSameOrder() throws {
        let embedded = try MigrationSource.embedded()
        let folder = try MigrationSource(root: Self.folder)
        #expect(embedded.origin == .embedded)
        #expect(embedded.files.count == folder.files.count)
        #expect(embedded.files.map(\.identifier) == folder.files.map(\.identifier))
        #expect(embedded.files.map(\.checksum) == folder.files.map(\.checksum))
        #expect(embedded.files.map(\.sql) == folder.files.map(\.sql))
        #expect(embedded.files.map(\.transactional) == folder.files.map(\.transactional))
        #expect(embedded.files.first?.path == "built-in:migrations/core/0001_tenant.sql")
        #expect(embedded.files.contains { $0.group == "bench_talk" })
    }

    /// Each shipped file's checksum as govreg's own SHA-256 computed it before swift-crypto
    /// (the same as `sha256sum`), i.e. what `govreg_migration.checksum` holds for it.
    @Test func checksumsAreThoseAlreadyRecorded() throws {
        let embedded = Dictionary(uniqueKeysWithValues: try MigrationSource.embedded().files.map { ($0.identifier, $0.checksum) })
        let folder = Dictionary(uniqueKeysWithValues: try MigrationSource(root: Self.folder).files.map { ($0.identifier, $0.checksum) })
        for (identifier, recorded) in Self.recordedChecksums {
            #expect(embedded[identifier] == recorded, "\(identifier)")
            #expect(folder[identifier] == recorded, "\(identifier)")
        }
    }

    @Test func theHeadIsTheLastFileOfEachGroupCoreFirst() throws {
        let source = try MigrationSource.embedded()
        let head = source.head
        #expect(head.first?.group == MigrationSource.coreGroup)
        var groups: [String] = []
        for file in source.files where groups.last != file.group { groups.append(file.group) }
        #expect(head.map(\.group) == groups)
        for file in head {
            #expect(file.version == source.files.filter { $0.group == file.group }.map(\.version).max())
        }
    }

    @Test func aFolderIsUsedOnlyWhenNamed() throws {
        #expect(try MigrationSource.chosen(explicit: nil, environment: [:]).origin == .embedded)
        #expect(try MigrationSource.chosen(explicit: Self.folder.path, environment: [:]).origin == .folder(Self.folder))
        #expect(try MigrationSource.chosen(explicit: nil, environment: ["GOVREG_MIGRATIONS": Self.folder.path]).origin == .folder(Self.folder))
        let missing = "/nonexistent/govreg-migrations"
        do {
            _ = try MigrationSource.chosen(explicit: nil, environment: ["GOVREG_MIGRATIONS": missing])
            Issue.record("a missing folder was accepted")
        } catch {
            #expect("\(error)".contains(missing) && "\(error)".contains("GOVREG_MIGRATIONS"))
        }
        #expect(throws: MigrationError.self) { try MigrationSource.chosen(explicit: missing, environment: [:]) }
    }

    @Test func theBuiltInFilesCannotBeWrittenTo() throws {
        #expect(throws: MigrationError.self) { try MigrationSource.embedded().createNext(name: "new_table") }
    }

    static let recordedChecksums: [(String, String)] = [
        ("core/0001_tenant", "9b9ec1c777e495ede1e7d22b3e645c4740ea5bc9bdb8dc56ab3875fdbef12d76"),
        ("core/0002_application_role", "a59897690b0ad8363ea8e5134e1f77641e47f9ca60e2a3b9bf71b454449cd779"),
        ("core/0003_audit_log", "4893b1d96728fa0cae1d4660c0f091168a09dfbb92b5fff2c3f6567eb034b742"),
        ("core/0004_org_unit", "b3378fe3fa3cacb29150bd19f16b57ab9f7ad13e3113b8b8814c04ea569667e7"),
        ("core/0005_category", "1a05f388a349ab69f73c920d51dd9b2dc14bd6aa983c1bd8a402e5485dc8a86b"),
        ("core/0006_unit_and_person", "0089ede5f39b857229212f5da31ad1813d2d9cd20fa0d69b9c2edbbefe8f4bc2"),
        ("core/0007_demand", "d206ec1ae42e00cfa0651b82c316ab3dd56d203042aaaf283face39406d70144"),
        ("core/0008_resource", "707843a6df03ab2c74e506811f26982a4470f0d99201c436857c5a30ae37000a"),
        ("core/0009_project", "164c76e0b27848b6a7093e63c03ca43407c70fc2ad9fd7872998bf6652c1a69b"),
        ("core/0010_disclosure", "6c3ca5f798828f0d392b8f518875912a81e663bf7f862fe637848f563b3f4467"),
        ("core/0011_matching", "179a0dfb2cab66896bd9f77ed0a702b858f5b96ec0832364a2de589257382066"),
        ("core/0012_tenant_module", "35672007d65daea717f6cdf0f0b980296051384e89f7a1683ea8975c7848d4df"),
        ("core/0013_free_external_id", "605e26c4f52a03f4cc827e7a4d0c2b9b9f8d8915bb37398d780f26ff02a19e94"),
        ("core/0014_api_account", "1d076acb3baef165ca186020b3ad80724406fb1d15b6bcbf3ff0b02601ac0c27"),
        ("core/0015_demand_intake", "a5307dd26be419657d860146e76da33f4288f6f78c5289c413531c29b1cdd956"),
        ("core/0016_project_history", "2cb037effd150c86ef1f264f6272770782efeb1f4e16091eb35bb3e0c28474b4"),
        ("core/0017_account_event", "00f84469ffedb2cecc1dd51c94bf41456a4c0cf5986aafb428b71d1e5257b533"),
        ("core/0018_quarterly_report", "adbcfedaa63e2b62f59ea428240a3edad5758442625af1558f71592b4947bfea"),
        ("core/0019_public_site", "b72457b9f2a1a9de9157b6359d7970b9d70c636c4bea8bdae603d3f3c9da3a1b"),
        ("core/0020_module_views", "0f23eddbe118a3517202b04d1bd752f582e76817d46abf11a7f8e72155445ce3"),
        ("core/0021_account_changes_recorded", "3451851d19f03233e3c3a5cb3d1b5439249ee52eba6bd2c8388efdcb4133efbb"),
        ("core/0022_login_per_district", "f19ba09099c6b2eab0e17532418182d5e512d09c32f779de6fff943097becc5d"),
        ("core/0023_demand_remainder", "154cdcff22f6b50ea3a9b2d724780757145373791f773f7c4c9f39f20c1ea223"),
        ("core/0024_resource_withdrawal", "212f7eadbf267f7c2039b50e6453fc7923bafd652f4e44205ebbd92c6188dc3d"),
        ("core/0025_matching_run_discarded", "ef30e94c99e3958b6ac4efe27a3974bcd06627af91cdc2c30dc1d5be3c63f5ed"),
        ("core/0026_numbers_per_district", "3e83d3166f08a436dc0b8a22e37bcb6620318af039095ade527ad1d76a02f1b2"),
        ("core/0027_demand_starts_at_its_level", "22487068864800f66ee7bf8c3704be3dcfd22eccb71492f3598f735a6ebcde58"),
        ("core/0028_tenant_settings", "ecc98859ae1132e940d8c6e8344daaf95d03b90ebb8579461f94ce91109cc236"),
        ("core/0029_district_time_zone", "0dfb798b590be88f45b67d2c2fb61305a41c629c4f3b32f4a9db25f4e4c75e46"),
        ("core/0030_import_batch", "e7591d1338ad3031a1681309a65a8e8aba49ed8e21b671d269450b0688fb9f15"),
        ("core/0031_ledger_by_statement", "e25a0fa83067b62a901475ddb3f96927dde3e9d42efa855eb9f975253255e430"),
        ("core/0032_demand_list_indexes", "139d5fdb7a27ba875c7bb642e11a632219903b18ccc58b0ba6646aa7846aa203"),
        ("core/0033_intake_in_one_statement", "1c10c2e41d597a7b3efd04f054105319b147c1cddecf7f810d9457f16bb9f03d"),
        ("core/0034_console_sign_in", "50105d37f177c82d49f9572f5c85447541400283fe6132f46053308dcfae2999"),
        ("core/0035_open311", "cba1c13469ebd3e2eb6e925c6f39c82d6c7e25a812fb5ca68b34f340d888212f"),
        ("core/0036_distributable_routines", "3297c1df977a0d953644bbc90f329a2533bfec60a7a05f72d31e5d8d555109e1"),
        ("core/0037_table_placement", "0dea9625b851860302ce23c9d3c25be8a8ce60acb42a2764723656ea9aa0c4a1"),
        ("core/0038_triggers_on_shards", "bfec5a8bc944091a9a6f8260764e027ac66da5d6de2c1a2e4983c3a59086df9d"),
        ("core/0039_district_transaction_on_shards", "cb18711f7bb4f29517cd5f168e6f77e95b9981b6defd69410a09d3f18a34d40e"),
        ("core/0040_actor_and_zone_as_settings", "aa4515e509674f9a9cbd5601ff8526e1bc2020ac0bbeddefdd66c2a19bcae868"),
        ("bench_talk/0001_meetings_and_topics", "4bf3ea3dd13272d9ceec5f4ce50ccc11ec9e2df19b2e49cfa3dc6f3b223e59c1"),
        ("deliberation/0001_cases_and_rounds", "c780b842a5e302121ecb2d20dcdd5b26a27172e756d7ce2b542daff5b962e81b"),
        ("mediation_room/0001_cases", "7fc34ddf527740f9a8e8566edc1c1cf43e5ac33d44ca3551706a0a3a52a21f13"),
        ("micro_wishes/0001_wishes", "454a84a26a817832af7799719203f1f2bd09dd9ed34ef507208f17ad066dafca"),
        ("points/0001_points", "0e09dd11e3de9d592a6e539e5901fe76f1380d6d7bc2c9dcfedb420d3d15cedb"),
        ("points/0002_ledger_on_shards", "99e584daac1faa2ac8ebce75c563585d0a06a4b621e2032813a750e33c821378"),
        ("proxy_service/0001_items_and_requests", "537232736670c50479dd8dad7d1ea0fb33c677b62c9f778eb42d3faa55d95b68"),
        ("red_property/0001_red_property", "a36ff06f6907eae02c821f5dabfd86f930f70cd74626e6002781244e604f8599"),
        ("work_orders/0001_work_orders", "d525553a1395752c456545f5aa0f65f08c57ed8321c9994d090f0b6b76f87f31"),
    ]
}
