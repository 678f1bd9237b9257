import Foundation
import Testing

/// The core never names a module: no target under Sources/ imports one, except the bootstrap
/// list (`Sources/govreg/Modules/ShippedModules.swift`), so that adding a module changes its
/// own folders, that list and the package's list of names, and nothing else.
@Suite struct CoreImportsNoModuleTests {
    static let root = ModuleReadsCoreViewsTests.root
    static let bootstrapList = "govreg/Modules/ShippedModules.swift"

    /// `import X` lines naming a module, as "file:line: X".
    static func imports(of modules: Set<String>, under folder: URL, except: Set<String> = []) throws -> [String] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") && !except.contains($0) }
        var found: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let match = line.wholeMatch(of: /(?:@testable |public |internal |package )?import ([A-Za-z_][A-Za-z0-9_]*)/),
                   modules.contains(String(match.1)) {
                    found.append("\(file):\(number + 1): \(match.1)")
                }
            }
        }
        return found
    }

    static func moduleNames() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "Plugins").path).filter { !$0.hasPrefix(".") })
    }

    @Test func theCoreImportsNoModule() throws {
        let modules = try Self.moduleNames()
        #expect(modules.isSuperset(of: ["BenchTalk", "RedProperty", "MediationRoom"]))
        let offences = try Self.imports(of: modules, under: Self.root.appending(path: "Sources"), except: [Self.bootstrapList])
        #expect(offences.isEmpty, "the core imports a module (only the bootstrap list may):\n\(offences.joined(separator: "\n"))")
    }

    /// Every module is in the package's list and the bootstrap list: the one place each.
    @Test func everyModuleIsListedOnce() throws {
        let modules = try Self.moduleNames()
        let package = try String(contentsOf: Self.root.appending(path: "Package.swift"), encoding: .utf8)
        let listed = try #require(package.firstMatch(of: /let moduleNames = \[([^\]]*)\]/))
        let names = Set(listed.1.matches(of: /"([A-Za-z]+)"/).map { String($0.1) })
        #expect(names == modules)
        let imported = try Self.imports(of: modules, under: Self.root.appending(path: "Sources/govreg/Modules"))
        #expect(Set(imported.map { String($0.split(separator: " ").last!) }) == modules)
    }

    /// The scan can fail: it finds the bootstrap list's imports when not told to pass over it.
    @Test func theScanFindsAnImport() throws {
        let found = try Self.imports(of: ["BenchTalk"], under: Self.root.appending(path: "Sources"))
        #expect(found.contains { $0.hasPrefix(Self.bootstrapList) })
    }
}
