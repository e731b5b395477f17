/// Parameters of `transpose`: nil or `()` reverses the axes.
public struct TransposeParams: OpParams {
    public var axes: [Int]?
    public init() {}
    public init(axes: [Int]?) { self.axes = axes }
    public static let fields: [ParamField<TransposeParams>] = [.optionalInts("axes", \.axes)]

    /// The permutation for rank `ndim`, checked.
    func permutation(ndim: Int) throws -> [Int] {
        guard let axes, !axes.isEmpty else { return Array((0..<ndim).reversed()) }
        guard axes.count == ndim else {
            throw MXNetError("axes \(Shape.text(axes)) don't match array of dimension \(ndim)")
        }
        return try Ops.checkedPermutation(axes, ndim: ndim, "axes")
    }
}

/// Parameters of `swapaxes`.
public struct SwapAxesParams: OpParams {
    public var dim1 = 0, dim2 = 0
    public init() {}
    public init(_ dim1: Int, _ dim2: Int) { self.dim1 = dim1; self.dim2 = dim2 }
    public static let fields: [ParamField<SwapAxesParams>] = [.int("dim1", \.dim1), .int("dim2", \.dim2)]
}

/// Parameters of `moveaxis`.
public struct MoveAxisParams: OpParams {
    public var source: [Int] = [], destination: [Int] = []
    public init() {}
    public init(source: [Int], destination: [Int]) { self.source = source; self.destination = destination }
    public static let fields: [ParamField<MoveAxisParams>] = [
        .ints("source", \.source, required: true), .ints("destination", \.destination, required: true),
    ]

    func permutation(ndim: Int) throws -> [Int] {
        guard source.count == destination.count else {
            throw MXNetError("'source' and 'destination' must have the same number of elements")
        }
        let src = try source.map { try Shape.axis($0, ndim: ndim, argument: "source") }
        let dst = try destination.map { try Shape.axis($0, ndim: ndim, argument: "destination") }
        guard Set(src).count == src.count else { throw MXNetError("repeated axis in 'source'") }
        guard Set(dst).count == dst.count else { throw MXNetError("repeated axis in 'destination'") }
        var order = (0..<ndim).filter { !src.contains($0) }
        for (d, s) in zip(dst, src).sorted(by: { $0.0 < $1.0 }) { order.insert(s, at: d) }
        return order
    }
}

/// Parameters of `expand_dims`.
public struct ExpandDimsParams: OpParams {
    public var axis = 0
    public init() {}
    public init(axis: Int) { self.axis = axis }
    public static let fields: [ParamField<ExpandDimsParams>] = [.int("axis", \.axis, required: true)]
}

/// Parameters of `squeeze`: nil removes every unit axis.
public struct SqueezeParams: OpParams {
    public var axis: [Int]?
    public init() {}
    public init(axis: [Int]?) { self.axis = axis }
    public static let fields: [ParamField<SqueezeParams>] = [.optionalInts("axis", \.axis)]

    func shape(_ x: [Int]) throws -> [Int] {
        let mask = try axis.map { try ReduceAxes.mask($0, ndim: x.count) } ?? x.map { $0 == 1 }
        for (i, m) in mask.enumerated() where m && x[i] != 1 {
            throw MXNetError("cannot select an axis to squeeze out which has size not equal to one (axis \(i))")
        }
        return x.enumerated().filter { !mask[$0.offset] }.map(\.element)
    }
}

/// Parameters of `flip` / `reverse`.
public struct FlipParams: OpParams {
    public var axis: [Int] = []
    public init() {}
    public init(axis: [Int]) { self.axis = axis }
    public static let fields: [ParamField<FlipParams>] = [.ints("axis", \.axis, required: true)]
}

/// Parameters of `roll`: nil axis rolls the flattened array.
public struct RollParams: OpParams {
    public var shift: [Int]?
    public var axis: [Int]?
    public init() {}
    public init(shift: [Int], axis: [Int]?) { self.shift = shift; self.axis = axis }
    public static let fields: [ParamField<RollParams>] = [.optionalInts("shift", \.shift), .optionalInts("axis", \.axis)]
}

