extension DemandOutcome {
    /// Appends this outcome as JSON, in exactly the form `JSONEncoder` gives it (so
    /// `JSONDecoder` reads it back), but about ten times faster: a run records one per demand,
    /// 100,000 in a large district, and the generic encoder made recording the slowest part
    /// of a run.
    public func appendJSON(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"demand":"#.utf8)
        demand.appendJSON(to: &bytes)
        bytes.append(contentsOf: #","priority":"#.utf8)
        appendInteger(Int64(priority), to: &bytes)
        bytes.append(contentsOf: #","requested":"#.utf8)
        appendInteger(requested, to: &bytes)
        bytes.append(contentsOf: #","served":"#.utf8)
        appendInteger(served, to: &bytes)
        bytes.append(contentsOf: #","alternatives":["#.utf8)
        for (index, alternative) in alternatives.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            alternative.appendJSON(to: &bytes)
        }
        bytes.append(contentsOf: #"],"moreAlternatives":"#.utf8)
        appendInteger(Int64(moreAlternatives), to: &bytes)
        if let shortfall {
            bytes.append(contentsOf: #","shortfall":{"missing":"#.utf8)
            appendInteger(shortfall.missing, to: &bytes)
            bytes.append(contentsOf: #","reason":"#.utf8)
            switch shortfall.reason {
            case .noEligibleResource:
                bytes.append(contentsOf: #"{"noEligibleResource":{}}"#.utf8)
            case let .capacityExhausted(competitors, byPriority):
                bytes.append(contentsOf: #"{"capacityExhausted":{"competitors":"#.utf8)
                Competitor.appendJSON(competitors, to: &bytes)
                bytes.append(contentsOf: #","allocationsByPriority":[\#(byPriority.map(String.init).joined(separator: ","))]}}"#.utf8)
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension Alternative {
    func appendJSON(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"resource":"#.utf8)
        resource.appendJSON(to: &bytes)
        if let unitCost {
            bytes.append(contentsOf: #","unitCost":"#.utf8)
            appendInteger(unitCost, to: &bytes)
        }
        bytes.append(contentsOf: #","reason":"#.utf8)
        switch reason {
        case let .dearer(by: extra):
            bytes.append(contentsOf: #"{"dearer":{"by":"#.utf8)
            appendInteger(extra, to: &bytes)
            bytes.append(contentsOf: "}}".utf8)
        case .tie:
            bytes.append(contentsOf: #"{"tie":{}}"#.utf8)
        case let .full(competitors, others):
            bytes.append(contentsOf: #"{"full":{"competitors":"#.utf8)
            Competitor.appendJSON(competitors, to: &bytes)
            bytes.append(contentsOf: #","others":"#.utf8)
            appendInteger(Int64(others), to: &bytes)
            bytes.append(contentsOf: "}}".utf8)
        case let .ineligible(text):
            bytes.append(contentsOf: #"{"ineligible":{"_0":"#.utf8)
            appendJSONString(text, to: &bytes)
            bytes.append(contentsOf: "}}".utf8)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension Competitor {
    static func appendJSON(_ list: [Competitor], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (index, competitor) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"demand":"#.utf8)
            competitor.demand.appendJSON(to: &bytes)
            bytes.append(contentsOf: #","priority":"#.utf8)
            appendInteger(Int64(competitor.priority), to: &bytes)
            bytes.append(contentsOf: #","quantity":"#.utf8)
            appendInteger(competitor.quantity, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
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
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
}
