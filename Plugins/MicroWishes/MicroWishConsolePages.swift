import Registry
import RegistryStore

/// The micro-wishes page of the console: the open wishes with how long each has waited,
/// aging ones (久未认领) first, so that the oldest unclaimed wish is the first one seen.
struct MicroWishConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("wishes", chinese: "微心愿", english: "Micro-wishes") { _, tx in
            let open = try await MicroWishStore.wishes(openOnly: true, limit: 200, in: tx)
            typealias W = ModulePageContent.Words
            func count(_ state: WishState) -> String { "\(open.count { $0.state == state })" }
            return ModulePageContent([
                .init(facts: [
                    (W("待认领", "Waiting to be claimed"), count(.posted)),
                    (W("久未认领", "Aging (unclaimed too long)"), "\(open.count(where: \.aging))"),
                    (W("已认领待实现", "Claimed, not yet fulfilled"), count(.claimed)),
                    (W("已实现待确认", "Fulfilled, awaiting the resident's confirmation"), count(.fulfilled)),
                ]),
                .init(
                    heading: W("未完成的心愿", "Open wishes"),
                    columns: [W("编号", "No."), W("发布日期", "Posted"), W("地点", "Place"), W("心愿", "Wish"), W("类别", "Category"),
                              W("估值", "Value"), W("状态", "State"), W("等待天数", "Days waiting"), W("认领人", "Claimant")],
                    rows: open.map { w in
                        ["#\(w.id)", w.postedOn.description, w.placeName, w.title, w.category, w.estimatedValue?.description ?? "",
                         "\(w.state.chineseName) \(w.state.rawValue)", w.aging ? "\(w.daysWaiting) 久未认领 aging" : "\(w.daysWaiting)",
                         w.claimant ?? ""]
                    },
                    empty: W("没有未完成的心愿", "No open wishes")),
            ])
        },
    ] }
}