/// Parameters of `tile`.
public struct TileParams: OpParams {
    public var reps: [Int] = []
    public init() {}
    public init(reps: [Int]) { self.reps = reps }
    public static let fields: [ParamField<TileParams>] = [.ints("reps", \.reps, required: true)]

    /// The input shape and reps, both padded with leading ones to a common rank.
    func padded(_ x: [Int]) throws -> (shape: [Int], reps: [Int]) {
        guard !reps.contains(where: { $0 < 0 }) else { throw MXNetError("'reps' must be non-negative, got \(Shape.text(reps))") }
        let n = Swift.max(x.count, reps.count)
        return ([Int](repeating: 1, count: n - x.count) + x, [Int](repeating: 1, count: n - reps.count) + reps)
    }
}

/// Parameters of `repeat`: nil axis repeats the flattened array.
public struct RepeatParams: OpParams {
    public var repeats = 1
    public var axis: Int?
    public init() {}
    public init(repeats: Int, axis: Int?) { self.repeats = repeats; self.axis = axis }
    public static let fields: [ParamField<RepeatParams>] = [
        .int("repeats", \.repeats, required: true), .optionalInt("axis", \.axis),
    ]
}

extension Ops {
    /// Normalises `axes` against `ndim` and checks that they form a permutation.
    static func checkedPermutation(_ axes: [Int], ndim: Int, _ name: String) throws -> [Int] {
        let p = try axes.map { try Shape.axis($0, ndim: ndim, argument: name) }
        guard Set(p).count == ndim else { throw MXNetError("repeated axis in '\(name)' \(Shape.text(axes))") }
        return p
    }

    static func inversePermutation(_ p: [Int]) -> [Int] {
        var inv = [Int](repeating: 0, count: p.count)
        for (i, a) in p.enumerated() { inv[a] = i }
        return inv
    }

