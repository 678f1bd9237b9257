public import Foundation

/// The per-tenant weights of the matching cost terms, in cost points per unit of quantity.
///
/// Cost only decides among allocations that serve the same priority-weighted quantity (the
/// objective is lexicographic), so weights say which resource should serve a demand, never
/// whether it is served. Every arc's cost is
/// `distance[level] − contract_bonus (if the unit contracts 包联 the demand's community) + unit_cost_per_yuan × the resource's unit cost in yuan`.
///
/// ```json
/// {"distance": {"grid": 0, "community": 10, "street": 30, "district": 60},
///  "contract_bonus": 20, "unit_cost_per_yuan": 1}
/// ```
public struct MatchingWeights: Sendable, Hashable, Codable {
    /// Points per unit of quantity by hierarchy distance; never decreasing outwards.
    public var distance: Distance
    /// Points taken off per unit when the resource's unit contracts (包联) the demand's community.
    public var contractBonus: Int64
    /// Points per yuan of the resource's own unit cost (`unit_cost_fen`), rounded to the nearest point.
    public var unitCostPerYuan: Int64

    /// Points per unit of quantity at each hierarchy distance.
    public struct Distance: Sendable, Hashable, Codable {
        public var grid: Int64
        public var community: Int64
        public var street: Int64
        public var district: Int64

        /// Makes a distance scale.
        public init(grid: Int64, community: Int64, street: Int64, district: Int64) {
            self.grid = grid
            self.community = community
            self.street = street
            self.district = district
        }

        /// The points at `level`.
        public subscript(level: HierarchyDistance) -> Int64 {
            switch level {
            case .grid: grid
            case .community: community
            case .street: street
            case .district: district
            }
        }
    }

    /// The defaults: distance 0 / 10 / 30 / 60, contract bonus 20, 1 point per yuan of unit cost.
    public static let defaults = MatchingWeights(
        distance: Distance(grid: 0, community: 10, street: 30, district: 60), contractBonus: 20, unitCostPerYuan: 1)

    /// The largest weight accepted (with the unit-cost term capped, see
    /// ``MatchingNetwork/maximumUnitCostTerm``, every arc cost stays inside the engine's limits).
    public static let maximum: Int64 = 1_000_000

    /// Makes weights; see ``validated()``.
    public init(distance: Distance, contractBonus: Int64, unitCostPerYuan: Int64) {
        self.distance = distance
        self.contractBonus = contractBonus
        self.unitCostPerYuan = unitCostPerYuan
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case distance
        case contractBonus = "contract_bonus"
        case unitCostPerYuan = "unit_cost_per_yuan"
    }

    /// The weights, or the first problem with them (field, value and rule).
    public func validated() throws(MatchingWeightsError) -> MatchingWeights {
        let fields: [(String, Int64)] = [
            ("distance.grid", distance.grid), ("distance.community", distance.community),
            ("distance.street", distance.street), ("distance.district", distance.district),
            ("contract_bonus", contractBonus), ("unit_cost_per_yuan", unitCostPerYuan),
        ]
        for (field, value) in fields where !(0...Self.maximum).contains(value) {
            throw MatchingWeightsError(field: field, reason: "\(value) is outside 0…\(Self.maximum) 超出范围")
        }
        let scale = [distance.grid, distance.community, distance.street, distance.district]
        if zip(scale, scale.dropFirst()).contains(where: { $0 > $1 }) {
            throw MatchingWeightsError(
                field: "distance",
                reason: "must not decrease outwards (grid ≤ community ≤ street ≤ district), got \(scale.map(String.init).joined(separator: " / ")) 距离权重须由近及远递增")
        }
        return self
    }
}

/// A weights file or value that cannot be used, naming the field.
public struct MatchingWeightsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field, e.g. `distance.street`, or `(file)` for a file that is not a JSON object.
    public var field: String
    /// What is wrong.
    public var reason: String

    public var description: String { "matching weights 匹配权重 \(field): \(reason)" }
}

extension MatchingWeights {
    /// Reads a weights document (JSON). Missing fields keep their defaults; unknown fields
    /// are refused (a misspelt weight must not be silently ignored).
    ///
    /// - Throws: ``MatchingWeightsError`` naming the field.
    public init(json data: Data) throws(MatchingWeightsError) {
        do {
            self = try JSONDecoder().decode(WeightsDocument.self, from: data).weights.validated()
        } catch let error as MatchingWeightsError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
                let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw MatchingWeightsError(
                field: field.isEmpty ? "(file)" : field,
                reason: field.isEmpty ? "not a JSON object 不是有效的 JSON 对象" : "expected a whole number 须为整数")
        } catch {
            throw MatchingWeightsError(field: "(file)", reason: "not valid JSON 不是有效的 JSON")
        }
    }

    /// The canonical JSON of these weights (sorted keys), as recorded with a run.
    public var json: String {
        "{\"contract_bonus\":\(contractBonus),\"distance\":{\"community\":\(distance.community),\"district\":\(distance.district),"
            + "\"grid\":\(distance.grid),\"street\":\(distance.street)},\"unit_cost_per_yuan\":\(unitCostPerYuan)}"
    }
}

/// A weights file as written: every field optional, unknown fields refused.
private struct WeightsDocument: Decodable {
    var weights = MatchingWeights.defaults

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let top = try decoder.container(keyedBy: Key.self)
        for key in top.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            switch key.stringValue {
            case "distance":
                let levels = try top.nestedContainer(keyedBy: Key.self, forKey: key)
                for level in levels.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                    let points = try Self.whole(levels, level, field: "distance.\(level.stringValue)")
                    switch HierarchyDistance(rawValue: level.stringValue) {
                    case .grid: weights.distance.grid = points
                    case .community: weights.distance.community = points
                    case .street: weights.distance.street = points
                    case .district: weights.distance.district = points
                    case nil:
                        throw MatchingWeightsError(
                            field: "distance.\(level.stringValue)", reason: "unknown level; expected grid, community, street or district")
                    }
                }
            case "contract_bonus": weights.contractBonus = try Self.whole(top, key, field: key.stringValue)
            case "unit_cost_per_yuan": weights.unitCostPerYuan = try Self.whole(top, key, field: key.stringValue)
            default:
                throw MatchingWeightsError(
                    field: key.stringValue, reason: "unknown field; expected distance, contract_bonus or unit_cost_per_yuan")
            }
        }
    }

    /// A whole number, or an error naming the field (a decoding error's path is not always set).
    private static func whole(_ container: KeyedDecodingContainer<Key>, _ key: Key, field: String) throws -> Int64 {
        do {
            return try container.decode(Int64.self, forKey: key)
        } catch {
            // Foundation reports 1.5 with an internal error type, not a DecodingError.
            throw MatchingWeightsError(field: field, reason: "expected a whole number 须为整数")
        }
    }
}
