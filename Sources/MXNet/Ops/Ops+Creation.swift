/// Parameters of `_npi_zeros`, `_npi_ones` and `_npi_identity` (and their 1.x forms `_zeros`, `_ones`).
public struct InitParams: OpParams {
    public var shape: [Int] = []
    /// The device MXNet records; ignored (CPU only).
    public var ctx = ""
    public var dtype = DType.float32
    public init() {}
    public init(_ shape: [Int], dtype: DType) { self.shape = shape; self.dtype = dtype }
    public static let fields: [ParamField<InitParams>] = [
        .ints("shape", \.shape), .string("ctx", \.ctx), .dtype("dtype", \.dtype),
    ]
}

/// Parameters of `_npi_full` / `_full`.
public struct FullParams: OpParams {
    public var shape: [Int] = []
    public var ctx = ""
    public var dtype = DType.float32
    public var value = 0.0
    public init() {}
    public init(_ shape: [Int], value: Double, dtype: DType) { self.shape = shape; self.value = value; self.dtype = dtype }
    public static let fields: [ParamField<FullParams>] = [
        .ints("shape", \.shape, required: true), .string("ctx", \.ctx), .dtype("dtype", \.dtype),
        .double("value", \.value, required: true),
    ]
}

/// Parameters of `_npi_arange` and `_arange`: `start, start + step, ...` up to (not including) `stop`;
/// without `stop`, `0 ..< start`. `repeat` (1.x only) repeats each value.
public struct RangeParams: OpParams {
    public var start = 0.0
    public var stop: Double?
    public var step = 1.0
    public var repeatCount = 1
    public var inferRange = false
    public var ctx = ""
    public var dtype = DType.float32
    public init() {}
    public init(start: Double, stop: Double?, step: Double, dtype: DType) {
        self.start = start; self.stop = stop; self.step = step; self.dtype = dtype
    }
    public static let fields: [ParamField<RangeParams>] = [
        .double("start", \.start, required: true), .optionalDouble("stop", \.stop), .double("step", \.step),
        .int("repeat", \.repeatCount), .bool("infer_range", \.inferRange), .string("ctx", \.ctx),
        .dtype("dtype", \.dtype),
    ]

    /// The number of distinct values (before repeating), or nil for an empty or reversed range.
    func count() throws -> Int {
        guard step != 0 else { throw MXNetError("step=0 is not supported") }
        guard step.isFinite && start.isFinite && (stop?.isFinite ?? true) else {
            throw MXNetError("start, stop and step must be finite")
        }
        let (lo, hi) = stop.map { (start, $0) } ?? (0, start)
        let n = ((hi - lo) / step).rounded(.up)
        guard n < Double(1 << 40) else { throw MXNetError("range of \(n) elements is too large") }
        return n > 0 ? Int(n) : 0
    }
}

/// Parameters of `_npi_linspace` / `_linspace`.
public struct LinspaceParams: OpParams {
    public var start = 0.0
    public var stop = 0.0
    public var num = 0
    public var endpoint = true
    public var ctx = ""
    public var dtype = DType.float32
    public init() {}
    public init(start: Double, stop: Double, num: Int, endpoint: Bool, dtype: DType) {
        self.start = start; self.stop = stop; self.num = num; self.endpoint = endpoint; self.dtype = dtype
    }
    public static let fields: [ParamField<LinspaceParams>] = [
        .double("start", \.start, required: true), .double("stop", \.stop, required: true),
        .int("num", \.num, required: true), .bool("endpoint", \.endpoint), .string("ctx", \.ctx),
        .dtype("dtype", \.dtype),
    ]
}

/// Parameters of `_npi_eye`: an `N x M` matrix (M defaults to N) with ones on diagonal `k`.
public struct EyeParams: OpParams {
    public var n = 0
    public var m: Int?
    public var k = 0
    public var ctx = ""
    public var dtype = DType.float32
    public init() {}
    public init(n: Int, m: Int?, k: Int, dtype: DType) { self.n = n; self.m = m; self.k = k; self.dtype = dtype }
    public static let fields: [ParamField<EyeParams>] = [
        .int("N", \.n, required: true), .optionalInt("M", \.m), .int("k", \.k), .string("ctx", \.ctx),
        .dtype("dtype", \.dtype),
    ]
}

