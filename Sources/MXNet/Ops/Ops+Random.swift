/// Parameters of `_npi_uniform` (`low`, `high`) and `_npi_normal` (`loc`, `scale`): each parameter is a number,
/// or `None` when it comes as an array input instead.
public struct DistributionParams: OpParams {
    public var first: Double? = 0
    public var second: Double? = 1
    /// Output shape; nil: the broadcast shape of array parameters (0-d for numbers).
    public var size: [Int]?
    public var ctx = "cpu"
    public var dtype = DType.float32
    public init() {}
    public init(_ first: Double?, _ second: Double?, size: [Int]?, dtype: DType) {
        self.first = first; self.second = second; self.size = size; self.dtype = dtype
    }
    static func makeFields(_ a: String, _ b: String) -> [ParamField<DistributionParams>] {
        [.requiredOptionalDouble(a, \.first), .requiredOptionalDouble(b, \.second), .optionalInts("size", \.size),
         .string("ctx", \.ctx), .dtype("dtype", \.dtype)]
    }
    public static let fields = makeFields("low", "high")

    /// Input names: array parameters in order.
    var inputNames: [String] { ["input1", "input2"].prefix((first == nil ? 1 : 0) + (second == nil ? 1 : 0)).map { $0 } }
}

/// `_npi_normal` spells its parameters `loc` and `scale`.
public struct NormalParams: OpParams {
    public var base = DistributionParams()
    public init() {}
    public init(_ loc: Double?, _ scale: Double?, size: [Int]?, dtype: DType) {
        base = DistributionParams(loc, scale, size: size, dtype: dtype)
    }
    public static let fields: [ParamField<NormalParams>] = DistributionParams.makeFields("loc", "scale").map { $0.lifted(\.base) }
}

/// Parameters of MXNet 1.x `_random_uniform` (`low`, `high`) and `_random_normal` (`loc`, `scale`).
public struct LegacyDistributionParams: OpParams {
    public var first = 0.0
    public var second = 1.0
    public var shape: [Int]?
    public var ctx = ""
    public var dtype: DType?
    public init() {}
    static func makeFields(_ a: String, _ b: String) -> [ParamField<LegacyDistributionParams>] {
        [.double(a, \.first), .double(b, \.second), .optionalInts("shape", \.shape), .string("ctx", \.ctx),
         .optionalDType("dtype", \.dtype)]
    }
    public static let fields = makeFields("low", "high")
}

/// `_random_normal`'s spelling of ``LegacyDistributionParams``.
public struct LegacyNormalParams: OpParams {
    public var base = LegacyDistributionParams()
    public init() {}
    public static let fields: [ParamField<LegacyNormalParams>] = LegacyDistributionParams.makeFields("loc", "scale")
        .map { $0.lifted(\.base) }
}

/// Parameters of `_npi_random_randint`: integers in `low ..< high`.
public struct RandintParams: OpParams {
    public var low = 0
    public var high = 0
    public var shape: [Int]?
    public var ctx = ""
    public var dtype: DType?
    public init() {}
    public init(low: Int, high: Int, shape: [Int], dtype: DType) {
        self.low = low; self.high = high; self.shape = shape; self.dtype = dtype
    }
    public static let fields: [ParamField<RandintParams>] = [
        .int("low", \.low, required: true), .int("high", \.high, required: true), .optionalInts("shape", \.shape),
        .string("ctx", \.ctx), .optionalDType("dtype", \.dtype),
    ]
}

/// Parameters of `_npi_choice`: `size` draws from `0 ..< a`, weighted by the array input when `weighted`.
public struct ChoiceParams: OpParams {
    public var a = 0
    public var size: [Int]?
    public var ctx = "cpu"
    public var replace = true
    public var weighted = false
    public init() {}
    public init(a: Int, size: [Int]?, replace: Bool, weighted: Bool) {
        self.a = a; self.size = size; self.replace = replace; self.weighted = weighted
    }
    public static let fields: [ParamField<ChoiceParams>] = [
        .int("a", \.a, required: true),
        ParamField("size", required: true, parse: {
            $0.size = AttributeValue.isNone($1) ? nil : try AttributeValue.parseInts($1)
        }, format: { $0.size.map { AttributeValue.format($0) } ?? "None" }),
        .string("ctx", \.ctx), .bool("replace", \.replace), .bool("weighted", \.weighted),
    ]
}

