public import Foundation

/// A compact JSON form of ``DemandOutcome`` for storage: positional arrays instead of keyed
/// objects, about a third of the bytes of `JSONEncoder`'s form. A recorded run keeps one per
/// demand (100,000 in a large district), so its size and the time to write it bound how fast
/// a run is recorded.
///
/// ```
/// outcome     [demand, priority, requested, served, moreAlternatives, [alternative…], shortfall | null]
/// alternative [resource, unitCost | null, "d", by] dearer · [resource, unitCost, "t"] tie
///             [resource, unitCost, "f", [competitor…], others] full · [resource, null, "i", reason] ineligible
/// competitor  [demand, priority, quantity]
/// shortfall   [missing, "n"] no eligible resource · [missing, "c", [competitor…], [p1, p2, p3, p4, p5]] capacity exhausted
/// ```
///
/// Ids are bare numbers or strings, as ``MatchID`` encodes them.
extension DemandOutcome {
    /// Appends the compact JSON form.
    public func appendCompactJSON(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        demand.appendJSON(to: &bytes)
        for value in [Int64(priority), requested, served, Int64(moreAlternatives)] {
            bytes.append(UInt8(ascii: ","))
            appendInteger(value, to: &bytes)
        }
        bytes.append(contentsOf: ",[".utf8)
        for (index, alternative) in alternatives.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            alternative.appendCompactJSON(to: &bytes)
        }
        bytes.append(contentsOf: "],".utf8)
        if let shortfall {
            bytes.append(UInt8(ascii: "["))
            appendInteger(shortfall.missing, to: &bytes)
            switch shortfall.reason {
            case .noEligibleResource:
                bytes.append(contentsOf: #","n"]"#.utf8)
            case let .capacityExhausted(competitors, byPriority):
                bytes.append(contentsOf: #","c","#.utf8)
                Competitor.appendCompactJSON(competitors, to: &bytes)
                bytes.append(contentsOf: ",[".utf8)
                for (index, count) in byPriority.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    appendInteger(Int64(count), to: &bytes)
                }
                bytes.append(contentsOf: "]]".utf8)
            }
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Reads the compact JSON form back.
    ///
    /// - Throws: `DecodingError` when `data` is not an outcome in the compact form.
    public init(compactJSON data: Data) throws {
        self = try JSONDecoder().decode(CompactOutcome.self, from: data).outcome
    }
}

extension Alternative {
    func appendCompactJSON(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        resource.appendJSON(to: &bytes)
        bytes.append(UInt8(ascii: ","))
        if let unitCost { appendInteger(unitCost, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        switch reason {
        case let .dearer(by: extra):
            bytes.append(contentsOf: #","d","#.utf8)
            appendInteger(extra, to: &bytes)
        case .tie:
            bytes.append(contentsOf: #","t""#.utf8)
        case let .full(competitors, others):
            bytes.append(contentsOf: #","f","#.utf8)
            Competitor.appendCompactJSON(competitors, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            appendInteger(Int64(others), to: &bytes)
        case let .ineligible(text):
            bytes.append(contentsOf: #","i","#.utf8)
            appendJSONString(text, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension Competitor {
    static func appendCompactJSON(_ list: [Competitor], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (index, competitor) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            competitor.demand.appendJSON(to: &bytes)
            bytes.append(UInt8(ascii: ","))
            appendInteger(Int64(competitor.priority), to: &bytes)
            bytes.append(UInt8(ascii: ","))
            appendInteger(competitor.quantity, to: &bytes)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// Reads the compact form with `JSONDecoder`, position by position.
private struct CompactOutcome: Decodable {
    var outcome: DemandOutcome

    init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        let demand = try fields.decode(MatchID.self)
        let priority = try fields.decode(Int.self), requested = try fields.decode(Int64.self)
        let served = try fields.decode(Int64.self), more = try fields.decode(Int.self)
        let alternatives = try fields.decode([CompactAlternative].self).map(\.alternative)
        let shortfall = try fields.decodeNil() ? nil : try fields.decode(CompactShortfall.self).shortfall
        outcome = DemandOutcome(demand: demand, priority: priority, requested: requested, served: served,
                                alternatives: alternatives, moreAlternatives: more, shortfall: shortfall)
    }
}

private struct CompactAlternative: Decodable {
    var alternative: Alternative

    init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        let resource = try fields.decode(MatchID.self)
        let unitCost = try fields.decodeNil() ? nil : try fields.decode(Int64.self)
        let reason: Alternative.Reason
        switch try fields.decode(String.self) {
        case "d": reason = .dearer(by: try fields.decode(Int64.self))
        case "t": reason = .tie
        case "f": reason = .full(competitors: try fields.decode([CompactCompetitor].self).map(\.competitor), others: try fields.decode(Int.self))
        case "i": reason = .ineligible(try fields.decode(String.self))
        case let other:
            throw DecodingError.dataCorruptedError(in: fields, debugDescription: "unknown alternative kind \(other)")
        }
        alternative = Alternative(resource: resource, unitCost: unitCost, reason: reason)
    }
}

private struct CompactShortfall: Decodable {
    var shortfall: Shortfall

    init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        let missing = try fields.decode(Int64.self)
        switch try fields.decode(String.self) {
        case "n": shortfall = Shortfall(missing: missing, reason: .noEligibleResource)
        case "c":
            let competitors = try fields.decode([CompactCompetitor].self).map(\.competitor)
            shortfall = Shortfall(missing: missing, reason: .capacityExhausted(competitors: competitors, allocationsByPriority: try fields.decode([Int].self)))
        case let other:
            throw DecodingError.dataCorruptedError(in: fields, debugDescription: "unknown shortfall kind \(other)")
        }
    }
}

private struct CompactCompetitor: Decodable {
    var competitor: Competitor

    init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        competitor = Competitor(demand: try fields.decode(MatchID.self), priority: try fields.decode(Int.self), quantity: try fields.decode(Int64.self))
    }
}

extension MatchID {
    func appendJSON(to bytes: inout [UInt8]) {
        switch self {
        case let .number(value): appendInteger(value, to: &bytes)
        case let .text(value): appendJSONString(value, to: &bytes)
        }
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped.
func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: #"\u00"#.utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
    }
    bytes.append(UInt8(ascii: "\""))
}

/// The decimal digits of `value`, without making a String.
func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
    withUnsafeMutableBytes(of: &digits) { buffer in
        var count = 0
        repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
}
