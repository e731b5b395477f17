/// Parameters of `einsum`.
public struct EinsumParams: OpParams {
    public var subscripts = ""
    public var numArgs = 1
    /// Path optimisation level (accepted and ignored: contractions always go pairwise through GEMM).
    public var optimize = 0
    public init() {}
    public init(_ subscripts: String, numArgs: Int) { self.subscripts = subscripts; self.numArgs = numArgs }
    public static let fields: [ParamField<EinsumParams>] = [
        .string("subscripts", \.subscripts), .count("num_args", \.numArgs, required: true), .int("optimize", \.optimize),
    ]
}

/// A parsed Einstein summation: labelled input terms, the output term and every label's size.
///
/// Letters keep their ASCII code as label id; the dimensions an ellipsis covers get ids from 256 on,
/// right-aligned across operands as NumPy broadcasts them.
struct EinsumSpec {
    var inputs: [EinsumTerm]
    var output: EinsumTerm
    var sizes: [Int]

    static let ellipsisBase = 256

    /// Parses NumPy's subscripts (`"ij,jk->ik"`, `"...ij,...jk"`, `"ii"`) against the operand shapes.
    /// - Throws: ``MXNetError`` for malformed subscripts, wrong operand counts and mismatched sizes.
    static func parse(_ subscripts: String, shapes: [[Int]]) throws -> EinsumSpec {
        let text = subscripts.filter { $0 != " " }
        let parts = text.components(separatedBy: "->")
        guard parts.count <= 2 else { throw MXNetError("subscripts may contain '->' only once") }
        let operandTexts = parts[0].components(separatedBy: ",")
        guard operandTexts.count == shapes.count else {
            throw MXNetError("subscripts name \(operandTexts.count) operands, but \(shapes.count) were given")
        }
        func explicitLabels(_ s: String) throws -> (before: [Int], after: [Int], ellipsis: Bool) {
            let pieces = s.components(separatedBy: "...")
            guard pieces.count <= 2 else { throw MXNetError("an operand's subscripts may contain '...' only once") }
            func letters(_ p: String) throws -> [Int] {
                try p.map { c in
                    guard c.isASCII, c.isLetter, let v = c.asciiValue else {
                        throw MXNetError("invalid subscript '\(c)' in einstein sum subscripts string")
                    }
                    return Int(v)
                }
            }
            return (try letters(pieces[0]), pieces.count == 2 ? try letters(pieces[1]) : [], pieces.count == 2)
        }
        var terms: [([Int], [Int], Bool)] = []
        var ellipsisRank = 0
        for (i, s) in operandTexts.enumerated() {
            let t = try explicitLabels(s)
            let named = t.before.count + t.after.count
            let ndim = shapes[i].count
            guard t.ellipsis ? named <= ndim : named == ndim else {
                throw MXNetError("operand \(i) has \(ndim) dimensions but subscripts '\(s)' name \(named)")
            }
            if t.ellipsis { ellipsisRank = max(ellipsisRank, ndim - named) }
            terms.append((t.before, t.after, t.ellipsis))
        }
        var sizes = [Int](repeating: -1, count: ellipsisBase + ellipsisRank)
        var inputs: [EinsumTerm] = []
        for (i, (before, after, hasEllipsis)) in terms.enumerated() {
            let shape = shapes[i]
            let covered = hasEllipsis ? shape.count - before.count - after.count : 0
            let dots = (0..<covered).map { ellipsisBase + ellipsisRank - covered + $0 }
            let labels = before + dots + after
            var seen: [Int: Int] = [:]
            for (d, l) in labels.enumerated() {
                let n = shape[d]
                if let prior = seen[l], prior != n {
                    throw MXNetError("dimensions in operand \(i) for collapsing index '\(labelText(l))' don't match (\(prior) != \(n))")
                }
                seen[l] = n
                if sizes[l] == -1 || sizes[l] == 1 {
                    sizes[l] = n
                } else if n != 1 && n != sizes[l] {
                    throw MXNetError("operands could not be broadcast together: size \(n) of index '\(labelText(l))' " +
                                     "in operand \(i) does not match \(sizes[l])")
                }
            }
            inputs.append(EinsumTerm(labels: labels, shape: shape))
        }
        let allDots = (0..<ellipsisRank).map { ellipsisBase + $0 }
        var outLabels: [Int]
        if parts.count == 2 {
            let t = try explicitLabels(parts[1])
            if !t.ellipsis && ellipsisRank > 0 {
                throw MXNetError("output has more dimensions than subscripts given in einstein sum, but no '...' " +
                                 "ellipsis provided to broadcast the extra dimensions.")
            }
            outLabels = t.before + (t.ellipsis ? allDots : []) + t.after
            var seen = Set<Int>()
            for l in outLabels {
                guard seen.insert(l).inserted else {
                    throw MXNetError("einstein sum subscripts string includes output subscript '\(labelText(l))' multiple times")
                }
                guard l >= ellipsisBase || inputs.contains(where: { $0.labels.contains(l) }) else {
                    throw MXNetError("einstein sum subscripts string included output subscript '\(labelText(l))' " +
                                     "which never appeared in an input")
                }
            }
        } else {
            var counts: [Int: Int] = [:]
            for t in inputs { for l in t.labels where l < ellipsisBase { counts[l, default: 0] += 1 } }
            outLabels = allDots + counts.filter { $0.value == 1 }.keys.sorted()
        }
        return EinsumSpec(inputs: inputs, output: EinsumTerm(labels: outLabels, shape: outLabels.map { max(sizes[$0], 0) }),
                          sizes: sizes.map { max($0, 0) })
    }

