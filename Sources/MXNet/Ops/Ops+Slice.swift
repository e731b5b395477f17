/// Parameters of `slice` / `_npi_slice`: per-axis `begin`, `end` and `step`, any of them `None`; axes past the
/// tuples are taken whole. Bounds follow Python slicing (negative counts from the end, out-of-range clips).
public struct SliceParams: OpParams {
    public var begin: [Int?] = []
    public var end: [Int?] = []
    public var step: [Int?] = []
    public init() {}
    public init(begin: [Int?], end: [Int?], step: [Int?] = []) { self.begin = begin; self.end = end; self.step = step }
    public static let fields: [ParamField<SliceParams>] = [
        .intsWithNone("begin", \.begin, required: true), .intsWithNone("end", \.end, required: true),
        .intsWithNone("step", \.step),
    ]

    /// Per-axis first index, step and number of elements selected from an input of `shape`.
    /// - Throws: ``MXNetError`` for a 0-d input, more axes than the input has, or a zero step.
    func resolve(_ shape: [Int]) throws -> (start: [Int], step: [Int], count: [Int]) {
        guard !shape.isEmpty else { throw MXNetError("slice only works on arrays with at least one dimension") }
        let n = max(begin.count, end.count, step.count)
        guard n <= shape.count else {
            throw MXNetError("slicing \(n) axes exceeds the \(shape.count) dimensions of the input")
        }
        var starts = [Int](repeating: 0, count: shape.count), steps = [Int](repeating: 1, count: shape.count)
        var counts = shape
        for d in 0..<n {
            let s = (d < step.count ? step[d] : nil) ?? 1
            guard s != 0 else { throw MXNetError("step[\(d)] cannot be 0") }
            let r = SliceParams.pythonRange(length: shape[d], start: d < begin.count ? begin[d] : nil,
                                            stop: d < end.count ? end[d] : nil, step: s)
            // A step is only taken between two selected elements; with fewer, any step (even one whose
            // multiple of the stride would overflow) selects the same.
            starts[d] = r.start; steps[d] = r.count > 1 ? s : 1; counts[d] = r.count
        }
        return (starts, steps, counts)
    }

    /// Python's `slice(start, stop, step).indices(length)`, as a first index and a count.
    static func pythonRange(length: Int, start: Int?, stop: Int?, step: Int) -> (start: Int, count: Int) {
        let lower = step > 0 ? 0 : -1, upper = step > 0 ? length : length - 1
        func clamp(_ v: Int?, _ missing: Int) -> Int {
            guard var v else { return missing }
            if v < 0 { v += length; return max(v, lower) }
            return min(v, upper)
        }
        let b = clamp(start, step > 0 ? lower : upper), e = clamp(stop, step > 0 ? upper : lower)
        // Written so that no step, however large, overflows.
        let magnitude = step == Int.min ? Int.max : Swift.abs(step)
        let count = step > 0 ? (e > b ? (e - b - 1) / magnitude + 1 : 0) : (b > e ? (b - e - 1) / magnitude + 1 : 0)
        return (b, count)
    }

    /// The strided region of an input of `shape` that this slice selects.
    func region(_ shape: [Int]) throws -> StridedRegion {
        let r = try resolve(shape)
        return .slice(of: shape, start: r.start, step: r.step, counts: r.count)
    }
}

/// Parameters of `_npi_slice_assign_scalar`: the slice and the value written into it.
public struct SliceAssignScalarParams: OpParams {
    public var scalar = 0.0
    public var slice = SliceParams()
    public init() {}
    public init(_ scalar: Double, _ slice: SliceParams) { self.scalar = scalar; self.slice = slice }
    public static let fields: [ParamField<SliceAssignScalarParams>] =
        [.double("scalar", \.scalar)] + SliceParams.fields.map { $0.lifted(\.slice) }
}

/// Parameters of 1.x `slice_axis`.
public struct SliceAxisParams: OpParams {
    public var axis = 0
    public var begin = 0
    public var end: Int?
    public init() {}
    public static let fields: [ParamField<SliceAxisParams>] = [
        .int("axis", \.axis, required: true), .int("begin", \.begin, required: true),
        ParamField("end", required: true, parse: {
            $0.end = AttributeValue.isNone($1) ? nil : try AttributeValue.parseInt($1)
        }, format: { $0.end.map(String.init) ?? "None" }),
    ]

    /// The equivalent `slice` parameters for an input of `shape`, with MXNet's strict bounds.
    func sliceParams(_ shape: [Int]) throws -> SliceParams {
        let a = try Shape.axis(axis, ndim: shape.count)
        let len = shape[a]
        let b = begin < 0 ? begin + len : begin
        var e = end ?? len
        if e < 0 { e += len }
        guard b >= 0 && b < e && e <= len else {
            throw MXNetError("invalid begin \(begin), end \(end.map(String.init) ?? "None") for axis \(axis) of size \(len)")
        }
        var p = SliceParams(begin: [Int?](repeating: nil, count: a + 1), end: [Int?](repeating: nil, count: a + 1))
        p.begin[a] = b
        p.end[a] = e
        return p
    }
}

/// Parameters of `slice_like`: the axes to cut to the second input's extent (all when empty).
public struct SliceLikeParams: OpParams {
    public var axes: [Int] = []
    public init() {}
    public static let fields: [ParamField<SliceLikeParams>] = [.ints("axes", \.axes)]

