import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing
import WorkOrders

/// Another district sees nothing of a district's orders and whistles; a disabled module does
/// nothing, and its data stays.
@Suite struct WorkOrderIsolationTests {
    @Test func anotherDistrictSeesNothingAndADisabledModuleDoesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let shangjie = try await WorkOrdersFixture.make(configuration)
            defer { Task { await shangjie.close() } }
            let babu = try await WorkOrdersFixture.make(configuration, slug: "babu", code: "451103")
            defer { Task { await babu.close() } }
            let order = try await shangjie.order("楼道灯不亮")
            let whistle = try await shangjie.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: "占道", departments: ["U001"], in: tx) }

            #expect(try await babu.read { tx in try await WorkOrderStore.orders(in: tx) }.isEmpty)
            #expect(try await babu.read { tx in try await WorkOrderStore.whistles(in: tx) }.isEmpty)
            #expect(try await (babu.count("work_orders_order"), babu.count("work_orders_call")) == (0, 0))
            await #expect(throws: RegistryStoreError.self) { try await babu.write { tx in try await WorkOrderStore.dispatch(order.id, to: "U001", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await babu.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "x", in: tx) } }
            #expect(try await shangjie.read { tx in try await WorkOrderStore.order(order.id, in: tx) }.status == .ordered)

            // Disabled: every call refused, nothing written, the data kept for when it returns.
            try await shangjie.write { tx in _ = try await ModuleStore.disable(WorkOrdersModule.moduleID, in: tx) }
            await #expect(throws: RegistryStoreError.self) { _ = try await shangjie.order("停用时") }
            await #expect(throws: RegistryStoreError.self) { try await shangjie.write { tx in try await WorkOrderStore.dispatch(order.id, to: "U001", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { _ = try await shangjie.read { tx in try await WorkOrderStore.orders(in: tx) } }
            await #expect(throws: RegistryStoreError.self) { _ = try await shangjie.read { tx in try await WorkOrderStore.whistles(in: tx) } }
            await #expect(throws: RegistryStoreError.self) {
                _ = try await shangjie.read { tx in try await WorkOrderStore.summary(from: try day("2024-01-01"), to: try day("2024-12-31"), in: tx) }
            }
            #expect(try await (shangjie.count("work_orders_order"), shangjie.count("work_orders_dispatch")) == (1, 0))
            try await shangjie.write { tx in _ = try await ModuleStore.enable(WorkOrdersModule.moduleID, in: tx) }
            #expect(try await shangjie.read { tx in try await WorkOrderStore.orders(in: tx) }.map(\.id) == [order.id])
        }
    }
}
