/// Shape and dtype rules shared by many operators.
enum Rules {
    // MARK: Shapes

    /// Output shape = first input's shape; all inputs must agree.
    static func sameShape<P>(_ s: inout [[Int]?], _ p: P) throws -> [[Int]] {
        guard let first = s.first(where: { $0 != nil }) ?? nil else { throw MXNetError.unknownShape("input shapes are unknown") }
        for i in 0..<s.count {
            if s[i] == nil { s[i] = first }
            guard s[i]! == first else {
                throw MXNetError("shapes \(Shape.text(first)) and \(Shape.text(s[i]!)) must be equal")
            }
        }
        return [first]
    }

    /// Output shape = NumPy broadcast of two inputs.
    static func broadcast<P>(_ s: inout [[Int]?], _ p: P) throws -> [[Int]] {
        guard let a = s[0], let b = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
        guard let out = Shape.broadcast(a, b) else {
            throw MXNetError("operands could not be broadcast together with shapes \(Shape.text(a)) \(Shape.text(b))")
        }
        return [out]
    }

    // MARK: Dtypes

    /// The first input's dtype; a bool input is handed to the kernel as uint8 bytes (comparison kernels need
    /// ordered elements). Returns the input's own dtype for the output.
    static func boolAsUInt8(_ t: inout [DType?]) throws -> DType {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        if d == .bool { t[0] = .uint8 }
        return d
    }

    /// All inputs and the output share the first known dtype.
    static func sameType<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        guard let first = t.first(where: { $0 != nil }) ?? nil else { throw MXNetError.unknownType("input dtypes are unknown") }
        for i in 0..<t.count { t[i] = first }
        return [first]
    }

    /// Inputs promote to a common dtype, which is the output's.
    static func promote<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        let known = t.compactMap { $0 }
        guard var common = known.first else { throw MXNetError.unknownType("input dtypes are unknown") }
        for d in known.dropFirst() { common = DType.promote(common, d) }
        for i in 0..<t.count { t[i] = common }
        return [common]
    }

    /// Inputs promote to a common integer (or bool) dtype; floats are refused (bitwise ops).
    static func promoteInteger<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        let out = try promote(&t, p)
        guard !out[0].isFloatingPoint else {
            throw MXNetError("dtype \(out[0]) is not supported; expected integer or bool operands")
        }
        return out
    }

    /// Inputs promote to a common dtype; integers then compute in float32 (true division, `sqrt`, ...).
    static func promoteToFloat<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        let common = try promote(&t, p)[0].floatResult
        for i in 0..<t.count { t[i] = common }
        return [common]
    }

    /// Inputs promote to a common dtype; the output is bool (comparisons).
    static func promoteToBool<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        var common = try promote(&t, p)[0]
        if common == .bool { common = .uint8 }
        for i in 0..<t.count { t[i] = common }
        return [.bool]
    }

    /// MXNet 1.x unary math: float in, same float out; integer (or bool) input computes in float64 and the
    /// output keeps the input's dtype (truncated, as a C cast).
    static func legacyFloatUnary<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        if !d.isFloatingPoint { t[0] = .float64 }
        return [d]
    }

    /// Float in, same float out; integer input computes in float32.
    static func floatUnary<P>(_ t: inout [DType?], _ p: P) throws -> [DType] {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        t[0] = d.floatResult
        return [d.floatResult]
    }
}

extension Ops {
    /// Input `i`'s shape, or an error naming it when it is not known (for ops that cannot infer it backwards).
    static func knownShape(_ s: [[Int]?], _ i: Int, _ name: String = "input") throws -> [Int] {
        guard let shape = s[i] else { throw MXNetError.unknownShape("shape of '\(name)' is unknown") }
        return shape
    }
}