/// Parameters of 1.x `_eye`, where `M=0` (the default) means N.
public struct LegacyEyeParams: OpParams {
    public var n = 0
    public var m = 0
    public var k = 0
    public var ctx = ""
    public var dtype = DType.float32
    public init() {}
    public static let fields: [ParamField<LegacyEyeParams>] = [
        .int("N", \.n, required: true), .int("M", \.m), .int("k", \.k), .string("ctx", \.ctx),
        .dtype("dtype", \.dtype),
    ]
}

extension Ops {
    /// Checks a user-given output shape: no negative dimension, and a size whose bytes fit an `Int`.
    static func checkedShape(_ shape: [Int]) throws -> [Int] {
        guard !shape.contains(where: { $0 < 0 }) else {
            throw MXNetError("negative dimensions are not allowed, got shape \(Shape.text(shape))")
        }
        var n = 8
        for d in shape {
            let (m, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow else { throw MXNetError("shape \(Shape.text(shape)) is too large") }
            n = m
        }
        return shape
    }

    static func constant(_ name: String, aliases: [String], display: String, value: Double) -> Operator {
        Operator(name, aliases: aliases, display: display, params: InitParams.self, inputs: { _ in [] },
                 widensHalfPrecision: false,
                 shape: { _, p in [try checkedShape(p.shape)] }, type: { _, p in [p.dtype] },
                 forward: { c in fill(c.outputs[0], value) }, gradient: nil)
    }

    static let zeros = constant("_npi_zeros", aliases: ["_zeros"], display: "zeros", value: 0)
    static let ones = constant("_npi_ones", aliases: ["_ones"], display: "ones", value: 1)

    static let full = Operator(
        "_npi_full", aliases: ["_full"], display: "full", params: FullParams.self, inputs: { _ in [] },
        widensHalfPrecision: false,
        shape: { _, p in [try checkedShape(p.shape)] }, type: { _, p in [p.dtype] },
        forward: { c in fill(c.outputs[0], c.params.value) }, gradient: nil)

    /// NumPy's `arange`: an empty range gives an empty array; `repeat` must be 1.
    static let arange = Operator(
        "_npi_arange", display: "arange", params: RangeParams.self, inputs: { _ in [] }, widensHalfPrecision: false,
        shape: { _, p in
            guard p.repeatCount == 1 else { throw MXNetError("only repeat=1 is supported, got \(p.repeatCount)") }
            return [[try p.count()]]
        }, type: { _, p in [p.dtype] },
        forward: { c in fillRange(c.outputs[0], c.params) }, gradient: nil)

    /// MXNet 1.x `arange`: the range must be non-empty, values may repeat.
    static let legacyArange = Operator(
        "_arange", display: "arange", params: RangeParams.self, inputs: { _ in [] }, widensHalfPrecision: false,
        shape: { _, p in
            guard p.repeatCount > 0 else { throw MXNetError("repeat must be positive, got \(p.repeatCount)") }
            if p.inferRange && p.stop == nil {
                throw MXNetError("infer_range=True needs the output shape from a graph; give stop instead")
            }
            let n = try p.count()
            guard n > 0 else {
                throw MXNetError("invalid range (start, stop, step) = (\(p.start), \(p.stop ?? 0), \(p.step))")
            }
            return [[n * p.repeatCount]]
        }, type: { _, p in [p.dtype] },
        forward: { c in fillRange(c.outputs[0], c.params) }, gradient: nil)

    static let linspace = Operator(
        "_npi_linspace", aliases: ["_linspace"], display: "linspace", params: LinspaceParams.self, inputs: { _ in [] },
        widensHalfPrecision: false,
        shape: { _, p in
            guard p.num >= 0 else { throw MXNetError("number of samples 'num' must be non-negative, got \(p.num)") }
            return [[p.num]]
        }, type: { _, p in [p.dtype] },
        forward: { c in
            let p = c.params
            let div = p.endpoint ? p.num - 1 : p.num
            let step = div > 0 ? (p.stop - p.start) / Double(div) : 0
            let last = p.endpoint && p.num > 1 ? p.num - 1 : -1
            c.outputs[0].dtype.visit(SequenceKernel(out: c.outputs[0]) { i in i == last ? p.stop : p.start + step * Double(i) })
        }, gradient: nil)

    static let eye = Operator(
        "_npi_eye", display: "eye", params: EyeParams.self, inputs: { _ in [] }, widensHalfPrecision: false,
        shape: { _, p in [try checkedShape([p.n, p.m ?? p.n])] }, type: { _, p in [p.dtype] },
        forward: { c in fillDiagonal(c.outputs[0], k: c.params.k) }, gradient: nil)

    static let legacyEye = Operator(
        "_eye", display: "eye", params: LegacyEyeParams.self, inputs: { _ in [] }, widensHalfPrecision: false,
        shape: { _, p in [try checkedShape([p.n, p.m == 0 ? p.n : p.m])] }, type: { _, p in [p.dtype] },
        forward: { c in fillDiagonal(c.outputs[0], k: c.params.k) }, gradient: nil)

    /// `np.identity`: ones at flat positions `i * (N + 1)` for `i < N`, `N = shape[0]` — the identity for the
    /// `(N, N)` shape that `np.identity` passes (other shapes follow MXNet 1.9.1's kernel).
    static let identity = Operator(
        "_npi_identity", display: "identity", params: InitParams.self, inputs: { _ in [] }, widensHalfPrecision: false,
        shape: { _, p in
            guard !p.shape.isEmpty else { throw MXNetError("shape must have at least one dimension") }
            return [try checkedShape(p.shape)]
        }, type: { _, p in [p.dtype] },
        forward: { c in
            let o = c.outputs[0], n = o.shape[0]
            fill(o, 0)
            o.dtype.visit(SetOnes(out: o, positions: (0..<n).map { $0 * (n + 1) }.filter { $0 < o.count }))
        }, gradient: nil)

    static var creation: [Operator] { [zeros, ones, full, arange, legacyArange, linspace, eye, legacyEye, identity] }
}

/// Writes `start + (i / repeat) * step` in the output dtype: start and step are first converted to that dtype
/// (so integer ranges step by whole numbers), as MXNet's range kernel does.
private func fillRange(_ out: TensorRef, _ p: RangeParams) {
    let start = p.stop == nil ? 0 : p.start, step = p.step, r = max(p.repeatCount, 1)
    switch out.dtype {
    case .float64:
        out.dtype.visit(SequenceKernel(out: out) { i in start + Double(i / r) * step })
    case .float32, .float16, .bfloat16:
        let s = Float(start), st = Float(step)
        out.dtype.visit(SequenceKernel(out: out) { i in Double(s + Float(i / r) * st) })
    default:
        let s = out.dtype.truncate(start), st = out.dtype.truncate(step)
        out.dtype.visit(IntegerSequenceKernel(out: out) { i in s &+ Int64(i / r) &* st })
    }
}

extension DType {
    /// `value` converted to this (integer) dtype and widened back to Int64, with C cast semantics.
    func truncate(_ value: Double) -> Int64 {
        withElementType(self) { t in t.init(fromDouble: value).int64Value }
    }
}

/// `out[i] = value(i)` converted from Double.
private struct SequenceKernel: ElementVisitor {
    let out: TensorRef
    let value: (Int) -> Double
    func visit<T: Element>(_: T.Type) {
        let p = out.pointer(T.self)
        for i in 0..<out.count { p[i] = T(fromDouble: value(i)) }
    }
}

/// `out[i] = value(i)` converted from Int64 (wrapping), split across cores when large.
struct IntegerSequenceKernel: ElementVisitor {
    let out: TensorRef
    let value: (Int) -> Int64
    func visit<T: Element>(_: T.Type) {
        let p = out.pointer(T.self)
        parallelFor(out.count, cost: 8) { lo, hi in for i in lo..<hi { p[i] = T(fromInt64: value(i)) } }
    }
}

/// Sets `out[position] = 1` for each position.
private struct SetOnes: ElementVisitor {
    let out: TensorRef, positions: [Int]
    func visit<T: Element>(_: T.Type) {
        let p = out.pointer(T.self), one = T(fromDouble: 1)
        for i in positions { p[i] = one }
    }
}

/// Zeros with ones on diagonal `k` of a 2-d output.
private func fillDiagonal(_ out: TensorRef, k: Int) {
    fill(out, 0)
    let rows = out.shape[0], cols = out.shape[1]
    var positions: [Int] = []
    for i in 0..<rows {
        let j = i + k
        if j >= 0 && j < cols { positions.append(i * cols + j) }
    }
    out.dtype.visit(SetOnes(out: out, positions: positions))
}
