/// Parameters of `SequenceMask`, `SequenceLast` and `SequenceReverse`: data laid out as `(T, N, ...)` for
/// `axis = 0` or `(N, T, ...)` for `axis = 1`, with optional per-batch lengths.
public struct SequenceParams: OpParams {
    public var useSequenceLength = false
    /// Fill value of `SequenceMask`.
    public var value = 0.0
    public var axis = 0
    public init() {}
    public init(useSequenceLength: Bool, value: Double = 0, axis: Int = 0) {
        self.useSequenceLength = useSequenceLength; self.value = value; self.axis = axis
    }
    public static let fields: [ParamField<SequenceParams>] = [
        .bool("use_sequence_length", \.useSequenceLength), .double("value", \.value), .int("axis", \.axis),
    ]

    var inputNames: [String] { useSequenceLength ? ["data", "sequence_length"] : ["data"] }

    /// Time steps, batch size and elements per (step, batch) cell of `data`; `sequence_length` must be `(N,)`.
    func layout(_ s: inout [[Int]?], allowedAxes: ClosedRange<Int>) throws -> (t: Int, n: Int, inner: Int, data: [Int]) {
        let d = try Ops.knownShape(s, 0, "data")
        guard allowedAxes.contains(axis) else {
            throw MXNetError("axis must be \(allowedAxes.lowerBound == allowedAxes.upperBound ? "0" : "0 or 1"), got \(axis)")
        }
        guard d.count >= 2 else { throw MXNetError("data must have at least 2 dimensions, got \(Shape.text(d))") }
        let (t, n) = axis == 0 ? (d[0], d[1]) : (d[1], d[0])
        if useSequenceLength { s[1] = [n] }
        return (t, n, Shape.count(Array(d.dropFirst(2))), d)
    }

    /// Offset of cell (step, batch) in elements.
    @inline(__always)
    func offset(_ step: Int, _ batch: Int, _ t: Int, _ n: Int, _ inner: Int) -> Int {
        (axis == 0 ? step * n + batch : batch * t + step) * inner
    }
}

extension Ops {
    static func sequenceType(_ t: inout [DType?], _ p: SequenceParams) throws -> [DType] {
        guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'data' is unknown") }
        if p.useSequenceLength { t[1] = indexType }
        return [d]
    }

    /// Per-batch lengths (truncated), or `t` for every batch without `sequence_length`.
    static func sequenceLengths(_ c: KernelCall<SequenceParams>, t: Int, n: Int) -> [Int] {
        guard c.params.useSequenceLength else { return [Int](repeating: t, count: n) }
        let p = c.inputs[1].pointer(Double.self)
        return (0..<n).map { b in
            let v = p[b]
            return v.isNaN ? 0 : (v >= Double(Int32.max) ? Int(Int32.max) : (v <= -Double(Int32.max) ? -Int(Int32.max) : Int(v)))
        }
    }

    static let sequenceMask: Operator = Operator(
        "_npx_sequence_mask", aliases: ["SequenceMask"], display: "SequenceMask", params: SequenceParams.self,
        inputs: { $0.inputNames }, widensHalfPrecision: false,
        shape: { s, p in [try p.layout(&s, allowedAxes: 0...1).data] }, type: sequenceType,
        forward: { c in
            var s: [[Int]?] = c.inputs.map(\.shape)
            let l = try c.params.layout(&s, allowedAxes: 0...1)
            convertElements(c.inputs[0], c.outputs[0])
            let lengths = sequenceLengths(c, t: l.t, n: l.n)
            c.outputs[0].dtype.visit(SequenceFill(out: c.outputs[0], value: c.params.value) { fill in
                for b in 0..<l.n where lengths[b] < l.t {
                    for step in max(lengths[b], 0)..<l.t { fill(c.params.offset(step, b, l.t, l.n, l.inner), l.inner) }
                }
            })
        },
        gradient: { g in
            let p = SequenceParams(useSequenceLength: g.params.useSequenceLength, value: 0, axis: g.params.axis)
            let d = try Imperative.call(sequenceMask, [g.outputGradients[0]] + g.inputs.dropFirst(), p)
            return [d] + (g.params.useSequenceLength ? [try np.zerosLike(g.inputs[1])] : [])
        })

