extension NPYFile {
    /// The parsed header dictionary: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    struct Header {
        var descr = ""
        var shape: [Int] = []
        var dtype = DType.float32
        /// Big-endian data with multi-byte elements.
        var swapsBytes = false

        /// Parses and validates the header text.
        /// - Throws: ``MXNetError`` for malformed dictionaries, missing or extra keys, Fortran order, object or
        ///   structured dtypes, and negative dimensions.
        init(text: String) throws {
            var p = LiteralParser(text)
            let dict = try p.dictionary()
            guard Set(dict.keys) == ["descr", "fortran_order", "shape"] else {
                throw MXNetError("header must have exactly the keys descr, fortran_order and shape, got " +
                                 dict.keys.sorted().joined(separator: ", "))
            }
            guard case .bool(let fortran) = dict["fortran_order"]! else {
                throw MXNetError("header field fortran_order must be True or False")
            }
            guard !fortran else { throw MXNetError("Fortran-order arrays are not supported (save in C order)") }
            guard case .tuple(let dims) = dict["shape"]! else { throw MXNetError("header field shape must be a tuple") }
            guard !dims.contains(where: { $0 < 0 }) else { throw MXNetError("shape \(Shape.text(dims)) has a negative dimension") }
            shape = dims
            switch dict["descr"]! {
            case .string(let d): descr = d
            case .list: throw MXNetError("structured dtypes are not supported")
            default: throw MXNetError("header field descr must be a string")
            }
            (dtype, swapsBytes) = try NPYFile.Header.dtype(descr)
        }

        /// The data size in bytes.
        /// - Throws: ``MXNetError`` when the shape's size overflows.
        func byteCount() throws -> Int {
            var n = dtype.size
            for d in shape {
                let (m, overflow) = n.multipliedReportingOverflow(by: d)
                guard !overflow else { throw MXNetError("shape \(Shape.text(shape)) is too large") }
                n = m
            }
            return n
        }

        /// The array over `storage` holding the file's data, converted to native byte order.
        func array(_ storage: Storage) -> NDArray {
            let count = Shape.count(shape), size = dtype.size
            if swapsBytes && size > 1 {
                let p = storage.data.assumingMemoryBound(to: UInt8.self)
                for i in 0..<count {
                    var lo = i * size, hi = lo + size - 1
                    while lo < hi { (p[lo], p[hi]) = (p[hi], p[lo]); lo += 1; hi -= 1 }
                }
            }
            if dtype == .bool { normaliseBool(TensorRef(data: storage.data, shape: shape, dtype: .uint8)) }
            return NDArray(storage: storage, shape: shape, dtype: dtype)
        }

        /// The dtype and byte order of a NumPy descriptor such as `<f4`, `|b1`, `>i8`, `<V2` (bfloat16).
        static func dtype(_ descr: String) throws -> (DType, Bool) {
            var s = Substring(descr)
            var bigEndian = false
            if let f = s.first, "<>|=".contains(f) {
                bigEndian = f == ">"
                s = s.dropFirst()
            }
            guard let kind = s.first else { throw MXNetError("empty dtype descriptor") }
            let size = Int(s.dropFirst())
            if kind == "O" { throw MXNetError("object arrays (pickled Python objects) are not supported") }
            let table: [String: DType] = [
                "b1": .bool, "u1": .uint8, "i1": .int8, "i2": .int16, "u2": .uint16, "i4": .int32, "u4": .uint32,
                "i8": .int64, "u8": .uint64, "f2": .float16, "f4": .float32, "f8": .float64, "V2": .bfloat16,
            ]
            guard let size, let d = table["\(kind)\(size)"] else {
                throw MXNetError("unsupported dtype descriptor '\(descr)'")
            }
            return (d, bigEndian)
        }
    }

    /// The Python literals that appear in `.npy` headers.
    enum Literal {
        case string(String), bool(Bool), tuple([Int]), list
    }

    /// A parser for the header's Python dictionary literal.
    struct LiteralParser {
        let chars: [Character]
        var i = 0
        init(_ text: String) { chars = Array(text) }

        mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        mutating func expect(_ c: Character) throws {
            skipSpace()
            guard i < chars.count, chars[i] == c else { throw MXNetError("malformed header: expected '\(c)'") }
            i += 1
        }

        mutating func peek() -> Character? {
            skipSpace()
            return i < chars.count ? chars[i] : nil
        }

        mutating func dictionary() throws -> [String: Literal] {
            try expect("{")
            var out: [String: Literal] = [:]
            while peek() != "}" {
                guard case .string(let key) = try value() else { throw MXNetError("malformed header: keys must be strings") }
                try expect(":")
                guard out[key] == nil else { throw MXNetError("malformed header: duplicate key '\(key)'") }
                out[key] = try value()
                if peek() == "," { i += 1 } else { break }
            }
            try expect("}")
            guard peek() == nil else { throw MXNetError("malformed header: text after the dictionary") }
            return out
        }

        mutating func value() throws -> Literal {
            guard let c = peek() else { throw MXNetError("malformed header: unexpected end") }
            switch c {
            case "'", "\"":
                i += 1
                var s = ""
                while i < chars.count, chars[i] != c { s.append(chars[i]); i += 1 }
                guard i < chars.count else { throw MXNetError("malformed header: unterminated string") }
                i += 1
                return .string(s)
            case "(":
                i += 1
                var ints: [Int] = []
                while peek() != ")" {
                    var digits = ""
                    if peek() == "-" { digits.append("-"); i += 1 }
                    while i < chars.count, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                    if i < chars.count, chars[i] == "L" { i += 1 }
                    guard let v = Int(digits) else { throw MXNetError("malformed header: shape entries must be integers") }
                    ints.append(v)
                    if peek() == "," { i += 1 } else { break }
                }
                try expect(")")
                return .tuple(ints)
            case "[":
                return .list
            default:
                var word = ""
                while i < chars.count, chars[i].isLetter { word.append(chars[i]); i += 1 }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                default: throw MXNetError("malformed header: unexpected '\(word.isEmpty ? String(c) : word)'")
                }
            }
        }
    }
}