    func sliceParams(_ data: [Int], _ like: [Int]) throws -> SliceParams {
        var end = [Int?](repeating: nil, count: data.count)
        if axes.isEmpty {
            guard data.count == like.count else {
                throw MXNetError("without axes, inputs must have the same rank, got \(data.count) and \(like.count)")
            }
            for d in 0..<data.count { end[d] = like[d] }
        } else {
            for ax in axes {
                let a = try Shape.axis(ax, ndim: data.count, argument: "axes")
                guard a < like.count else { throw MXNetError("axis \(ax) exceeds the rank of shape_like (\(like.count))") }
                end[a] = like[a]
            }
        }
        for d in 0..<data.count {
            if let e = end[d], e > data[d] {
                throw MXNetError("axis \(d) of shape_like (\(e)) exceeds the input's size \(data[d])")
            }
        }
        return SliceParams(begin: [Int?](repeating: nil, count: data.count), end: end)
    }
}

extension Ops {
    /// `out = x[region]`.
    static func sliceForward(_ x: TensorRef, _ out: TensorRef, _ p: SliceParams) throws {
        copyStrided(from: x.data, try p.region(x.shape), to: out.data, .contiguous(out.shape), elementSize: x.dtype.size)
    }

    /// Gradient of a slice: `g` written into zeros of the input's shape.
    static func unslice(_ g: NDArray, like x: NDArray, _ p: SliceParams) throws -> NDArray {
        try Imperative.call(sliceAssign, [np.zerosLike(x), g], p)
    }

    static let slice: Operator = Operator(
        "_npi_slice", aliases: ["slice", "_npx_slice", "crop", "_sparse_slice"], display: "slice",
        params: SliceParams.self, inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, p in [try p.resolve(knownShape(s, 0)).count] }, type: Rules.sameType,
        forward: { c in try sliceForward(c.inputs[0], c.outputs[0], c.params) },
        gradient: { g in [try unslice(g.outputGradients[0], like: g.inputs[0], g.params)] })

    /// `lhs` with its slice replaced by `rhs` (which has the slice's shape).
    static let sliceAssign: Operator = Operator(
        "_npi_slice_assign", aliases: ["_slice_assign", "_crop_assign"], display: "slice_assign",
        params: SliceParams.self, inputs: { _ in ["lhs", "rhs"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let lhs = s[0] else { throw MXNetError.unknownShape("shape of lhs is unknown") }
            let region = try p.resolve(lhs).count
            let rhs = s[1] ?? region
            s[1] = rhs
            guard rhs == region else {
                throw MXNetError("rhs of shape \(Shape.text(rhs)) does not match the slice's shape \(Shape.text(region))")
            }
            return [lhs]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of lhs is unknown") }
            t[1] = d
            return [d]
        },
        forward: { c in
            let lhs = c.inputs[0], rhs = c.inputs[1], o = c.outputs[0]
            o.data.copyMemory(from: lhs.data, byteCount: lhs.count * lhs.dtype.size)
            copyStrided(from: rhs.data, .contiguous(rhs.shape), to: o.data, try c.params.region(lhs.shape),
                        elementSize: lhs.dtype.size)
        },
        gradient: { g in
            let d = g.outputGradients[0]
            return [try Imperative.call(sliceAssignScalar, [d], SliceAssignScalarParams(0, g.params)),
                    try Imperative.call(slice, [d], g.params)]
        })

    /// `data` with its slice set to `scalar`.
    static let sliceAssignScalar: Operator = Operator(
        "_npi_slice_assign_scalar", aliases: ["_slice_assign_scalar", "_crop_assign_scalar"],
        display: "slice_assign_scalar", params: SliceAssignScalarParams.self, inputs: { _ in ["data"] },
        widensHalfPrecision: false,
        shape: { s, p in
            let x = try knownShape(s, 0)
            _ = try p.slice.resolve(x)
            return [x]
        }, type: Rules.sameType,
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0]
            o.data.copyMemory(from: x.data, byteCount: x.count * x.dtype.size)
            let region = try c.params.slice.region(x.shape)
            let value = Storage(byteCount: x.dtype.size)
            fill(TensorRef(data: value.data, shape: [], dtype: x.dtype), c.params.scalar)
            let source = StridedRegion(offset: 0, shape: region.shape, strides: region.shape.map { _ in 0 })
            copyStrided(from: value.data, source, to: o.data, region, elementSize: x.dtype.size)
        },
        gradient: { g in
            [try Imperative.call(sliceAssignScalar, [g.outputGradients[0]], SliceAssignScalarParams(0, g.params.slice))]
        })

    static let sliceAxis: Operator = Operator(
        "slice_axis", display: "slice_axis", params: SliceAxisParams.self, inputs: { _ in ["data"] },
        widensHalfPrecision: false,
        shape: { s, p in
            let x = try knownShape(s, 0)
            return [try p.sliceParams(x).resolve(x).count]
        }, type: Rules.sameType,
        forward: { c in try sliceForward(c.inputs[0], c.outputs[0], c.params.sliceParams(c.inputs[0].shape)) },
        gradient: { g in
            [try unslice(g.outputGradients[0], like: g.inputs[0], g.params.sliceParams(g.inputs[0].shape))]
        })

    static let sliceLike: Operator = Operator(
        "slice_like", display: "slice_like", params: SliceLikeParams.self, inputs: { _ in ["data", "shape_like"] },
        widensHalfPrecision: false,
        shape: { s, p in
            guard let data = s[0], let like = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try p.sliceParams(data, like).resolve(data).count]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            return [d]
        },
        forward: { c in
            try sliceForward(c.inputs[0], c.outputs[0], c.params.sliceParams(c.inputs[0].shape, c.inputs[1].shape))
        },
        gradient: { g in
            let x = g.inputs[0]
            return [try unslice(g.outputGradients[0], like: x, g.params.sliceParams(x.shape, g.inputs[1].shape)),
                    try np.zerosLike(g.inputs[1])]
        })

    static var slicing: [Operator] { [slice, sliceAssign, sliceAssignScalar, sliceAxis, sliceLike] }
}
