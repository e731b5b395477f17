/// What an operator's partial shape rule gets and refines during whole-graph inference: the shapes of its inputs
/// and outputs as known so far. A shape is nil while even its rank is unknown; a dimension of
/// ``PartialShape/unknown`` has an unknown size. The rule fills in what its operator tells — outputs from inputs
/// (forward) and, where MXNet 1.x does, inputs from outputs (backward, as `infer_shape_partial`'s backward passes)
/// — and throws ``MXNetError`` when the shapes disagree.
///
/// ```swift
/// // FullyConnected(num_hidden=10): data (?, 50) -> output (?, 10); output (4, 10) -> data (4, 50)
/// ```
public struct PartialShapeCall<P> {
    public var inputs: [[Int]?]
    public var outputs: [[Int]?]
    public let params: P
    /// The operator name the graph used: one operator may carry MXNet 1.x names with different rules
    /// (`elemwise_add` infers an operand from the other, `broadcast_add` does not).
    public let spelling: String
}

extension PartialShapeCall {
    /// Runs another operator's partial shape `rule` on these shapes, with `params` (an operator that reuses
    /// another's shape rules).
    mutating func run(_ rule: (inout PartialShapeCall<any OpParams>) throws -> Void, params: any OpParams) throws {
        var c = PartialShapeCall<any OpParams>(inputs: inputs, outputs: outputs, params: params, spelling: spelling)
        try rule(&c)
        inputs = c.inputs
        outputs = c.outputs
    }
}

/// Helpers for shapes that are partly known (see ``PartialShapeCall``).
public enum PartialShape {
    /// A dimension of unknown size.
    public static let unknown = -1

    /// Whether `shape` is known with every dimension.
    public static func isKnown(_ shape: [Int]?) -> Bool {
        guard let shape else { return false }
        return !shape.contains(unknown)
    }

    /// What `a` and `b` together tell, or nil (the outer optional) when they disagree.
    public static func merge(_ a: [Int]?, _ b: [Int]?) -> [Int]?? {
        guard let a else { return .some(b) }
        guard let b else { return .some(a) }
        guard a.count == b.count else { return nil }
        var out = a
        for i in a.indices where b[i] != unknown {
            if a[i] == unknown { out[i] = b[i] } else if a[i] != b[i] { return nil }
        }
        return .some(out)
    }

    /// Refines `slot` with `value`.
    /// - Throws: ``MXNetError`` naming `what` when they disagree.
    static func assign(_ slot: inout [Int]?, _ value: [Int]?, _ what: String) throws {
        guard let merged = merge(slot, value) else {
            throw MXNetError("\(what) has shape \(text(slot!)), expected \(text(value!))")
        }
        slot = merged
    }

    /// A shape of rank `rank` with every dimension unknown.
    public static func unknownShape(rank: Int) -> [Int] { Array(repeating: unknown, count: rank) }

    /// `(2, ?, 5)`.
    static func text(_ shape: [Int]) -> String {
        let dims = shape.map { $0 == unknown ? "?" : String($0) }
        return dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
    }
}

extension Rules {
    // MARK: Partial shape rules

    /// Operands and outputs share one shape, each inferred from the others (MXNet's `ElemwiseShape`: unary math,
    /// scalar ops, `Activation`, `Cast`, identity-likes, `elemwise_*`, `add_n`).
    static func sameShapePartial<P>(_ c: inout PartialShapeCall<P>) throws {
        var shape: [Int]? = nil
        for (i, s) in (c.inputs + c.outputs).enumerated() {
            guard let merged = PartialShape.merge(shape, s) else {
                let what = i < c.inputs.count ? "input \(i)" : "output \(i - c.inputs.count)"
                throw MXNetError("\(what) has shape \(PartialShape.text(s!)), but the other operands have " +
                                 "\(PartialShape.text(shape!)); they must be equal")
            }
            shape = merged
        }
        for i in c.inputs.indices { c.inputs[i] = shape }
        for i in c.outputs.indices { c.outputs[i] = shape }
    }

    /// The outputs have input 0's shape, forward only (`Dropout`, `LeakyReLU`, `softmax`: MXNet does not infer
    /// their data from their outputs).
    static func dataShapePartial<P>(_ c: inout PartialShapeCall<P>) throws {
        guard let d = c.inputs[0] else { return }
        for k in c.outputs.indices { try PartialShape.assign(&c.outputs[k], d, "output \(k)") }
    }

    /// NumPy broadcasting, forward only: an output dimension is known when both operands' are (MXNet's
    /// `BinaryBroadcastShape`).
    static func broadcastPartial<P>(_ c: inout PartialShapeCall<P>) throws {
        guard let a = c.inputs[0], let b = c.inputs[1] else { return }
        let n = max(a.count, b.count)
        var out = PartialShape.unknownShape(rank: n)
        for i in 0..<n {
            let x = i < n - a.count ? 1 : a[i - (n - a.count)], y = i < n - b.count ? 1 : b[i - (n - b.count)]
            if x == PartialShape.unknown || y == PartialShape.unknown { continue }
            guard x == y || x == 1 || y == 1 else {
                throw MXNetError("operands could not be broadcast together with shapes \(PartialShape.text(a)) " +
                                 "\(PartialShape.text(b))")
            }
            out[i] = x == 1 ? y : x
        }
        try PartialShape.assign(&c.outputs[0], out, "output")
    }

    /// MXNet 1.x names of binary operators whose operands must have one shape (`elemwise_add`, `_mul`, `_power`,
    /// `_greater` ...); the same operators under `broadcast_*` and NumPy names broadcast.
    static let sameShapeBinaryNames: Set<String> = [
        "elemwise_add", "_add", "_plus", "_Plus", "_grad_add", "elemwise_sub", "_sub", "_minus", "_Minus",
        "elemwise_mul", "_mul", "_Mul", "elemwise_div", "_div", "_Div", "_mod", "_Mod", "_power", "_Power",
        "_maximum", "_Maximum", "_minimum", "_Minimum", "_hypot", "_equal", "_Equal", "_not_equal", "_Not_Equal",
        "_greater", "_Greater", "_greater_equal", "_Greater_Equal", "_lesser", "_Lesser", "_lesser_equal",
        "_Lesser_Equal", "_logical_and", "_Logical_And", "_logical_or", "_Logical_Or", "_logical_xor", "_Logical_Xor",
    ]

    /// A binary operator: same-shape under MXNet 1.x elementwise names, broadcasting otherwise.
    static func binaryPartial<P>(_ c: inout PartialShapeCall<P>) throws {
        if sameShapeBinaryNames.contains(c.spelling) { try sameShapePartial(&c) } else { try broadcastPartial(&c) }
    }
}