    static func labelText(_ l: Int) -> String {
        l < ellipsisBase ? String(UnicodeScalar(UInt8(l))) : "..."
    }

    /// Subscripts spelling `inputs -> output` with one letter per label (ellipsis labels get unused letters).
    /// - Throws: ``MXNetError`` when more than 52 distinct labels are needed.
    func subscripts(_ inputs: [EinsumTerm], _ output: EinsumTerm) throws -> String {
        var letter: [Int: Character] = [:]
        let all = (inputs + [output]).flatMap(\.labels)
        var free = (Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")).filter { c in
            !all.contains(Int(c.asciiValue!))
        }
        for l in all where letter[l] == nil {
            if l < EinsumSpec.ellipsisBase {
                letter[l] = Character(UnicodeScalar(UInt8(l)))
            } else {
                guard !free.isEmpty else { throw MXNetError("too many distinct indices for einsum") }
                letter[l] = free.removeFirst()
            }
        }
        func spell(_ t: EinsumTerm) -> String { String(t.labels.map { letter[$0]! }) }
        return inputs.map(spell).joined(separator: ",") + "->" + spell(output)
    }

    /// Whether operand `k`'s gradient is itself a plain einsum of the output gradient and the other operands:
    /// no repeated or broadcast axes in operand `k`, and each of its labels appears elsewhere.
    func gradientIsEinsum(_ k: Int) -> Bool {
        let t = inputs[k]
        guard Set(t.labels).count == t.labels.count else { return false }
        guard zip(t.labels, t.shape).allSatisfy({ sizes[$0.0] == $0.1 }) else { return false }
        let elsewhere = Set(output.labels).union(inputs.indices.filter { $0 != k }.flatMap { inputs[$0].labels })
        return t.labels.allSatisfy(elsewhere.contains)
    }
}

extension Ops {
    static let einsum: Operator = Operator(
        "_npi_einsum", display: "einsum", params: EinsumParams.self,
        inputs: { p in (0..<max(p.numArgs, 0)).map { "data\($0)" } },
        shape: { s, p in
            guard p.numArgs >= 1 else { throw MXNetError("num_args must be at least 1") }
            let shapes = try s.map { try $0 ?? { throw MXNetError.unknownShape("input shapes are unknown") }() }
            return [try EinsumSpec.parse(p.subscripts, shapes: shapes).output.shape]
        },
        type: Rules.promote,
        forward: { c in
            let spec = try EinsumSpec.parse(c.params.subscripts, shapes: c.inputs.map(\.shape))
            try c.outputs[0].dtype.visitLinalg(EinsumKernel(sizes: spec.sizes, inputs: Array(zip(spec.inputs, c.inputs)),
                                                            output: spec.output, out: c.outputs[0]))
        },
        gradient: { g in try einsumGradients(g.params.subscripts, g.inputs, g.outputGradients[0]) })

    /// Gradients of every operand of an einsum: operands whose gradient is a plain einsum get one (so it can be
    /// differentiated again); the rest come from `_backward_npi_einsum`.
    static func einsumGradients(_ subscripts: String, _ inputs: [NDArray], _ dOut: NDArray) throws -> [NDArray?] {
        let spec = try EinsumSpec.parse(subscripts, shapes: inputs.map(\.shape))
        var grads: [NDArray?] = []
        var fallback: [NDArray]?
        for k in inputs.indices {
            if spec.gradientIsEinsum(k) {
                let others = inputs.indices.filter { $0 != k }
                let sub = try spec.subscripts([spec.output] + others.map { spec.inputs[$0] }, spec.inputs[k])
                let g = try Imperative.call(einsum, [dOut] + others.map { inputs[$0] },
                                            EinsumParams(sub, numArgs: inputs.count))
                grads.append(g)
            } else {
                if fallback == nil {
                    fallback = try Imperative.invoke(einsumBackward, [dOut] + inputs,
                                                     EinsumParams(subscripts, numArgs: inputs.count))
                }
                grads.append(fallback![k])
            }
        }
        return grads
    }

    /// Gradients of `_npi_einsum` for the general case (diagonals, broadcast operands, labels summed within one
    /// operand): inputs are the output gradient and the forward operands.
    static let einsumBackward: Operator = Operator(
        "_backward_npi_einsum", display: "einsum_backward", params: EinsumParams.self,
        inputs: { p in ["ograd"] + (0..<max(p.numArgs, 0)).map { "data\($0)" } },
        outputs: { p in max(p.numArgs, 0) },
        shape: { s, p in
            let shapes = try s.map { try $0 ?? { throw MXNetError.unknownShape("input shapes are unknown") }() }
            let spec = try EinsumSpec.parse(p.subscripts, shapes: Array(shapes.dropFirst()))
            guard shapes[0] == spec.output.shape else {
                throw MXNetError("output gradient has shape \(Shape.text(shapes[0])), expected \(Shape.text(spec.output.shape))")
            }
            return Array(shapes.dropFirst())
        },
        type: { t, p in
            let out = try Rules.promote(&t, p)[0]
            return [DType](repeating: out, count: t.count - 1)
        },
        forward: { c in
            let operands = Array(c.inputs.dropFirst())
            let spec = try EinsumSpec.parse(c.params.subscripts, shapes: operands.map(\.shape))
            for k in operands.indices {
                let others = operands.indices.filter { $0 != k }
                let terms = [(spec.output, c.inputs[0])] + others.map { (spec.inputs[$0], operands[$0]) }
                try c.outputs[k].dtype.visitLinalg(EinsumKernel(sizes: spec.sizes, inputs: terms, output: spec.inputs[k],
                                                                out: c.outputs[k]))
            }
        },
        gradient: nil)
}
