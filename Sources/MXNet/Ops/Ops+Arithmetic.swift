/// Parameters of the `_*_scalar` operators (`scalar` defaults to 1, as in MXNet).
public struct ScalarParams: OpParams {
    public var scalar = 1.0
    /// MXNet 2.0's flag: false when the scalar is a float (then integer arrays compute in float32).
    public var isInt = true
    public init() {}
    public init(_ scalar: Double, isInt: Bool = true) { self.scalar = scalar; self.isInt = isInt }
    public static let fields: [ParamField<ScalarParams>] = [.double("scalar", \.scalar), .bool("is_int", \.isInt)]
}

extension Ops {
    // MARK: - Builders

    static func binary<F: BinaryFunctor>(
        _ name: String, _ display: String, aliases: [String], _ f: F.Type,
        type: @escaping (inout [DType?], NoParams) throws -> [DType] = Rules.promote,
        gradient: ((GradientCall<NoParams>) throws -> [NDArray?])?
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: NoParams.self, inputs: { _ in ["lhs", "rhs"] },
                 shape: Rules.broadcast, partialShape: Rules.binaryPartial, type: type, forward: { try BinaryKernel<F>.run($0) }, gradient: gradient)
    }

    static func scalar<F: BinaryFunctor>(
        _ name: String, _ display: String, aliases: [String], _ f: F.Type, reversed: Bool = false,
        floatResult: Bool = false, gradient: ((GradientCall<ScalarParams>) throws -> [NDArray?])?
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: ScalarParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, p in
                     guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
                     var out = d
                     if d == .bool { out = p.isInt ? .int64 : .float32 }
                     if !d.isFloatingPoint && (!p.isInt || floatResult) { out = .float32 }
                     t[0] = out
                     return [out]
                 }, forward: { c in
                     let x = c.inputs[0], o = c.outputs[0]
                     try x.dispatch(ScalarKernel<F>(x: x, out: o, scalar: c.params.scalar, reversed: reversed))
                 }, gradient: gradient)
    }

    static func compare<F: CompareFunctor>(_ name: String, _ display: String, aliases: [String], _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, display: display, params: NoParams.self, inputs: { _ in ["lhs", "rhs"] },
                 shape: Rules.broadcast, partialShape: Rules.binaryPartial, type: Rules.promoteToBool, forward: { c in
                     try c.inputs[0].dispatch(CompareKernel<F>(a: c.inputs[0], b: c.inputs[1], out: c.outputs[0]))
                 }, gradient: nil)
    }

    static func compareScalar<F: CompareFunctor>(_ name: String, _ display: String, aliases: [String], _ f: F.Type,
                                                 reversed: Bool = false) -> Operator {
        Operator(name, aliases: aliases, display: display, params: ScalarParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in
                     if t[0] == .bool { t[0] = .uint8 }
                     return [.bool]
                 }, forward: { c in
                     try c.inputs[0].dispatch(CompareScalarKernel<F>(x: c.inputs[0], out: c.outputs[0],
                                                                     scalar: c.params.scalar, reversed: reversed))
                 }, gradient: nil)
    }

    /// Sums `g` over the axes along which an input of `shape` was broadcast.
    static func reduceTo(_ g: NDArray, _ shape: [Int]) throws -> NDArray {
        if g.shape == shape { return g }
        let lead = g.ndim - shape.count
        var axes = Array(0..<lead)
        for (i, d) in shape.enumerated() where d == 1 && g.shape[lead + i] != 1 { axes.append(lead + i) }
        let s = try np.sum(g, axis: axes, keepdims: true)
        return try np.reshape(s, shape)
    }

    // MARK: - Operators

    static let add = binary("_npi_add", "add", aliases: ["elemwise_add", "_plus", "_Plus", "_add", "broadcast_add",
                                                          "broadcast_plus", "_grad_add"], AddF.self) { g in
        let d = g.outputGradients[0]
        return [try reduceTo(d, g.inputs[0].shape), try reduceTo(d, g.inputs[1].shape)]
    }
    static let subtract = binary("_npi_subtract", "subtract", aliases: ["elemwise_sub", "_minus", "_Minus", "_sub",
                                                                        "broadcast_sub", "broadcast_minus"], SubF.self) { g in
        let d = g.outputGradients[0]
        return [try reduceTo(d, g.inputs[0].shape), try reduceTo(np.negative(d), g.inputs[1].shape)]
    }
    static let multiply = binary("_npi_multiply", "multiply", aliases: ["elemwise_mul", "_mul", "_Mul", "broadcast_mul"],
                                 MulF.self) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        return [try reduceTo(np.multiply(d, b), a.shape), try reduceTo(np.multiply(d, a), b.shape)]
    }
    /// NumPy true division: integers divide in float32.
    static let trueDivide = binary("_npi_true_divide", "true_divide", aliases: [], DivF.self,
                                   type: Rules.promoteToFloat, gradient: divideGradient)
    /// MXNet 1.x division: the result keeps the operands' dtype (integers truncate).
    static let legacyDivide = binary("broadcast_div", "divide", aliases: ["elemwise_div", "_div", "_Div"], DivF.self,
                                     gradient: divideGradient)
    static func divideGradient(_ g: GradientCall<NoParams>) throws -> [NDArray?] {
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        let da = try np.trueDivide(d, b)
        let db = try np.negative(np.trueDivide(np.multiply(da, a), b))
        return [try reduceTo(da, a.shape), try reduceTo(db, b.shape)]
    }
    static let floorDivide = binary("_npi_floor_divide", "floor_divide", aliases: [], FloorDivF.self, gradient: nil)
    static let mod = binary("_npi_mod", "mod", aliases: ["broadcast_mod", "_mod", "_Mod"], ModF.self) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        let q = try np.floor(np.trueDivide(a, b))
        return [try reduceTo(d, a.shape), try reduceTo(np.negative(np.multiply(d, q)), b.shape)]
    }
    static let power = binary("_npi_power", "power", aliases: ["broadcast_power", "_power", "_Power"], PowF.self) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1], y = g.outputs[0]
        let da = try np.multiply(d, np.multiply(b, np.power(a, np.subtract(b, 1))))
        let db = try np.multiply(d, np.multiply(y, np.log(a)))
        return [try reduceTo(da, a.shape), try reduceTo(db, b.shape)]
    }
    static let maximum = binary("_npi_maximum", "maximum", aliases: ["broadcast_maximum", "_maximum", "_Maximum"],
                                MaxF.self) { g in try selectGradient(g, np.greaterEqual) }
    static let minimum = binary("_npi_minimum", "minimum", aliases: ["broadcast_minimum", "_minimum", "_Minimum"],
                                MinF.self) { g in try selectGradient(g, np.lessEqual) }
    static let fmax = binary("_npi_fmax", "fmax", aliases: [], FMaxF.self) { g in try selectGradient(g, np.greaterEqual) }
    static let fmin = binary("_npi_fmin", "fmin", aliases: [], FMinF.self) { g in try selectGradient(g, np.lessEqual) }
    /// Gradient of max/min: to `a` where `pick(a, b)` holds, else to `b`.
    static func selectGradient(_ g: GradientCall<NoParams>, _ pick: (NDArray, NDArray) throws -> NDArray) throws -> [NDArray?] {
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        let mask = try np.astype(pick(a, b), d.dtype)
        let da = try np.multiply(d, mask)
        let db = try np.subtract(d, da)
        return [try reduceTo(da, a.shape), try reduceTo(db, b.shape)]
    }
    static let hypot = binary("_npi_hypot", "hypot", aliases: [], HypotF.self,
                              type: Rules.promoteToFloat) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1], y = g.outputs[0]
        return [try reduceTo(np.multiply(d, np.trueDivide(a, y)), a.shape),
                try reduceTo(np.multiply(d, np.trueDivide(b, y)), b.shape)]
    }
    static let arctan2 = binary("_npi_arctan2", "arctan2", aliases: [], Atan2F.self, type: Rules.promoteToFloat) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        let r = try np.add(np.multiply(a, a), np.multiply(b, b))
        return [try reduceTo(np.multiply(d, np.trueDivide(b, r)), a.shape),
                try reduceTo(np.negative(np.multiply(d, np.trueDivide(a, r))), b.shape)]
    }
    static let copysign = binary("_npi_copysign", "copysign", aliases: [], CopysignF.self,
                                 type: Rules.promoteToFloat) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1]
        let s = try np.multiply(np.sign(a), np.sign(b))
        return [try reduceTo(np.multiply(d, s), a.shape), try reduceTo(np.zerosLike(d), b.shape)]
    }
    static let bitwiseAnd = binary("_npi_bitwise_and", "bitwise_and", aliases: [], BitAndF.self,
                                   type: Rules.promoteInteger, gradient: nil)
    static let bitwiseOr = binary("_npi_bitwise_or", "bitwise_or", aliases: [], BitOrF.self,
                                  type: Rules.promoteInteger, gradient: nil)
    static let bitwiseXor = binary("_npi_bitwise_xor", "bitwise_xor", aliases: [], BitXorF.self,
                                   type: Rules.promoteInteger, gradient: nil)

    static let equal = compare("_npi_equal", "equal", aliases: [], EqualF.self)
    static let notEqual = compare("_npi_not_equal", "not_equal", aliases: [], NotEqualF.self)
    static let greater = compare("_npi_greater", "greater", aliases: [], GreaterF.self)
    static let greaterEqual = compare("_npi_greater_equal", "greater_equal", aliases: [], GreaterEqualF.self)
    static let less = compare("_npi_less", "less", aliases: [], LessF.self)
    static let lessEqual = compare("_npi_less_equal", "less_equal", aliases: [], LessEqualF.self)

    // MARK: Scalar forms

    static let addScalar = scalar("_npi_add_scalar", "add", aliases: ["_plus_scalar", "_PlusScalar"], AddF.self) { g in
        [g.outputGradients[0]]
    }
    static let subtractScalar = scalar("_npi_subtract_scalar", "subtract", aliases: ["_minus_scalar", "_MinusScalar"],
                                       SubF.self) { g in [g.outputGradients[0]] }
    static let rsubtractScalar = scalar("_npi_rsubtract_scalar", "subtract", aliases: ["_rminus_scalar", "_RMinusScalar"],
                                        SubF.self, reversed: true) { g in [try np.negative(g.outputGradients[0])] }
    static let multiplyScalar = scalar("_npi_multiply_scalar", "multiply", aliases: ["_mul_scalar", "_MulScalar"],
                                       MulF.self) { g in [try np.multiply(g.outputGradients[0], g.params.scalar)] }
    static let trueDivideScalar = scalar("_npi_true_divide_scalar", "true_divide", aliases: [], DivF.self,
                                         floatResult: true) { g in
        [try np.multiply(g.outputGradients[0], 1 / g.params.scalar)]
    }
    static let rtrueDivideScalar = scalar("_npi_rtrue_divide_scalar", "true_divide", aliases: [], DivF.self,
                                          reversed: true, floatResult: true) { g in
        // d(s/x)/dx = -s/x^2 = -y/x
        [try np.negative(np.multiply(g.outputGradients[0], np.trueDivide(g.outputs[0], g.inputs[0])))]
    }
    static let legacyDivideScalar = scalar("_div_scalar", "divide", aliases: ["_DivScalar"], DivF.self) { g in
        [try np.multiply(g.outputGradients[0], 1 / g.params.scalar)]
    }
    static let legacyRDivideScalar = scalar("_rdiv_scalar", "divide", aliases: ["_RDivScalar"], DivF.self,
                                            reversed: true) { g in
        [try np.negative(np.multiply(g.outputGradients[0], np.trueDivide(g.outputs[0], g.inputs[0])))]
    }
    static let floorDivideScalar = scalar("_npi_floor_divide_scalar", "floor_divide", aliases: [], FloorDivF.self,
                                          gradient: nil)
    static let rfloorDivideScalar = scalar("_npi_rfloor_divide_scalar", "floor_divide", aliases: [], FloorDivF.self,
                                           reversed: true, gradient: nil)
    static let modScalar = scalar("_npi_mod_scalar", "mod", aliases: ["_mod_scalar", "_ModScalar"], ModF.self) { g in
        [g.outputGradients[0]]
    }
    static let rmodScalar = scalar("_npi_rmod_scalar", "mod", aliases: ["_rmod_scalar", "_RModScalar"], ModF.self,
                                   reversed: true) { g in
        [try np.negative(np.multiply(g.outputGradients[0], np.floor(np.trueDivide(g.params.scalar, g.inputs[0]))))]
    }
    static let powerScalar = scalar("_npi_power_scalar", "power", aliases: ["_power_scalar", "_PowerScalar"], PowF.self) { g in
        let s = g.params.scalar
        return [try np.multiply(g.outputGradients[0], np.multiply(np.power(g.inputs[0], s - 1), s))]
    }
    static let rpowerScalar = scalar("_npi_rpower_scalar", "power", aliases: ["_rpower_scalar", "_RPowerScalar"],
                                     PowF.self, reversed: true) { g in
        [try np.multiply(g.outputGradients[0], np.multiply(g.outputs[0], Foundation_log(g.params.scalar)))]
    }
    static let maximumScalar = scalar("_npi_maximum_scalar", "maximum", aliases: ["_maximum_scalar", "_MaximumScalar"],
                                      MaxF.self) { g in
        [try np.multiply(g.outputGradients[0], np.astype(np.greaterEqual(g.inputs[0], g.params.scalar), g.outputGradients[0].dtype))]
    }
    static let minimumScalar = scalar("_npi_minimum_scalar", "minimum", aliases: ["_minimum_scalar", "_MinimumScalar"],
                                      MinF.self) { g in
        [try np.multiply(g.outputGradients[0], np.astype(np.lessEqual(g.inputs[0], g.params.scalar), g.outputGradients[0].dtype))]
    }
    static let hypotScalar = scalar("_npi_hypot_scalar", "hypot", aliases: [], HypotF.self,
                                    floatResult: true) { g in
        [try np.multiply(g.outputGradients[0], np.trueDivide(g.inputs[0], g.outputs[0]))]
    }
    static let equalScalar = compareScalar("_npi_equal_scalar", "equal", aliases: [], EqualF.self)
    static let notEqualScalar = compareScalar("_npi_not_equal_scalar", "not_equal", aliases: [], NotEqualF.self)
    static let greaterScalar = compareScalar("_npi_greater_scalar", "greater", aliases: [], GreaterF.self)
    static let greaterEqualScalar = compareScalar("_npi_greater_equal_scalar", "greater_equal", aliases: [], GreaterEqualF.self)
    static let lessScalar = compareScalar("_npi_less_scalar", "less", aliases: [], LessF.self)
    static let lessEqualScalar = compareScalar("_npi_less_equal_scalar", "less_equal", aliases: [], LessEqualF.self)

    /// MXNet 1.x `add_n`: the elementwise sum of `num_args` arrays of one shape.
    static let addN = Operator(
        "add_n", aliases: ["ElementWiseSum"], display: "add_n", params: NumArgsParams.self,
        inputs: { p in (0..<max(p.numArgs, 0)).map { "arg\($0)" } },
        shape: { s, p in
            guard p.numArgs >= 1 else { throw MXNetError("num_args must be at least 1") }
            return try Rules.sameShape(&s, p)
        }, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in try c.outputs[0].dispatch(AddNKernel(inputs: c.inputs, out: c.outputs[0])) },
        gradient: { g in g.inputs.map { _ in g.outputGradients[0] } })

    static var arithmetic: [Operator] {
        [addN, add, subtract, multiply, trueDivide, legacyDivide, floorDivide, mod, power, maximum, minimum, fmax, fmin,
         hypot, arctan2, copysign, bitwiseAnd, bitwiseOr, bitwiseXor,
         equal, notEqual, greater, greaterEqual, less, lessEqual,
         addScalar, subtractScalar, rsubtractScalar, multiplyScalar, trueDivideScalar, rtrueDivideScalar,
         legacyDivideScalar, legacyRDivideScalar, floorDivideScalar, rfloorDivideScalar, modScalar, rmodScalar,
         powerScalar, rpowerScalar, maximumScalar, minimumScalar, hypotScalar,
         equalScalar, notEqualScalar, greaterScalar, greaterEqualScalar, lessScalar, lessEqualScalar]
    }
}

import Foundation
@inline(__always) func Foundation_log(_ x: Double) -> Double { Foundation.log(x) }
