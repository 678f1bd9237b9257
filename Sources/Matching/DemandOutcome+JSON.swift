extension DemandOutcome {
    /// Appends this outcome as JSON, in exactly the form `JSONEncoder` gives it (so
    /// `JSONDecoder` reads it back), but about ten times faster: a run records one per demand,
    /// 100,000 in a large district, and the generic encoder made recording the slowest part
    /// of a run.
    public func appendJSON(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"demand":"#.utf8)
        demand.appendJSON(to: &bytes)
        bytes.append(contentsOf: #","priority":\#(priority),"requested":\#(requested),"served":\#(served),"alternatives":["#.utf8)
        for (index, alternative) in alternatives.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            alternative.appendJSON(to: &bytes)
        }
        bytes.append(contentsOf: #"],"moreAlternatives":\#(moreAlternatives)"#.utf8)
        if let shortfall {
            bytes.append(contentsOf: #","shortfall":{"missing":\#(shortfall.missing),"reason":"#.utf8)
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
        if let unitCost { bytes.append(contentsOf: #","unitCost":\#(unitCost)"#.utf8) }
        bytes.append(contentsOf: #","reason":"#.utf8)
        switch reason {
        case let .dearer(by: extra):
            bytes.append(contentsOf: #"{"dearer":{"by":\#(extra)}}"#.utf8)
        case .tie:
            bytes.append(contentsOf: #"{"tie":{}}"#.utf8)
        case let .full(competitors, others):
            bytes.append(contentsOf: #"{"full":{"competitors":"#.utf8)
            Competitor.appendJSON(competitors, to: &bytes)
            bytes.append(contentsOf: #","others":\#(others)}}"#.utf8)
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
            bytes.append(contentsOf: #","priority":\#(competitor.priority),"quantity":\#(competitor.quantity)}"#.utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension MatchID {
    func appendJSON(to bytes: inout [UInt8]) {
        switch self {
        case let .number(value): bytes.append(contentsOf: String(value).utf8)
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