extension ParamField {
    /// A number that MXNet requires but that may be `None` (then an array input stands in for it).
    static func requiredOptionalDouble(_ name: String, _ kp: WritableKeyPath<P, Double?>) -> ParamField {
        ParamField(name, required: true, parse: {
            $0[keyPath: kp] = AttributeValue.isNone($1) ? nil : try AttributeValue.parseDouble($1)
        }, format: { $0[keyPath: kp].map(AttributeValue.format) ?? "None" })
    }

    /// This field as a field of a struct that holds `P` at `path`.
    func lifted<Q>(_ path: WritableKeyPath<Q, P>) -> ParamField<Q> {
        ParamField<Q>(name, required: required, parse: { q, s in try self.parse(&q[keyPath: path], s) },
                      format: { q in self.format(q[keyPath: path]) })
    }
}

private enum Distribution { case uniform, normal }

extension Ops {
    /// Output shape of a sampler: `size`, which array parameters must broadcast to, or their broadcast shape.
    static func sampleShape(_ inputs: [[Int]?], size: [Int]?) throws -> [Int] {
        var shape: [Int] = []
        for s in inputs {
            guard let s else { throw MXNetError.unknownShape("parameter array shape is unknown") }
            guard let b = Shape.broadcast(shape, s) else {
                throw MXNetError("parameter arrays of shapes \(Shape.text(shape)) and \(Shape.text(s)) do not broadcast")
            }
            shape = b
        }
        guard let size else { return shape }
        let out = try checkedShape(size)
        guard Shape.broadcast(shape, out) == out else {
            throw MXNetError("parameters of shape \(Shape.text(shape)) cannot be broadcast to size \(Shape.text(out))")
        }
        return out
    }

    static func floatSampleType(_ t: inout [DType?], _ dtype: DType) throws -> [DType] {
        guard dtype.isFloatingPoint else { throw MXNetError("dtype must be a float type, got \(dtype)") }
        for i in 0..<t.count { t[i] = dtype }
        return [dtype]
    }

    private static func sampler(_ p: DistributionParams, _ c: [TensorRef], _ out: TensorRef,
                                _ kind: Distribution) throws {
        var k = 0
        func next(_ v: Double?) -> TensorRef? {
            guard v == nil else { return nil }
            defer { k += 1 }
            return c[k]
        }
        let a = next(p.first), b = next(p.second)
        if kind == .normal {
            if let s = p.second, s < 0 { throw MXNetError("scale must be non-negative, got \(s)") }
            if let b, (0..<b.count).contains(where: { b.double(at: $0) < 0 }) {
                throw MXNetError("scale must be non-negative")
            }
        }
        try out.dispatchFloat(DistributionKernel(out: out, kind: kind, first: a, second: b,
                                                 firstValue: p.first ?? 0, secondValue: p.second ?? 0))
    }

    static let uniform = Operator(
        "_npi_uniform", display: "uniform", params: DistributionParams.self, inputs: { $0.inputNames }, random: true,
        shape: { s, p in [try sampleShape(s, size: p.size)] }, type: { t, p in try floatSampleType(&t, p.dtype) },
        forward: { c in try sampler(c.params, c.inputs, c.outputs[0], .uniform) }, gradient: nil)

    static let normal = Operator(
        "_npi_normal", display: "normal", params: NormalParams.self, inputs: { $0.base.inputNames }, random: true,
        shape: { s, p in [try sampleShape(s, size: p.base.size)] },
        type: { t, p in try floatSampleType(&t, p.base.dtype) },
        forward: { c in try sampler(c.params.base, c.inputs, c.outputs[0], .normal) }, gradient: nil)

    static func legacySampleShape(_ shape: [Int]?) throws -> [[Int]] {
        guard let shape else { throw MXNetError("shape is required") }
        return [try checkedShape(shape)]
    }

    /// MXNet 1.x `uniform`: `low <= high`, `shape` required.
    static let legacyUniform = Operator(
        "_random_uniform", aliases: ["random_uniform", "uniform"], display: "uniform",
        params: LegacyDistributionParams.self, inputs: { _ in [] }, random: true,
        shape: { _, p in
            guard p.first <= p.second else { throw MXNetError("low must be less than or equal to high") }
            return try legacySampleShape(p.shape)
        }, type: { t, p in try floatSampleType(&t, p.dtype ?? .float32) },
        forward: { c in
            try sampler(DistributionParams(c.params.first, c.params.second, size: nil, dtype: .float32), [],
                        c.outputs[0], .uniform)
        }, gradient: nil)