    static let sequenceLast = Operator(
        "SequenceLast", aliases: [], display: "SequenceLast", params: SequenceParams.self,
        inputs: { $0.inputNames }, widensHalfPrecision: false,
        shape: { s, p in
            var d = try p.layout(&s, allowedAxes: 0...1).data
            d.remove(at: p.axis)
            return [d]
        }, type: sequenceType,
        forward: { c in
            var s: [[Int]?] = c.inputs.map(\.shape)
            let l = try c.params.layout(&s, allowedAxes: 0...1)
            let lengths = try checkedLengths(c, l.t, l.n)
            let size = c.inputs[0].dtype.size, bytes = l.inner * size
            for b in 0..<l.n {
                (c.outputs[0].data + b * bytes).copyMemory(
                    from: c.inputs[0].data + c.params.offset(lengths[b] - 1, b, l.t, l.n, l.inner) * size, byteCount: bytes)
            }
        },
        gradient: { g in
            let d = try Imperative.call(sequenceLastBackward, [g.outputGradients[0], g.inputs[0]] + g.inputs.dropFirst(),
                                        g.params)
            return [d] + (g.params.useSequenceLength ? [try np.zerosLike(g.inputs[1])] : [])
        })

    /// Gradient of `SequenceLast`: the output gradient placed at each batch's last step, zeros elsewhere.
    static let sequenceLastBackward = Operator(
        "_backward_SequenceLast", aliases: [], display: "SequenceLast backward", params: SequenceParams.self,
        inputs: { ["ograd"] + $0.inputNames }, widensHalfPrecision: false,
        shape: { s, p in
            var rest = Array(s.dropFirst())
            let d = try p.layout(&rest, allowedAxes: 0...1).data
            return [d]
        },
        type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'ograd' is unknown") }
            if p.useSequenceLength { t[2] = indexType }
            return [d]
        },
        forward: { c in
            let inner = KernelCall(inputs: Array(c.inputs.dropFirst()), outputs: c.outputs, params: c.params, context: c.context)
            var s: [[Int]?] = inner.inputs.map(\.shape)
            let l = try c.params.layout(&s, allowedAxes: 0...1)
            let lengths = try checkedLengths(inner, l.t, l.n)
            let out = c.outputs[0], size = out.dtype.size, bytes = l.inner * size
            out.data.initializeMemory(as: UInt8.self, repeating: 0, count: out.count * size)
            for b in 0..<l.n {
                (out.data + c.params.offset(lengths[b] - 1, b, l.t, l.n, l.inner) * size).copyMemory(
                    from: c.inputs[0].data + b * bytes, byteCount: bytes)
            }
        }, gradient: nil)

    static let sequenceReverse: Operator = Operator(
        "SequenceReverse", aliases: [], display: "SequenceReverse", params: SequenceParams.self,
        inputs: { $0.inputNames }, widensHalfPrecision: false,
        shape: { s, p in [try p.layout(&s, allowedAxes: 0...0).data] }, type: sequenceType,
        forward: { c in
            var s: [[Int]?] = c.inputs.map(\.shape)
            let l = try c.params.layout(&s, allowedAxes: 0...0)
            let lengths = sequenceLengths(c, t: l.t, n: l.n)
            if let bad = lengths.first(where: { $0 > l.t }) {
                throw MXNetError("sequence_length \(bad) exceeds the \(l.t) steps of the data")
            }
            let size = c.inputs[0].dtype.size, bytes = l.inner * size
            for b in 0..<l.n {
                for step in 0..<l.t {
                    let from = step < lengths[b] ? lengths[b] - 1 - step : step
                    (c.outputs[0].data + c.params.offset(step, b, l.t, l.n, l.inner) * size).copyMemory(
                        from: c.inputs[0].data + c.params.offset(from, b, l.t, l.n, l.inner) * size, byteCount: bytes)
                }
            }
        },
        gradient: { g in
            let d = try Imperative.call(sequenceReverse, [g.outputGradients[0]] + g.inputs.dropFirst(), g.params)
            return [d] + (g.params.useSequenceLength ? [try np.zerosLike(g.inputs[1])] : [])
        })

    /// Lengths that name an existing step (1...t): `SequenceLast` reads step `length - 1`.
    static func checkedLengths(_ c: KernelCall<SequenceParams>, _ t: Int, _ n: Int) throws -> [Int] {
        let lengths = sequenceLengths(c, t: t, n: n)
        if let bad = lengths.first(where: { $0 < 1 || $0 > t }) {
            throw MXNetError("sequence_length \(bad) is outside 1...\(t)")
        }
        return lengths
    }

    static var sequences: [Operator] { [sequenceMask, sequenceLast, sequenceLastBackward, sequenceReverse] }
}

/// Runs `body` with a function that fills `count` elements from an offset with `value` in the output's dtype.
private struct SequenceFill: ElementVisitor {
    let out: TensorRef, value: Double
    let body: ((Int, Int) -> Void) -> Void
    func visit<T: Element>(_: T.Type) {
        let o = out.pointer(T.self), v = T(fromDouble: value)
        body { start, count in for i in start..<(start + count) { o[i] = v } }
    }
}
