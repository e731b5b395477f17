/// An operator's typed parameters, parsed from and written back to MXNet attribute strings.
///
/// Each conforming struct lists its fields once; parsing, defaults and writing all come from that list.
///
/// ```swift
/// struct SoftmaxParams: OpParams {
///     var axis = -1
///     static let fields: [ParamField<Self>] = [.int("axis", \.axis)]
/// }
/// let p = try SoftmaxParams(attributes: ["axis": "1"], op: "softmax")
/// ```
public protocol OpParams {
    init()
    static var fields: [ParamField<Self>] { get }
}

/// One named field of an ``OpParams`` struct.
public struct ParamField<P> {
    public let name: String
    public let required: Bool
    let parse: (inout P, String) throws -> Void
    let format: (P) -> String

    public init(_ name: String, required: Bool, parse: @escaping (inout P, String) throws -> Void,
                format: @escaping (P) -> String) {
        self.name = name; self.required = required; self.parse = parse; self.format = format
    }
}

/// Parameters of an operator that takes none.
public struct NoParams: OpParams {
    public init() {}
    public static var fields: [ParamField<NoParams>] { [] }
}

extension OpParams {
    /// Parses MXNet attributes. Keys starting and ending with `__` (hidden attributes such as `__lr_mult__`)
    /// are ignored here; the graph keeps them.
    /// - Throws: ``MXNetError`` naming `op` and the field for unknown keys, bad values and missing required fields.
    public init(attributes: [String: String], op: String) throws {
        self.init()
        let fields = Self.fields
        for (key, value) in attributes {
            if key.hasPrefix("__") && key.hasSuffix("__") { continue }
            guard let f = fields.first(where: { $0.name == key }) else {
                throw MXNetError.op(op, "unknown parameter '\(key)'" +
                    (fields.isEmpty ? "" : " (expected one of: \(fields.map(\.name).joined(separator: ", ")))"))
            }
            do { try f.parse(&self, value) } catch let e as MXNetError {
                throw MXNetError.op(op, "invalid value for parameter '\(key)': \(e.message)")
            }
        }
        for f in fields where f.required && attributes[f.name] == nil {
            throw MXNetError.op(op, "required parameter '\(f.name)' is missing")
        }
    }

    /// The attributes as MXNet writes them: required fields and every field that differs from its default.
    public var attributes: [(String, String)] {
        let defaults = Self()
        return Self.fields.compactMap { f in
            let v = f.format(self)
            return (f.required || v != f.format(defaults)) ? (f.name, v) : nil
        }
    }
}

// MARK: - Field constructors

extension ParamField {
    public static func int(_ name: String, _ kp: WritableKeyPath<P, Int>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = try AttributeValue.parseInt($1) },
                   format: { String($0[keyPath: kp]) })
    }
    /// A count of inputs or outputs (`num_args`, `num_outputs`, `sections`): an integer from 0 to ``maxCount``,
    /// so that a file cannot make an operator list billions of inputs.
    public static func count(_ name: String, _ kp: WritableKeyPath<P, Int>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: {
            let n = try AttributeValue.parseInt($1)
            guard n >= 0 && n <= maxCount else { throw MXNetError("expected a count from 0 to \(maxCount), got \(n)") }
            $0[keyPath: kp] = n
        }, format: { String($0[keyPath: kp]) })
    }

    /// The largest input or output count an operator takes.
    public static var maxCount: Int { 1 << 20 }

    public static func optionalInt(_ name: String, _ kp: WritableKeyPath<P, Int?>) -> ParamField {
        ParamField(name, required: false, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try AttributeValue.parseInt($1)
        }, format: { $0[keyPath: kp].map(String.init) ?? "None" })
    }
    public static func double(_ name: String, _ kp: WritableKeyPath<P, Double>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = try AttributeValue.parseDouble($1) },
                   format: { AttributeValue.format($0[keyPath: kp]) })
    }
    public static func optionalDouble(_ name: String, _ kp: WritableKeyPath<P, Double?>) -> ParamField {
        ParamField(name, required: false, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try AttributeValue.parseDouble($1)
        }, format: { $0[keyPath: kp].map(AttributeValue.format) ?? "None" })
    }
    public static func bool(_ name: String, _ kp: WritableKeyPath<P, Bool>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = try AttributeValue.parseBool($1) },
                   format: { AttributeValue.format($0[keyPath: kp]) })
    }
    public static func optionalBool(_ name: String, _ kp: WritableKeyPath<P, Bool?>) -> ParamField {
        ParamField(name, required: false, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try AttributeValue.parseBool($1)
        }, format: { $0[keyPath: kp].map(AttributeValue.format) ?? "None" })
    }
    public static func ints(_ name: String, _ kp: WritableKeyPath<P, [Int]>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = try AttributeValue.parseInts($1) },
                   format: { AttributeValue.format($0[keyPath: kp]) })
    }
    /// A tuple that may be `None` as a whole (`axis=None`): nil when absent.
    public static func optionalInts(_ name: String, _ kp: WritableKeyPath<P, [Int]?>) -> ParamField {
        ParamField(name, required: false, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try AttributeValue.parseInts($1)
        }, format: { $0[keyPath: kp].map { AttributeValue.format($0) } ?? "None" })
    }
    /// A tuple whose entries may be `None` (`begin=(None, 2)`).
    public static func intsWithNone(_ name: String, _ kp: WritableKeyPath<P, [Int?]>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = try AttributeValue.parseOptionalInts($1) },
                   format: { AttributeValue.format($0[keyPath: kp]) })
    }
    public static func doubles(_ name: String, _ kp: WritableKeyPath<P, [Double]>) -> ParamField {
        ParamField(name, required: false, parse: { $0[keyPath: kp] = try AttributeValue.parseDoubles($1) },
                   format: { "(" + $0[keyPath: kp].map(AttributeValue.format).joined(separator: ", ") + ")" })
    }
    public static func string(_ name: String, _ kp: WritableKeyPath<P, String>, required: Bool = false) -> ParamField {
        ParamField(name, required: required, parse: { $0[keyPath: kp] = String(AttributeValue.strip($1)) },
                   format: { $0[keyPath: kp] })
    }
    public static func dtype(_ name: String, _ kp: WritableKeyPath<P, DType>) -> ParamField {
        ParamField(name, required: false, parse: { $0[keyPath: kp] = try DType(parsing: $1) },
                   format: { $0[keyPath: kp].name })
    }
    public static func optionalDType(_ name: String, _ kp: WritableKeyPath<P, DType?>) -> ParamField {
        ParamField(name, required: false, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try DType(parsing: $1)
        }, format: { $0[keyPath: kp]?.name ?? "None" })
    }
    /// A string enumeration (`pool_type="max"`); the error lists the accepted values.
    public static func choice<E: RawRepresentable & CaseIterable>(
        _ name: String, _ kp: WritableKeyPath<P, E>, required: Bool = false
    ) -> ParamField where E.RawValue == String {
        ParamField(name, required: required, parse: { p, s in
            let t = String(AttributeValue.strip(s))
            guard let v = E(rawValue: t) else {
                throw MXNetError("'\(t)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            p[keyPath: kp] = v
        }, format: { $0[keyPath: kp].rawValue })
    }
}
