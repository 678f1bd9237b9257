import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg micro-wishes …`: the MicroWishes module's commands (微心愿), for a district that has
/// enabled it (`govreg module enable micro_wishes --tenant T`).
struct MicroWishesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micro-wishes",
        abstract: "微心愿 Micro-wishes (module micro_wishes): residents' small wishes, claimed, fulfilled and confirmed.",
        subcommands: [Post.self, List.self, Show.self, Claim.self, Release.self, Fulfil.self, Confirm.self, Withdraw.self, Contact.self, Summary.self])

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a wish (posted 待认领). The wisher's name and phone are kept, never listed.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "Where the wisher lives: an org code (community, grid, compound …).") var place: String
        @Option(help: "The wish, without names (e.g. 一个新书包).") var title: String
        @Option(help: "More about it.") var details: String?
        @Option(help: "One of the district's wish categories (see `govreg module show micro_wishes`).") var category: String
        @Option(help: "What it would cost, in yuan (e.g. 120 or 120.50).") var value: String?
        @Option(help: "The day it was posted (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "The wisher's name (personal data).") var wisherName: String?
        @Option(help: "The wisher's phone (personal data).") var wisherPhone: String?

        func run() async throws {
            let draft = WishDraft(
                placeCode: place, title: title, details: details, category: category,
                estimatedValue: try value.map { text in
                    do { return try Money(parsing: text) } catch { throw ValidationError("--value \(text): \(error)") }
                },
                postedOn: try CommandLineValue.day(on, "--on"),
                wisherName: try wisherName.map { text in
                    do { return try PersonalName(text) } catch { throw ValidationError("--wisher-name: \(error)") }
                },
                wisherPhone: try wisherPhone.map { text in
                    do { return try PhoneNumber(text) } catch { throw ValidationError("--wisher-phone: \(error)") }
                })
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.post(draft, in: tx) } }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Wishes with their days waiting, aging ones (久未认领) first.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "posted, claimed, fulfilled, confirmed or withdrawn.") var state: String?
        @Flag(help: "Only wishes not yet confirmed or withdrawn.") var open = false
        @Flag(help: "Only unclaimed wishes past the district's aging days.") var aging = false
        @Option(help: "How many.") var limit = 100

        func run() async throws {
            let wanted = try state.map { text in
                guard let value = WishState(rawValue: text) else { throw ValidationError("--state: posted, claimed, fulfilled, confirmed or withdrawn") }
                return value
            }
            try await target.run { registry, tenant in
                let wishes = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await MicroWishStore.wishes(state: wanted, openOnly: open, agingOnly: aging, limit: limit, in: tx) }
                if target.json { return try Terminal().json(wishes) }
                MicroWishesCommand.print(wishes)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One wish.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64

        func run() async throws {
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MicroWishStore.show(wish, in: tx) } }
        }
    }

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A unit or a volunteer claims a wish: posted → claimed (认领).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64
        @Option(help: "The registered unit claiming it (external id).") var unit: String?
        @Option(help: "The volunteer claiming it, by name.") var volunteer: String?
        @Option(help: "The volunteer's points holder code: earns points when the wish is confirmed.") var holder: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let claimant: WishClaimant
            switch (unit, volunteer) {
            case let (unit?, nil) where holder == nil: claimant = .unit(unit)
            case let (nil, name?):
                do { claimant = .volunteer(try PersonalName(name), holder: holder) } catch { throw ValidationError("--volunteer: \(error)") }
            default: throw ValidationError("give --unit or --volunteer (a --holder goes with a volunteer)")
            }
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.claim(wish, by: claimant, on: day, in: tx) } }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a claim up: claimed → posted (释放认领); the wish waits again.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64

        func run() async throws {
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.release(wish, in: tx) } }
        }
    }

    struct Fulfil: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The claimant has done it: claimed → fulfilled (已实现).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64
        @Option(help: "How it was fulfilled.") var note: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.fulfil(wish, note: note, on: day, in: tx) } }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The resident (or the community for them) confirms it: fulfilled → confirmed (已确认); a volunteer's holder code earns points.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64
        @Option(help: "resident (居民本人) or community (社区代为确认).") var by = "resident"
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            guard let confirmer = WishConfirmer(rawValue: by) else { throw ValidationError("--by: resident or community") }
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.confirm(wish, by: confirmer, on: day, in: tx) } }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a wish not yet fulfilled (撤回).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64
        @Option(help: "Why.") var reason: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MicroWishStore.withdraw(wish, reason: reason, on: day, in: tx) } }
        }
    }

    struct Contact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The wisher's name and phone, for the staff who bring claimant and resident together (personal data: not for lists).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The wish's number.") var wish: Int64

        func run() async throws {
            try await target.run { registry, tenant in
                let contact = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MicroWishStore.contact(wish, in: tx) }
                if target.json { return try Terminal().json(contact) }
                Terminal().print("心愿 wish #\(wish): 姓名 name \(contact.name ?? "–"), 电话 phone \(contact.phone ?? "–")")
            }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: posted, claimed, fulfilled, median days to fulfil.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MicroWishStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(MicroWishesCommand.text(summary))
            }
        }
    }

    static func print(_ wishes: [MicroWish]) {
        Terminal().table(
            headers: ["心愿 wish", "发布 posted", "地点 place", "内容 title", "类别 category", "估值 value", "状态 state", "等待天数 days", "认领人 claimant"],
            rows: wishes.map { w in
                ["#\(w.id)", w.postedOn.description, w.placeName, w.title, w.category, w.estimatedValue?.description ?? "",
                 "\(w.state.chineseName) \(w.state.rawValue)", w.aging ? "\(w.daysWaiting) 久未认领 aging" : "\(w.daysWaiting)",
                 (w.claimant ?? "") + (w.earnsPoints ? " (积分 points)" : "")]
            })
    }

    static func text(_ s: MicroWishSummary) -> String {
        let median = s.medianDaysToFulfil.map { String(format: "%.1f", $0) } ?? "–"
        return """
            微心愿 micro-wishes \(s.from)–\(s.to): posted 发布 \(s.posted), claimed 认领 \(s.claimed), fulfilled 实现 \(s.fulfilled), \
            confirmed 确认 \(s.confirmed) (worth 估值 \(s.confirmedValue)), withdrawn 撤回 \(s.withdrawn); \
            median days to fulfil 实现天数中位数 \(median); unclaimed 待认领 \(s.unclaimed) (aging 久未认领 \(s.aging))
            """
    }
}

extension ModuleCommandOptions {
    /// Runs a command that gives one wish and prints it.
    func show(_ body: (RegistryDatabase, UUID) async throws -> MicroWish) async throws {
        try await run(body) { MicroWishesCommand.print([$0]) }
    }
}