    /// MXNet 1.x `normal`: `scale > 0`, `shape` required.
    static let legacyNormal = Operator(
        "_random_normal", aliases: ["random_normal", "normal"], display: "normal",
        params: LegacyNormalParams.self, inputs: { _ in [] }, random: true,
        shape: { _, p in
            guard p.base.second > 0 else { throw MXNetError("scale must be positive, got \(p.base.second)") }
            return try legacySampleShape(p.base.shape)
        }, type: { t, p in try floatSampleType(&t, p.base.dtype ?? .float32) },
        forward: { c in
            try sampler(DistributionParams(c.params.base.first, c.params.base.second, size: nil, dtype: .float32), [],
                        c.outputs[0], .normal)
        }, gradient: nil)

    static let randint = Operator(
        "_npi_random_randint", aliases: ["_random_randint", "random_randint"], display: "randint",
        params: RandintParams.self, inputs: { _ in [] }, random: true, widensHalfPrecision: false,
        shape: { _, p in
            guard p.high > p.low else { throw MXNetError("high (\(p.high)) must be greater than low (\(p.low))") }
            return try legacySampleShape(p.shape)
        }, type: { _, p in
            let d = p.dtype ?? .int32
            guard d.isInteger else { throw MXNetError("dtype must be an integer type, got \(d)") }
            return [d]
        },
        forward: { c in
            let o = c.outputs[0], low = Int64(c.params.low)
            let range = UInt64(bitPattern: Int64(c.params.high) &- low)
            let s = RandomGenerator.stream(count: o.count)
            o.dtype.visit(IntegerSequenceKernel(out: o) { i in low &+ Int64(bitPattern: s.below(range, i)) })
        }, gradient: nil)

    static let choice = Operator(
        "_npi_choice", display: "choice", params: ChoiceParams.self, inputs: { $0.weighted ? ["input1"] : [] },
        random: true,
        shape: { s, p in
            let out = try checkedShape(p.size ?? [])
            let n = Shape.count(out)
            if n > 0 && p.a <= 0 { throw MXNetError("a must be greater than 0 unless no samples are taken") }
            if !p.replace && n > p.a {
                throw MXNetError("cannot take a larger sample (\(n)) than the population (\(p.a)) when replace=False")
            }
            if p.weighted, let w = s[0], w != [p.a] {
                throw MXNetError("p must be 1-dimensional of length a=\(p.a), got shape \(Shape.text(w))")
            }
            return [out]
        }, type: { t, _ in
            if !t.isEmpty { t[0] = .float64 }
            return [.int64]
        },
        forward: { c in
            try sampleChoice(c.params, weights: c.params.weighted ? c.inputs[0] : nil, out: c.outputs[0])
        }, gradient: nil)

