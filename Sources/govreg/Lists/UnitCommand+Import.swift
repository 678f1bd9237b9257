import ArgumentParser
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import units FILE --tenant T [--dry-run] [--json]`: registered units and their 包联 communities.
    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入双报到单位 Import registered units.",
            discussion: """
                Columns (English or Chinese): external_id 单位编号, name 单位名称, kind 单位类型, contact_name 联系人, \
                contact_phone 联系电话, address 地址, communities 包联社区 (org codes separated by ; or 、). A unit's \
                contracted communities become exactly those of its row.
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(options, into: UnitStore.self, header: UnitFile.header, read: { UnitFile.read($0) }, list: "单位 units")
        }
    }

    /// `govreg import members FILE --tenant T [--dry-run] [--json]`: members reporting for duty (双报到).
    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入双报到成员 Import members reporting for duty.",
            discussion: """
                Columns (English or Chinese): external_id 人员编号, name 姓名, phone 手机号, id_card 身份证号, \
                unit_external_id 报到单位编号, community_code 报到社区编码, registered_on 报到日期. One row per \
                registration; a person registered at two communities has two rows with the same external id. \
                Personal data is checked and never repeated in a problem report.
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(options, into: MemberStore.self, header: MemberFile.header, read: { MemberFile.read($0) }, list: "成员 members")
        }
    }
}
