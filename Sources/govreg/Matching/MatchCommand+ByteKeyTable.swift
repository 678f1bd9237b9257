extension MatchCommand {
    /// An open-addressing hash table from byte strings (ids) to values, holding its own copy
    /// of the keys: looking up 3 million ids from `arcs.csv` needs neither a `String` nor a
    /// heap allocation per lookup.
    struct ByteKeyTable {
        private var slots: [Int32]          // -1: empty; otherwise an entry
        private var keyStart: [Int] = [0]   // entry k's key is keyBytes[keyStart[k] ..< keyStart[k + 1]]
        private var keyBytes: [UInt8] = []
        private var values: [Int64] = []
        private var mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = [Int32](repeating: -1, count: size)
            mask = size - 1
        }

        /// Adds a key; `false` if it is already there.
        mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int64) -> Bool {
            if values.count * 2 >= slots.count { grow() }
            var slot = Self.hash(key) & mask
            while slots[slot] >= 0 {
                if matches(Int(slots[slot]), key) { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(values.count)
            keyBytes.append(contentsOf: key)
            keyStart.append(keyBytes.count)
            values.append(value)
            return true
        }

        /// The value of a key, if present.
        func value(_ key: UnsafeBufferPointer<UInt8>) -> Int64? {
            var slot = Self.hash(key) & mask
            while slots[slot] >= 0 {
                let entry = Int(slots[slot])
                if matches(entry, key) { return values[entry] }
                slot = (slot + 1) & mask
            }
            return nil
        }

        private func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = keyStart[entry], end = keyStart[entry + 1]
            guard end - start == key.count else { return false }
            for offset in 0..<key.count where keyBytes[start + offset] != key[offset] { return false }
            return true
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for entry in values.indices {
                let key = Array(keyBytes[keyStart[entry]..<keyStart[entry + 1]])
                var slot = key.withUnsafeBufferPointer { Self.hash($0) } & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(entry)
            }
        }

        /// FNV-1a, then a multiplicative mix so that the low bits (the slot) depend on every byte.
        private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return Int(truncatingIfNeeded: (h &* 0x9e37_79b9_7f4a_7c15) >> 20)
        }
    }
}