    static let shuffle = Operator(
        "_npi_shuffle", aliases: ["_shuffle", "shuffle"], display: "shuffle", params: NoParams.self,
        inputs: { _ in ["data"] }, random: true, widensHalfPrecision: false,
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            guard !x.isEmpty else { throw MXNetError("cannot shuffle a 0-d array") }
            return [x]
        }, type: Rules.sameType,
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0], n = x.shape[0]
            let rowBytes = n == 0 ? 0 : x.count / n * x.dtype.size
            var perm = Array(0..<n)
            let s = RandomGenerator.stream(count: n)
            for i in stride(from: n - 1, to: 0, by: -1) {
                perm.swapAt(i, Int(s.below(UInt64(i + 1), i)))
            }
            for (row, from) in perm.enumerated() {
                (o.data + row * rowBytes).copyMemory(from: x.data + from * rowBytes, byteCount: rowBytes)
            }
        }, gradient: nil)

    static var random: [Operator] { [uniform, normal, legacyUniform, legacyNormal, randint, choice, shuffle] }

    /// Draws `_npi_choice` samples into the int64 `out`.
    private static func sampleChoice(_ p: ChoiceParams, weights: TensorRef?, out: TensorRef) throws {
        let n = out.count, a = p.a
        let o = out.pointer(Int64.self)
        if n == 0 { return }
        let s = RandomGenerator.stream(count: max(n, weights == nil ? 0 : a))
        guard let weights else {
            if p.replace {
                for i in 0..<n { o[i] = Int64(s.below(UInt64(a), i)) }
            } else {
                // Partial Fisher–Yates over 0..<a, storing only the swapped positions.
                var swapped: [Int: Int] = [:]
                for i in 0..<n {
                    let j = i + Int(s.below(UInt64(a - i), i))
                    let vj = swapped[j] ?? j
                    swapped[j] = swapped[i] ?? i
                    o[i] = Int64(vj)
                }
            }
            return
        }
        let w = weights.pointer(Double.self)
        var total = 0.0, positive = 0
        for j in 0..<a {
            guard w[j] >= 0 && w[j].isFinite else { throw MXNetError("probabilities must be finite and non-negative") }
            total += w[j]
            if w[j] > 0 { positive += 1 }
        }
        guard total > 0 else { throw MXNetError("probabilities sum to zero") }
        if p.replace {
            var cdf = [Double](repeating: 0, count: a)
            var acc = 0.0
            for j in 0..<a { acc += w[j]; cdf[j] = acc }
            for i in 0..<n {
                let u = s.uniform(i) * total
                var lo = 0, hi = a - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cdf[mid] > u { hi = mid } else { lo = mid + 1 }
                }
                while w[lo] == 0 && lo > 0 { lo -= 1 }  // rounding at the top end
                o[i] = Int64(lo)
            }
        } else {
            guard positive >= n else { throw MXNetError("fewer non-zero entries in p (\(positive)) than size (\(n))") }
            // Efraimidis–Spirakis: the n largest keys log(u) / w are a weighted sample without replacement.
            let keys = (0..<a).map { j in w[j] > 0 ? Foundation_log(1 - s.uniform(j)) / w[j] : -Double.infinity }
            let order = (0..<a).sorted { keys[$0] > keys[$1] }
            for i in 0..<n { o[i] = Int64(order[i]) }
        }
    }
}

/// `out = first + (second - first) * u` (uniform) or `first + second * z` (normal), with array parameters
/// broadcast to the output.
private struct DistributionKernel: FloatVisitor {
    let out: TensorRef, kind: Distribution, first: TensorRef?, second: TensorRef?
    let firstValue: Double, secondValue: Double

    func float<T: KernelFloat>(_: T.Type) {
        let n = out.count, o = out.pointer(T.self)
        if n == 0 { return }
        let s = RandomGenerator.stream(count: n)
        switch kind {
        case .uniform where T.self == Float.self:
            parallelFor(n, cost: 8) { lo, hi in for i in lo..<hi { o[i] = T(s.uniformFloat(i)) } }
        case .uniform:
            parallelFor(n, cost: 8) { lo, hi in for i in lo..<hi { o[i] = T(s.uniform(i)) } }
        case .normal:
            parallelFor(n, cost: 16) { lo, hi in for i in lo..<hi { o[i] = T(s.normal(i)) } }
        }
        let a = broadcastParameter(first, firstValue, T.self), b = broadcastParameter(second, secondValue, T.self)
        defer { a.deallocate(); b.deallocate() }
        let aStep = first == nil ? 0 : 1, bStep = second == nil ? 0 : 1
        if kind == .uniform {
            parallelFor(n) { lo, hi in for i in lo..<hi { o[i] = a[i * aStep] + (b[i * bStep] - a[i * aStep]) * o[i] } }
        } else {
            parallelFor(n) { lo, hi in for i in lo..<hi { o[i] = a[i * aStep] + b[i * bStep] * o[i] } }
        }
    }

    /// The parameter broadcast to the output's shape, or a one-element buffer for a number.
    private func broadcastParameter<T: KernelFloat>(_ t: TensorRef?, _ value: Double, _: T.Type) -> UnsafeMutablePointer<T> {
        guard let t else {
            let p = UnsafeMutablePointer<T>.allocate(capacity: 1)
            p.initialize(to: T(value))
            return p
        }
        let p = UnsafeMutablePointer<T>.allocate(capacity: out.count)
        copyBroadcast(t, TensorRef(data: UnsafeMutableRawPointer(p), shape: out.shape, dtype: t.dtype))
        return p
    }
}
