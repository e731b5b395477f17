/// How `pad` fills the border.
public enum PadMode: String, CaseIterable, Sendable {
    /// A constant value.
    case constant
    /// The edge value repeated.
    case edge
    /// A mirror image without the edge (`[1, 2, 3]` → `3, 2 | 1, 2, 3 | 2, 1`).
    case reflect
    /// A mirror image including the edge (`[1, 2, 3]` → `2, 1 | 1, 2, 3 | 3, 2`).
    case symmetric
    /// The maximum along the axis (not supported here).
    case maximum
    /// The minimum along the axis (not supported here).
    case minimum
}

/// Parameters of NumPy `pad` (`_npi_pad`): one `(before, after)` pair per axis.
public struct PadParams: OpParams {
    public var padWidth: [[Int]] = []
    public var mode = PadMode.constant
    public var constantValue = 0.0
    public var reflectType = "even"
    public init() {}
    public init(padWidth: [[Int]], mode: PadMode = .constant, constantValue: Double = 0) {
        self.padWidth = padWidth; self.mode = mode; self.constantValue = constantValue
    }
    public static let fields: [ParamField<PadParams>] = [
        ParamField("pad_width", required: true, parse: { $0.padWidth = try parseNestedInts($1) },
                   format: { "(" + $0.padWidth.map { AttributeValue.format($0) }.joined(separator: ", ") +
                       ($0.padWidth.count == 1 ? ",)" : ")") }),
        .choice("mode", \.mode), .double("constant_value", \.constantValue), .string("reflect_type", \.reflectType),
    ]

    /// Parses `((1, 2), (0, 0))`.
    static func parseNestedInts(_ s: String) throws -> [[Int]] {
        var out: [[Int]] = [], current: [Int] = [], number = "", depth = 0
        for ch in s {
            switch ch {
            case "(", "[":
                depth += 1
                if depth == 2 { current = [] }
            case ")", "]":
                if !number.isEmpty { current.append(try AttributeValue.parseInt(number)); number = "" }
                if depth == 2 { out.append(current) }
                depth -= 1
            case ",":
                if !number.isEmpty { current.append(try AttributeValue.parseInt(number)); number = "" }
            case " ", "L": continue
            default:
                guard depth == 2 else { throw MXNetError("expected a tuple of tuples, got '\(s)'") }
                number.append(ch)
            }
        }
        guard depth == 0 else { throw MXNetError("unbalanced parentheses in '\(s)'") }
        return out
    }
}

/// Parameters of MXNet 1.x `Pad`: a flat `pad_width` of `2 × ndim` entries on a 4-d or 5-d array.
public struct LegacyPadParams: OpParams {
    public var mode = PadMode.constant
    public var padWidth: [Int] = []
    public var constantValue = 0.0
    public init() {}
    public static let fields: [ParamField<LegacyPadParams>] = [
        .choice("mode", \.mode, required: true), .ints("pad_width", \.padWidth, required: true),
        .double("constant_value", \.constantValue),
    ]
}

/// Where each source index comes from along one padded axis of size `n`: nil for the constant border.
func padIndex(_ mode: PadMode, n: Int, before: Int) -> (Int) -> Int? {
    { i in
        let p = i - before
        if p >= 0 && p < n { return p }
        if n == 0 { return nil }
        switch mode {
        case .constant, .maximum, .minimum: return nil
        case .edge: return p < 0 ? 0 : n - 1
        case .reflect:
            if n == 1 { return 0 }
            let period = 2 * (n - 1)
            let m = ((p % period) + period) % period
            return m < n ? m : period - m
        case .symmetric:
            let period = 2 * n
            let m = ((p % period) + period) % period
            return m < n ? m : period - 1 - m
        }
    }
}

extension Ops {
    /// Checks pads for an input of shape `x` and returns the padded shape.
    static func paddedShape(_ x: [Int], _ pads: [[Int]], _ mode: PadMode) throws -> [Int] {
        guard pads.count == x.count, pads.allSatisfy({ $0.count == 2 && $0[0] >= 0 && $0[1] >= 0 }) else {
            throw MXNetError("pad_width must give a non-negative (before, after) pair for each of the \(x.count) axes")
        }
        guard mode != .maximum && mode != .minimum else { throw MXNetError("mode '\(mode.rawValue)' is not supported") }
        for (n, p) in zip(x, pads) where n == 0 && p[0] + p[1] > 0 && mode != .constant {
            throw MXNetError("cannot pad an empty axis in mode '\(mode.rawValue)'")
        }
        return zip(x, pads).map { $0 + $1[0] + $1[1] }
    }

