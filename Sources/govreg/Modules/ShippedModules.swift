import BenchTalk
import Deliberation
import MediationRoom
import MicroWishes
import Points
import ProxyService
import RedProperty
import Registry
import WorkOrders

/// The plug-in modules this build of govreg ships: the one place that names them (the core
/// never imports a module). Add a module here and its target to Package.swift.
enum ShippedModules {
    static func catalogue() throws -> ModuleCatalogue {
        try ModuleCatalogue([BenchTalkModule(), RedPropertyModule(), MediationRoomModule(), ProxyServiceModule(), DeliberationModule(), MicroWishesModule(), PointsModule(), WorkOrdersModule()])
    }
}
