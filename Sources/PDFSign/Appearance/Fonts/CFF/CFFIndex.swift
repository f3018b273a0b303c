/// A CFF INDEX (Adobe TN #5176 §5): a count, an offset size and `count + 1` offsets into the
/// data that follows. Read lazily; every offset is checked when the INDEX is read.
struct CFFIndex: Sendable {
    /// The start of each element in the CFF data, `count + 1` entries (the last one is the end).
    let offsets: [Int]
    /// Where the INDEX ends in the CFF data (the next structure begins there).
    let end: Int

    var count: Int { offsets.count - 1 }

    /// The byte range of element `index` in the CFF data.
    func range(_ index: Int) -> Range<Int> { offsets[index]..<offsets[index + 1] }

    /// Reads the INDEX that starts at `start`.
    init(_ reader: SFNTReader, at start: Int, what: String) throws {
        let count = Int(try reader.uint16(start))
        guard count > 0 else {
            offsets = [start + 2]
            end = start + 2
            return
        }
        let offSize = Int(try reader.uint8(start + 2))
        guard (1...4).contains(offSize) else {
            throw PDFError(.unsupportedFont, "the CFF \(what) INDEX has offset size \(offSize), not 1…4")
        }
        let table = try reader.range(start + 3, (count + 1) * offSize, "the CFF \(what) INDEX offsets")
        let base = table.upperBound - 1  // offsets count from 1, relative to the byte before the data
        var offsets: [Int] = []
        offsets.reserveCapacity(count + 1)
        var previous = 1
        for index in 0...count {
            var value = 0
            for k in 0..<offSize { value = value << 8 | Int(reader.bytes[table.lowerBound + index * offSize + k]) }
            guard value >= previous else {
                throw PDFError(.unsupportedFont, "the CFF \(what) INDEX offset \(index) (\(value)) is smaller than the one before (\(previous))")
            }
            previous = value
            offsets.append(base + value)
        }
        _ = try reader.range(offsets[0], offsets[count] - offsets[0], "the CFF \(what) INDEX data")
        self.offsets = offsets
        end = offsets[count]
    }

    /// Writes an INDEX holding `elements`.
    static func write(_ elements: [ArraySlice<UInt8>], into output: inout [UInt8]) {
        output.appendUInt16(UInt16(elements.count))
        guard !elements.isEmpty else { return }
        let total = elements.reduce(0) { $0 + $1.count } + 1
        let offSize = total <= 0xFF ? 1 : total <= 0xFFFF ? 2 : total <= 0xFF_FFFF ? 3 : 4
        output.append(UInt8(offSize))
        var offset = 1
        func put(_ value: Int) { for k in (0..<offSize).reversed() { output.append(UInt8((value >> (8 * k)) & 0xFF)) } }
        put(offset)
        for element in elements { offset += element.count; put(offset) }
        for element in elements { output += element }
    }
}