    static func padMap(_ x: [Int], _ pads: [[Int]], _ mode: PadMode) -> GatherMap {
        GatherMap(source: x, sizes: zip(x, pads).map { $0 + $1[0] + $1[1] },
                  index: x.indices.map { padIndex(mode, n: x[$0], before: pads[$0][0]) })
    }

    static let pad = Operator(
        "_npi_pad", display: "pad", params: PadParams.self, inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            return [try paddedShape(x, p.padWidth, p.mode)]
        }, type: Rules.sameType,
        forward: { c in
            let x = c.inputs[0], p = c.params
            gatherElements(x, c.outputs[0], padMap(x.shape, p.padWidth, p.mode), fillValue: p.constantValue)
        }, gradient: { g in
            [try Imperative.call(Ops.padBackward, [g.outputGradients[0]],
                                 PadParams(padWidth: g.params.padWidth, mode: g.params.mode))]
        })

    /// The adjoint of padding: sums the gradient of every padded position into the source element it copied.
    static let padBackward = Operator(
        "_backward_pad", display: "pad", params: PadParams.self, inputs: { _ in ["grad"] },
        shape: { s, p in
            guard let g = s[0] else { throw MXNetError.unknownShape("gradient shape is unknown") }
            guard g.count == p.padWidth.count,
                  p.padWidth.allSatisfy({ $0.count == 2 && $0[0] >= 0 && $0[1] >= 0 }) else {
                throw MXNetError("gradient shape does not match pad_width")
            }
            let x = zip(g, p.padWidth).map { $0 - $1[0] - $1[1] }
            guard !x.contains(where: { $0 < 0 }), p.mode != .maximum && p.mode != .minimum else {
                throw MXNetError("gradient shape \(Shape.text(g)) does not match pad_width")
            }
            return [x]
        }, type: Rules.sameType,
        forward: { c in
            let out = c.outputs[0], p = c.params
            try c.inputs[0].dispatchFloat(GatherAdjointKernel(grad: c.inputs[0], into: out,
                                                              map: padMap(out.shape, p.padWidth, p.mode)))
        }, gradient: nil)

    static func legacyPads(_ x: [Int], _ p: LegacyPadParams) throws -> [[Int]] {
        guard x.count == 4 || x.count == 5 else { throw MXNetError("only 4-d and 5-d input is supported, got \(Shape.text(x))") }
        guard p.padWidth.count == 2 * x.count else {
            throw MXNetError("pad_width must have \(2 * x.count) entries, got \(p.padWidth.count)")
        }
        guard p.padWidth[0...3].allSatisfy({ $0 == 0 }) else {
            throw MXNetError("padding the first two axes is not supported; pad_width must start with four zeros")
        }
        guard p.mode == .constant || p.mode == .edge || p.mode == .reflect else {
            throw MXNetError("mode '\(p.mode.rawValue)' is not supported by Pad")
        }
        let pads = stride(from: 0, to: p.padWidth.count, by: 2).map { [p.padWidth[$0], p.padWidth[$0 + 1]] }
        if p.mode == .reflect {
            for (n, w) in zip(x, pads) where (w[0] > 0 || w[1] > 0) && (w[0] >= n || w[1] >= n) {
                throw MXNetError("reflect padding must be smaller than the axis size \(n)")
            }
        }
        return pads
    }

    /// MXNet 1.x `Pad` on 4-d/5-d arrays (the batch and channel axes are never padded).
    static let legacyPad = Operator(
        "Pad", aliases: ["pad", "_npx_pad"], display: "pad", params: LegacyPadParams.self, inputs: { _ in ["data"] },
        widensHalfPrecision: false,
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            return [try paddedShape(x, try legacyPads(x, p), p.mode)]
        }, type: Rules.sameType,
        forward: { c in
            let x = c.inputs[0], p = c.params
            gatherElements(x, c.outputs[0], padMap(x.shape, try legacyPads(x.shape, p), p.mode), fillValue: p.constantValue)
        }, gradient: { g in
            let pads = try legacyPads(g.inputs[0].shape, g.params)
            return [try Imperative.call(Ops.padBackward, [g.outputGradients[0]], PadParams(padWidth: pads, mode: g.params.mode))]
        })

    static var padding: [Operator] { [pad, padBackward, legacyPad, crop] }

    static var manipulation: [Operator] { layout + joins + selection + sorting + padding }
}