    /// A byte-moving op with one input: `shape` gives the output shape, `map` the gather.
    static func layoutOp<P: OpParams>(
        _ name: String, aliases: [String] = [], display: String, params: P.Type, input: String = "data",
        shape: @escaping ([Int], P) throws -> [Int], map: @escaping ([Int], [Int], P) throws -> GatherMap,
        gradient: @escaping (GradientCall<P>) throws -> [NDArray?]
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: params, inputs: { _ in [input] },
                 widensHalfPrecision: false,
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     return [try shape(x, p)]
                 }, type: Rules.sameType,
                 forward: { c in
                     let x = c.inputs[0], o = c.outputs[0]
                     gatherElements(x, o, try map(x.shape, o.shape, c.params))
                 }, gradient: gradient)
    }

    /// An op that reorders axes by the permutation `perm` (output axis `d` is input axis `perm[d]`).
    static func permuteOp<P: OpParams>(
        _ name: String, aliases: [String] = [], display: String, params: P.Type, input: String = "data",
        perm: @escaping ([Int], P) throws -> [Int], gradient: @escaping (GradientCall<P>) throws -> [NDArray?]
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: params, inputs: { _ in [input] },
                 widensHalfPrecision: false,
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     return [try perm(x, p).map { x[$0] }]
                 }, type: Rules.sameType,
                 forward: { c in permuteElements(c.inputs[0], c.outputs[0], try perm(c.inputs[0].shape, c.params)) },
                 gradient: gradient)
    }

    /// A byte-moving op whose output is its input with another shape.
    static func reshapeOp<P: OpParams>(
        _ name: String, aliases: [String] = [], display: String, params: P.Type, input: String = "data",
        shape: @escaping ([Int], P) throws -> [Int]
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: params, inputs: { _ in [input] },
                 widensHalfPrecision: false,
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     return [try shape(x, p)]
                 }, type: Rules.sameType,
                 forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
                 gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape)] })
    }

    // MARK: - Axis order

    static let transpose = permuteOp(
        "_np_transpose", aliases: ["_npi_transpose", "transpose"], display: "transpose", params: TransposeParams.self,
        input: "a", perm: { x, p in try p.permutation(ndim: x.count) },
        gradient: { g in
            let perm = try g.params.permutation(ndim: g.inputs[0].ndim)
            return [try np.transpose(g.outputGradients[0], axes: inversePermutation(perm))]
        })

    static func swapPermutation(_ p: SwapAxesParams, ndim: Int) throws -> [Int] {
        let a = try Shape.axis(p.dim1, ndim: ndim, argument: "dim1"), b = try Shape.axis(p.dim2, ndim: ndim, argument: "dim2")
        var perm = Array(0..<ndim)
        perm.swapAt(a, b)
        return perm
    }

    static let swapaxes = permuteOp(
        "_npi_swapaxes", aliases: ["SwapAxis", "swapaxes"], display: "swapaxes", params: SwapAxesParams.self,
        perm: { x, p in try swapPermutation(p, ndim: x.count) },
        gradient: { g in [try np.swapaxes(g.outputGradients[0], g.params.dim1, g.params.dim2)] })

    static let moveaxis = permuteOp(
        "_np_moveaxis", aliases: ["_npi_moveaxis"], display: "moveaxis", params: MoveAxisParams.self, input: "a",
        perm: { x, p in try p.permutation(ndim: x.count) },
        gradient: { g in
            let perm = try g.params.permutation(ndim: g.inputs[0].ndim)
            return [try np.transpose(g.outputGradients[0], axes: inversePermutation(perm))]
        })

    // MARK: - Unit axes

    static let expandDims = reshapeOp(
        "_npi_expand_dims", aliases: ["expand_dims"], display: "expand_dims", params: ExpandDimsParams.self,
        shape: { x, p in
            let a = try Shape.axis(p.axis, ndim: x.count + 1)
            var out = x
            out.insert(1, at: a)
            return out
        })

    static let squeeze = reshapeOp("_np_squeeze", aliases: ["_npi_squeeze"], display: "squeeze",
                                   params: SqueezeParams.self, input: "a") { x, p in try p.shape(x) }

    /// MXNet 1.x `squeeze`: squeezing every axis gives `(1,)`.
    static let legacySqueeze = reshapeOp("squeeze", display: "squeeze", params: SqueezeParams.self) { x, p in
        let out = try p.shape(x)
        return out.isEmpty ? [1] : out
    }

    // MARK: - Reordering elements

    static let flip = layoutOp(
        "_npi_flip", aliases: ["reverse", "flip"], display: "flip", params: FlipParams.self,
        shape: { x, p in _ = try ReduceAxes.mask(p.axis, ndim: x.count); return x },
        map: { x, _, p in
            let mask = try ReduceAxes.mask(p.axis, ndim: x.count)
            return GatherMap(source: x, index: x.indices.map { a in { i in mask[a] ? x[a] - 1 - i : i } })
        },
        gradient: { g in [try np.flip(g.outputGradients[0], axis: g.params.axis)] })

    /// The (axis, shift) pairs of a roll; nil axis means the flattened array.
    static func rollShifts(_ p: RollParams, ndim: Int) throws -> [(Int, Int)]? {
        guard let shift = p.shift, !shift.isEmpty else { throw MXNetError("'shift' is required") }
        guard let axis = p.axis else {
            guard shift.count == 1 else { throw MXNetError("'shift' must be one integer when 'axis' is None") }
            return nil
        }
        guard shift.count == axis.count || shift.count == 1 else {
            throw MXNetError("'shift' and 'axis' must have the same number of elements")
        }
        return try axis.enumerated().map { k, a in (try Shape.axis(a, ndim: ndim), shift.count == 1 ? shift[0] : shift[k]) }
    }

    static let roll = layoutOp(
        "_np_roll", aliases: ["_npi_roll"], display: "roll", params: RollParams.self,
        shape: { x, p in _ = try rollShifts(p, ndim: x.count); return x },
        map: { x, _, p in
            func rotate(_ n: Int, _ s: Int) -> (Int) -> Int? {
                { i in n == 0 ? 0 : (((i - s) % n) + n) % n }
            }
            guard let pairs = try rollShifts(p, ndim: x.count) else {
                // Roll the flattened array (the destination is contiguous, so a 1-d map serves any shape).
                let n = Shape.count(x)
                return GatherMap(source: [n], index: [rotate(n, p.shift?.first ?? 0)])
            }
            var total = [Int](repeating: 0, count: x.count)
            for (a, s) in pairs { total[a] += s }
            return GatherMap(source: x, index: x.indices.map { rotate(x[$0], total[$0]) })
        },
        gradient: { g in
            let p = g.params
            return [try np.roll(g.outputGradients[0], shift: (p.shift ?? []).map { -$0 }, axis: p.axis)]
        })

    static let tile = layoutOp(
        "_npi_tile", aliases: ["tile"], display: "tile", params: TileParams.self,
        shape: { x, p in
            let (s, r) = try p.padded(x)
            return try zip(s, r).map { n, k in
                let (m, overflow) = n.multipliedReportingOverflow(by: k)
                guard !overflow else { throw MXNetError("'reps' \(Shape.text(p.reps)) makes the output too large") }
                return m
            }
        },
        map: { x, out, p in
            let (s, _) = try p.padded(x)
            return GatherMap(source: s, sizes: out, index: s.map { n in { i in i % n } })
        },
        gradient: { g in
            let x = g.inputs[0]
            let (s, r) = try g.params.padded(x.shape)
            // Split every axis into (reps, size) and sum over the reps axes.
            let split = zip(r, s).flatMap { [$0, $1] }
            let summed = try np.sum(np.reshape(g.outputGradients[0], split), axis: Array(stride(from: 0, to: split.count, by: 2)))
            return [try np.reshape(summed, x.shape)]
        })

    static let repeatOp = layoutOp(
        "_np_repeat", aliases: ["repeat", "_npi_repeat"], display: "repeat", params: RepeatParams.self,
        shape: { x, p in
            guard p.repeats >= 0 else { throw MXNetError("'repeats' must be non-negative, got \(p.repeats)") }
            // MXNet gives an empty 1-d array for zero repeats, whatever the axis.
            func times(_ n: Int) throws -> Int {
                let (m, overflow) = n.multipliedReportingOverflow(by: p.repeats)
                guard !overflow else { throw MXNetError("'repeats' \(p.repeats) makes the output too large") }
                return m
            }
            guard let axis = p.axis, p.repeats > 0 else { return [try times(Shape.count(x))] }
            var out = x
            let a = try Shape.axis(axis, ndim: x.count)
            out[a] = try times(out[a])
            return out
        },
        map: { x, out, p in
            let r = Swift.max(p.repeats, 1)
            guard let axis = p.axis, p.repeats > 0 else { return GatherMap(source: [Shape.count(x)], sizes: out, index: [{ i in i / r }]) }
            let a = try Shape.axis(axis, ndim: x.count)
            return GatherMap(source: x, sizes: out, index: x.indices.map { d in { i in d == a ? i / r : i } })
        },
        gradient: { g in
            let x = g.inputs[0], r = g.params.repeats
            if r == 0 { return [try np.zerosLike(x)] }
            guard let axis = g.params.axis else {
                return [try np.reshape(np.sum(np.reshape(g.outputGradients[0], [x.size, r]), axis: [1]), x.shape)]
            }
            let a = try Shape.axis(axis, ndim: x.ndim)
            var split = x.shape
            split.insert(r, at: a + 1)
            return [try np.sum(np.reshape(g.outputGradients[0], split), axis: [a + 1])]
        })

    static var layout: [Operator] {
        [transpose, swapaxes, moveaxis, expandDims, squeeze, legacySqueeze, flip, roll, tile, repeatOp]
    }
}
