/// The element type of an ``NDArray``, with MXNet's type flags as raw values.
///
/// ```swift
/// let a = np.zeros([2], dtype: .int64)
/// print(a.dtype, a.dtype.rawValue)  // int64 6
/// ```
public enum DType: Int32, CaseIterable, Sendable, CustomStringConvertible {
    case float32 = 0, float64 = 1, float16 = 2, uint8 = 3, int32 = 4, int8 = 5, int64 = 6, bool = 7
    case int16 = 8, uint16 = 9, uint32 = 10, uint64 = 11, bfloat16 = 12

    /// Bytes per element.
    @inlinable public var size: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32, .uint32: return 4
        case .float16, .bfloat16, .int16, .uint16: return 2
        case .uint8, .int8, .bool: return 1
        }
    }

    /// MXNet / NumPy spelling (`"float32"`, `"bool"`, `"bfloat16"`).
    public var name: String {
        switch self {
        case .float32: return "float32"
        case .float64: return "float64"
        case .float16: return "float16"
        case .uint8: return "uint8"
        case .int32: return "int32"
        case .int8: return "int8"
        case .int64: return "int64"
        case .bool: return "bool"
        case .int16: return "int16"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .bfloat16: return "bfloat16"
        }
    }

    public var description: String { name }

    /// Parses a dtype name as MXNet writes it in attributes (`"float32"`, `"'int64'"`, `"<class 'numpy.float32'>"`,
    /// `"float"` and `"double"` aliases).
    /// - Throws: ``MXNetError`` when the name is not a dtype.
    public init(parsing text: String) throws {
        var s = text.trimmingCharacters(in: " '\"")
        if s.hasPrefix("<class 'numpy.") && s.hasSuffix("'>") {
            s = String(s.dropFirst("<class 'numpy.".count).dropLast(2))
        }
        switch s {
        case "float", "double": self = s == "float" ? .float32 : .float64
        case "bool_": self = .bool
        case "half": self = .float16
        default:
            guard let d = DType.allCases.first(where: { $0.name == s }) else {
                throw MXNetError("unknown dtype '\(text)'")
            }
            self = d
        }
    }

    /// Creates a dtype from an MXNet type flag.
    /// - Throws: ``MXNetError`` for flags outside 0...12.
    public init(flag: Int) throws {
        guard let d = DType(rawValue: Int32(truncatingIfNeeded: flag)), Int(d.rawValue) == flag else {
            throw MXNetError("unknown dtype flag \(flag)")
        }
        self = d
    }

    @inlinable public var isFloatingPoint: Bool {
        self == .float32 || self == .float64 || self == .float16 || self == .bfloat16
    }
    @inlinable public var isSignedInteger: Bool {
        self == .int8 || self == .int16 || self == .int32 || self == .int64
    }
    @inlinable public var isUnsignedInteger: Bool {
        self == .uint8 || self == .uint16 || self == .uint32 || self == .uint64
    }
    @inlinable public var isInteger: Bool { isSignedInteger || isUnsignedInteger }
}

private extension String {
    func trimmingCharacters(in chars: String) -> String {
        let set = Set(chars)
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
