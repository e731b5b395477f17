/// Parameters of MXNet 2.0's `npx.reshape` (`_npx_reshape`): a target shape with special codes.
///
/// Codes, read left to right against the input's dimensions (right to left when `reverse`):
/// `-1` infers one dimension, `-2` copies one input dimension, `-3` drops an input dimension of size 1,
/// `-4` copies all remaining input dimensions, `-5` merges two input dimensions, `-6 a b` splits one input
/// dimension into `a × b` (one of them may be -1). Any other entry is a literal size and consumes one input
/// dimension.
public struct NpxReshapeParams: OpParams {
    public var newshape: [Int] = []
    public var reverse = false
    public var order = "C"
    public init() {}
    public init(_ newshape: [Int], reverse: Bool = false) { self.newshape = newshape; self.reverse = reverse }
    public static let fields: [ParamField<NpxReshapeParams>] = [
        .ints("newshape", \.newshape, required: true), .bool("reverse", \.reverse), .string("order", \.order),
    ]
}

/// Parameters of MXNet 1.x `Reshape`: `shape` with the 1.x codes (`0` copy, `-1` infer, `-2` copy the rest,
/// `-3` merge two, `-4 a b` split one), optionally from the right (`reverse`); or the deprecated
/// `target_shape` (one `0` inferred) with `keep_highest`.
public struct LegacyReshapeParams: OpParams {
    public var shape: [Int] = []
    public var reverse = false
    public var targetShape: [Int]?
    public var keepHighest = false
    public init() {}
    public init(_ shape: [Int], reverse: Bool = false) { self.shape = shape; self.reverse = reverse }
    public static let fields: [ParamField<LegacyReshapeParams>] = [
        .ints("shape", \.shape), .bool("reverse", \.reverse), .optionalInts("target_shape", \.targetShape),
        .bool("keep_highest", \.keepHighest),
    ]
}

/// Parameters of `reshape_like`: which dimensions of `lhs` are replaced by which dimensions of `rhs`.
public struct ReshapeLikeParams: OpParams {
    public var lhsBegin: Int?
    public var lhsEnd: Int?
    public var rhsBegin: Int?
    public var rhsEnd: Int?
    public init() {}
    public static let fields: [ParamField<ReshapeLikeParams>] = [
        .optionalInt("lhs_begin", \.lhsBegin), .optionalInt("lhs_end", \.lhsEnd),
        .optionalInt("rhs_begin", \.rhsBegin), .optionalInt("rhs_end", \.rhsEnd),
    ]

    /// `[begin, end)` of a shape of rank `ndim`, negative values counting from the end.
    static func range(_ begin: Int?, _ end: Int?, ndim: Int, _ side: String) throws -> Range<Int> {
        let b = begin.map { $0 < 0 ? $0 + ndim : $0 } ?? 0
        let e = end.map { $0 < 0 ? $0 + ndim : $0 } ?? ndim
        guard b >= 0, b <= ndim, e >= 0, e <= ndim, b <= e else {
            throw MXNetError("invalid \(side)_begin/\(side)_end (\(begin.map(String.init) ?? "None"), " +
                             "\(end.map(String.init) ?? "None")) for an input of dimension \(ndim)")
        }
        return b..<e
    }
}

extension Ops {
    /// Copies the input's bytes unchanged (same element count, new shape): the kernel of every reshape.
    static func copyElements(_ c: KernelCall<some Any>) {
        convertElements(c.inputs[0], c.outputs[0])
    }

