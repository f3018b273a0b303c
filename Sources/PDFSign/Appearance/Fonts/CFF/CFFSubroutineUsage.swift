/// The global and local subroutines some glyphs call, found by walking their Type 2
/// charstrings (Adobe TN #5177): operands, stem hints (for the length of `hintmask`) and
/// `callsubr`/`callgsubr` with the subroutine bias.
///
/// When a subroutine number is computed rather than written (arithmetic operators), every
/// subroutine is kept: the walk never guesses.
struct CFFSubroutineUsage {
    private(set) var global: Set<Int> = []
    /// Font DICT index → local subroutines called.
    private(set) var local: [Int: Set<Int>] = [:]

    /// The deepest subroutine nesting allowed (TN #5177 Appendix B) and an operation budget per glyph.
    static let maxDepth = 10, maxOperationsPerGlyph = 200_000

    init(font: CFFFont, glyphs: [Int]) throws {
        for glyph in glyphs {
            let fd = Int(font.fdIndices[glyph])
            var walk = Walk(font: font, localSubrs: font.fontDicts[fd].localSubrs)
            try walk.run(font.charStrings.range(glyph), depth: 0)
            if walk.computedNumber {
                global = Set(0..<font.globalSubrs.count)
                for (index, dict) in font.fontDicts.enumerated() { local[index] = Set(0..<(dict.localSubrs?.count ?? 0)) }
                return
            }
            global.formUnion(walk.global)
            local[fd, default: []].formUnion(walk.local)
        }
    }

    static func bias(_ count: Int) -> Int { count < 1240 ? 107 : count < 33900 ? 1131 : 32768 }

    private struct Walk {
        let font: CFFFont
        let localSubrs: CFFIndex?
        var stack: [Double?] = []
        var stems = 0
        var operations = 0
        var ended = false
        var computedNumber = false
        var global: Set<Int> = [], local: Set<Int> = []

        init(font: CFFFont, localSubrs: CFFIndex?) {
            self.font = font
            self.localSubrs = localSubrs
        }

        mutating func run(_ range: Range<Int>, depth: Int) throws {
            guard depth <= CFFSubroutineUsage.maxDepth else { throw PDFError(.unsupportedFont, "CFF subroutines nest deeper than \(CFFSubroutineUsage.maxDepth)") }
            let data = font.data
            var index = range.lowerBound
            func byte(_ at: Int) throws -> Int {
                guard at < range.upperBound else { throw PDFError(.unsupportedFont, "a CFF charstring ends inside an operand") }
                return Int(data[at])
            }
            while index < range.upperBound, !ended, !computedNumber {
                operations += 1
                guard operations <= CFFSubroutineUsage.maxOperationsPerGlyph else {
                    throw PDFError(.unsupportedFont, "a CFF charstring runs more than \(CFFSubroutineUsage.maxOperationsPerGlyph) operations")
                }
                let b0 = Int(data[index])
                switch b0 {
                case 32...246: stack.append(Double(b0 - 139)); index += 1
                case 247...250: stack.append(Double((b0 - 247) * 256 + (try byte(index + 1)) + 108)); index += 2
                case 251...254: stack.append(Double(-(b0 - 251) * 256 - (try byte(index + 1)) - 108)); index += 2
                case 28:
                    stack.append(Double(Int16(bitPattern: UInt16(try byte(index + 1)) << 8 | UInt16(try byte(index + 2))))); index += 3
                case 255:
                    _ = try byte(index + 4); stack.append(nil); index += 5  // 16.16 fixed: never a subroutine number
                case 1, 3, 18, 23:  // hstem, vstem, hstemhm, vstemhm
                    stems += stack.count / 2; stack = []; index += 1
                case 19, 20:  // hintmask, cntrmask: implicit vstem operands, then the mask bytes
                    stems += stack.count / 2; stack = []
                    index += 1 + (stems + 7) / 8
                    guard index <= range.upperBound else { throw PDFError(.unsupportedFont, "a CFF hintmask runs past its charstring") }
                case 10, 29:  // callsubr, callgsubr
                    guard let last = stack.popLast() else { throw PDFError(.unsupportedFont, "a CFF subroutine call has no operand") }
                    guard let number = last.flatMap({ Int(exactly: $0) }) else { computedNumber = true; return }
                    let subrs = b0 == 10 ? localSubrs : font.globalSubrs
                    guard let subrs else { throw PDFError(.unsupportedFont, "a CFF charstring calls a local subroutine, but there are none") }
                    let target = number + CFFSubroutineUsage.bias(subrs.count)
                    guard target >= 0, target < subrs.count else {
                        throw PDFError(.unsupportedFont, "a CFF charstring calls subroutine \(target) of \(subrs.count)")
                    }
                    if b0 == 10 { local.insert(target) } else { global.insert(target) }
                    index += 1
                    try run(subrs.range(target), depth: depth + 1)
                case 11: return  // return
                case 14: ended = true; return  // endchar
                case 12:
                    let op = try byte(index + 1)
                    index += 2
                    guard (34...37).contains(op) else { computedNumber = true; return }  // arithmetic: stop guessing
                    stack = []  // flex
                default:
                    stack = []; index += 1  // path and other operators clear the stack
                }
                guard stack.count <= 96 else { throw PDFError(.unsupportedFont, "a CFF charstring overflows the argument stack") }
            }
        }
    }
}