    static let npxReshape = Operator(
        "_npx_reshape", aliases: ["_npi_reshape"], display: "reshape", params: NpxReshapeParams.self,
        inputs: { _ in ["a"] }, widensHalfPrecision: false,
        shape: { s, p in [try npxReshapeShape(try knownShape(s, 0, "a"), p.newshape, reverse: p.reverse)] },
        type: Rules.sameType, forward: { copyElements($0) },
        gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape)] })

    static let legacyReshape = Operator(
        "Reshape", aliases: ["reshape"], display: "Reshape", params: LegacyReshapeParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, p in [try legacyReshapeShape(try knownShape(s, 0, "data"), p)] },
        type: Rules.sameType, forward: { copyElements($0) },
        gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape)] })

    /// `(d0, d1 * d2 * ...)`.
    static let batchFlatten = Operator(
        "_npx_batch_flatten", aliases: ["Flatten", "flatten"], display: "batch_flatten", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, _ in
            let d = try knownShape(s, 0, "data")
            guard let first = d.first else { throw MXNetError("cannot flatten a 0-d array") }
            return [[first, Shape.count(Array(d.dropFirst()))]]
        }, type: Rules.sameType, forward: { copyElements($0) },
        gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape)] })

    static let reshapeLike = Operator(
        "_npx_reshape_like", aliases: ["reshape_like"], display: "reshape_like", params: ReshapeLikeParams.self,
        inputs: { _ in ["lhs", "rhs"] }, widensHalfPrecision: false,
        shape: { s, p in
            let l = try knownShape(s, 0, "lhs"), r = try knownShape(s, 1, "rhs")
            let lr = try ReshapeLikeParams.range(p.lhsBegin, p.lhsEnd, ndim: l.count, "lhs")
            let rr = try ReshapeLikeParams.range(p.rhsBegin, p.rhsEnd, ndim: r.count, "rhs")
            let out = Array(l[..<lr.lowerBound]) + Array(r[rr]) + Array(l[lr.upperBound...])
            guard Shape.count(out) == Shape.count(l) else {
                throw MXNetError("cannot reshape lhs of shape \(Shape.text(l)) to \(Shape.text(out)): sizes differ")
            }
            return [out]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'lhs' is unknown") }
            return [d]
        }, forward: { copyElements($0) },
        gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape), try np.zerosLike(g.inputs[1])] })

    static var reshapes: [Operator] { [npxReshape, legacyReshape, batchFlatten, reshapeLike] }

    // MARK: - Shape rules

    /// MXNet 2.0's `npx.reshape` codes resolved against `input` (see ``NpxReshapeParams``).
    static func npxReshapeShape(_ input: [Int], _ newshape: [Int], reverse: Bool) throws -> [Int] {
        if reverse {
            return try npxReshapeShape(input.reversed(), newshape.reversed(), reverse: false).reversed()
        }
        let size = Shape.count(input)
        func mismatch() -> MXNetError {
            MXNetError("cannot reshape array of shape \(Shape.text(input)) into shape \(Shape.text(newshape))" +
                       (reverse ? " (reverse)" : ""))
        }
        guard !newshape.contains(where: { $0 < -6 }) else {
            throw MXNetError("newshape entries must be at least -6, got \(Shape.text(newshape))")
        }
        guard newshape.filter({ $0 == -1 }).count <= 1 else {
            throw MXNetError("newshape can infer only one dimension (one -1), got \(Shape.text(newshape))")
        }
        if !newshape.contains(where: { $0 < 0 }) {
            guard Shape.count(newshape) == size else { throw mismatch() }
            return newshape
        }
        var out: [Int] = []
        var unknown: Int?
        var known = 1
        var src = 0
        var i = 0
        func source(_ code: Int) throws -> Int {
            guard src < input.count else {
                throw MXNetError("newshape \(Shape.text(newshape)) uses more dimensions than the input " +
                                 "\(Shape.text(input)) has (code \(code))")
            }
            defer { src += 1 }
            return input[src]
        }
        while i < newshape.count {
            let code = newshape[i]
            switch code {
            case -1:
                unknown = out.count
                out.append(-1)
                src += 1
            case -2:
                let d = try source(-2)
                known *= d
                out.append(d)
            case -3:
                let d = try source(-3)
                guard d == 1 else { throw MXNetError("-3 can only skip an input dimension of size 1, got \(d)") }
            case -4:
                while src < input.count { known *= input[src]; out.append(input[src]); src += 1 }
            case -5:
                let a = try source(-5), b = try source(-5)
                known *= a * b
                out.append(a * b)
            case -6:
                guard i + 2 < newshape.count else { throw MXNetError("-6 must be followed by two sizes") }
                let d0 = try source(-6)
                var d1 = newshape[i + 1], d2 = newshape[i + 2]
                i += 2
                guard d1 >= -1, d2 >= -1, d1 != -1 || d2 != -1 else {
                    throw MXNetError("the sizes after -6 must be non-negative with at most one -1, got (\(d1), \(d2))")
                }
                if d1 == -1 { guard d2 != 0 else { throw mismatch() }; d1 = d0 / d2 }
                if d2 == -1 { guard d1 != 0 else { throw mismatch() }; d2 = d0 / d1 }
                guard d1 * d2 == d0 else { throw MXNetError("split sizes \(d1), \(d2) do not divide dimension \(d0)") }
                known *= d0
                out += [d1, d2]
            default:
                known *= code
                out.append(code)
                src += 1
            }
            i += 1
        }
        if let u = unknown {
            guard known != 0, size % known == 0 else { throw mismatch() }
            out[u] = size / known
        }
        guard Shape.count(out) == size else { throw mismatch() }
        return out
    }

    /// MXNet 1.x `Reshape`'s shape (see ``LegacyReshapeParams``); unlike MXNet 1.9.1, a result whose size differs
    /// from the input's is an error rather than a corrupt array.
    static func legacyReshapeShape(_ input: [Int], _ p: LegacyReshapeParams) throws -> [Int] {
        let size = Shape.count(input)
        var out: [Int]
        if !p.shape.isEmpty {
            out = try legacyReshapeCodes(p.reverse ? input.reversed() : input,
                                         p.reverse ? p.shape.reversed() : p.shape, size: size)
            if p.reverse { out.reverse() }
        } else if var target = p.targetShape {
            if p.keepHighest {
                guard !target.isEmpty, let first = input.first else {
                    throw MXNetError("keep_highest needs a non-empty target_shape and input")
                }
                target[0] = first
            }
            let start = p.keepHighest ? 1 : 0
            let zeros = target.indices.filter { $0 >= start && target[$0] == 0 }
            if zeros.count == 1 {
                target[zeros[0]] = 1
                let rest = Shape.count(target)
                guard rest != 0, size % rest == 0 else {
                    throw MXNetError("cannot reshape array of shape \(Shape.text(input)) into target_shape \(Shape.text(target))")
                }
                target[zeros[0]] = size / rest
            }
            out = target
        } else {
            throw MXNetError("'shape' is required")
        }
        guard !out.contains(where: { $0 < 0 }), Shape.count(out) == size else {
            throw MXNetError("cannot reshape array of shape \(Shape.text(input)) into shape " +
                             "\(Shape.text(p.shape.isEmpty ? p.targetShape ?? [] : p.shape))" + (p.reverse ? " (reverse)" : ""))
        }
        return out
    }

    /// Resolves 1.x codes left to right.
    private static func legacyReshapeCodes(_ input: [Int], _ codes: [Int], size: Int) throws -> [Int] {
        var out: [Int] = []
        var src = 0
        var inferred: Int?
        var i = 0
        func fail(_ why: String) -> MXNetError {
            MXNetError("cannot reshape array of shape \(Shape.text(input)) with shape \(Shape.text(codes)): \(why)")
        }
        while i < codes.count {
            let code = codes[i]
            switch code {
            case 0:
                guard src < input.count else { throw fail("0 has no input dimension to copy") }
                out.append(input[src]); src += 1
            case -1:
                guard inferred == nil else { throw fail("only one dimension can be inferred") }
                inferred = out.count
                out.append(1)
                src += 1
            case -2:
                while src < input.count { out.append(input[src]); src += 1 }
            case -3:
                guard src + 1 < input.count else { throw fail("-3 needs two input dimensions") }
                out.append(input[src] * input[src + 1]); src += 2
            case -4:
                guard i + 2 < codes.count else { throw fail("-4 must be followed by two sizes") }
                guard src < input.count else { throw fail("-4 has no input dimension to split") }
                let d0 = input[src]; src += 1
                var d1 = codes[i + 1], d2 = codes[i + 2]
                i += 2
                guard d1 >= -1, d2 >= -1, d1 != -1 || d2 != -1 else { throw fail("split sizes cannot both be -1") }
                if d1 == -1 { guard d2 != 0 else { throw fail("cannot split by 0") }; d1 = d0 / d2 }
                if d2 == -1 { guard d1 != 0 else { throw fail("cannot split by 0") }; d2 = d0 / d1 }
                guard d1 * d2 == d0 else { throw fail("split sizes \(d1), \(d2) do not divide dimension \(d0)") }
                out += [d1, d2]
            default:
                guard code > 0 else { throw fail("unknown code \(code)") }
                out.append(code); src += 1
            }
            i += 1
        }
        if let u = inferred {
            let rest = Shape.count(out)
            guard rest != 0, size % rest == 0 else { throw fail("the size cannot be divided") }
            out[u] = size / rest
        }
        return out
    }
}
