import RealModule

extension Ops {
    // MARK: - Builders

    /// An elementwise op; `keepsIntegers` ops (negative, abs, floor, ...) keep integer dtypes, the others compute
    /// integers in float32 (`legacy` ops, MXNet 1.x-only names, then truncate back to the integer dtype).
    static func unary<F: UnaryFunctor>(
        _ name: String, _ display: String, aliases: [String] = [], _ f: F.Type, keepsIntegers: Bool = false,
        legacy: Bool = false, gradient: ((GradientCall<NoParams>) throws -> [NDArray?])?
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: NoParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
                 type: keepsIntegers ? Rules.sameType : legacy ? Rules.legacyFloatUnary : Rules.floatUnary,
                 forward: { c in
                     try withOutput(c.outputs[0], as: c.inputs[0].dtype) { o in
                         try c.inputs[0].dispatch(UnaryKernel<F>(x: c.inputs[0], out: o))
                     }
                 },
                 gradient: gradient)
    }

    static func predicate<F: PredicateFunctor>(_ name: String, _ display: String, aliases: [String] = [],
                                               _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, display: display, params: NoParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in
                     if t[0] == .bool { t[0] = .uint8 }
                     return [.bool]
                 },
                 forward: { c in try c.inputs[0].dispatch(PredicateKernel<F>(x: c.inputs[0], out: c.outputs[0])) },
                 gradient: nil)
    }

    /// Gradient `g * d(x, y)` for a unary op with input `x` and output `y`.
    static func chain(_ d: @escaping (NDArray, NDArray) throws -> NDArray) -> (GradientCall<NoParams>) throws -> [NDArray?] {
        { g in [try np.multiply(g.outputGradients[0], d(g.inputs[0], g.outputs[0]))] }
    }

    static func zeroGradient(_ g: GradientCall<NoParams>) throws -> [NDArray?] { [try np.zerosLike(g.inputs[0])] }

    // MARK: - Operators

    static let negative = unary("_npi_negative", "negative", aliases: ["negative"], NegativeF.self, keepsIntegers: true) { g in
        [try np.negative(g.outputGradients[0])]
    }
    static let absolute = unary("_npi_absolute", "absolute", aliases: ["_npi_abs", "abs"], AbsF.self, keepsIntegers: true,
                                gradient: chain { x, _ in try np.sign(x) })
    static let sign = unary("_npi_sign", "sign", aliases: ["sign"], SignF.self, keepsIntegers: true, gradient: zeroGradient)
    static let square = unary("_npi_square", "square", aliases: ["square"], SquareF.self, keepsIntegers: true,
                              gradient: chain { x, _ in try np.multiply(x, 2) })
    static let reciprocal = unary("_npi_reciprocal", "reciprocal", ReciprocalF.self,
                                  gradient: chain { _, y in try np.negative(np.square(y)) })
    static let exp = unary("_npi_exp", "exp", ExpF.self, gradient: chain { _, y in y })
    static let expm1 = unary("_npi_expm1", "expm1", Expm1F.self,
                             gradient: chain { _, y in try np.add(y, 1) })
    static let log = unary("_npi_log", "log", LogF.self,
                           gradient: chain { x, _ in try np.reciprocal(x) })
    static let log2 = unary("_npi_log2", "log2", Log2F.self,
                            gradient: chain { x, _ in try np.reciprocal(np.multiply(x, 0.6931471805599453)) })
    static let log10 = unary("_npi_log10", "log10", Log10F.self,
                             gradient: chain { x, _ in try np.reciprocal(np.multiply(x, 2.302585092994046)) })
    static let log1p = unary("_npi_log1p", "log1p", Log1pF.self,
                             gradient: chain { x, _ in try np.reciprocal(np.add(x, 1)) })
    static let sqrt = unary("_npi_sqrt", "sqrt", SqrtF.self,
                            gradient: chain { _, y in try np.trueDivide(0.5, y) })
    static let rsqrt = unary("rsqrt", "rsqrt", RsqrtF.self, legacy: true,
                             gradient: chain { _, y in try np.multiply(np.power(y, 3), -0.5) })
    static let cbrt = unary("_npi_cbrt", "cbrt", CbrtF.self,
                            gradient: chain { _, y in try np.reciprocal(np.multiply(np.square(y), 3)) })
    static let rcbrt = unary("rcbrt", "rcbrt", RcbrtF.self, legacy: true,
                             gradient: chain { _, y in try np.multiply(np.power(y, 4), -1.0 / 3) })
    static let sin = unary("_npi_sin", "sin", SinF.self, gradient: chain { x, _ in try np.cos(x) })
    static let cos = unary("_npi_cos", "cos", CosF.self,
                           gradient: chain { x, _ in try np.negative(np.sin(x)) })
    static let tan = unary("_npi_tan", "tan", TanF.self,
                           gradient: chain { _, y in try np.add(np.square(y), 1) })
    static let arcsin = unary("_npi_arcsin", "arcsin", ArcsinF.self,
                              gradient: chain { x, _ in try np.rsqrt(np.rsubtract(1, np.square(x))) })
    static let arccos = unary("_npi_arccos", "arccos", ArccosF.self,
                              gradient: chain { x, _ in try np.negative(np.rsqrt(np.rsubtract(1, np.square(x)))) })
    static let arctan = unary("_npi_arctan", "arctan", ArctanF.self,
                              gradient: chain { x, _ in try np.reciprocal(np.add(np.square(x), 1)) })
    static let sinh = unary("_npi_sinh", "sinh", SinhF.self, gradient: chain { x, _ in try np.cosh(x) })
    static let cosh = unary("_npi_cosh", "cosh", CoshF.self, gradient: chain { x, _ in try np.sinh(x) })
    static let tanh = unary("_npi_tanh", "tanh", TanhF.self,
                            gradient: chain { _, y in try np.rsubtract(1, np.square(y)) })
    static let arcsinh = unary("_npi_arcsinh", "arcsinh", ArcsinhF.self,
                               gradient: chain { x, _ in try np.rsqrt(np.add(np.square(x), 1)) })
    static let arccosh = unary("_npi_arccosh", "arccosh", ArccoshF.self,
                               gradient: chain { x, _ in try np.rsqrt(np.subtract(np.square(x), 1)) })
    static let arctanh = unary("_npi_arctanh", "arctanh", ArctanhF.self,
                               gradient: chain { x, _ in try np.reciprocal(np.rsubtract(1, np.square(x))) })
    static let degrees = unary("_npi_degrees", "degrees", DegreesF.self,
                               gradient: chain { x, _ in try np.fullLike(x, 180 / Double.pi) })
    static let radians = unary("_npi_radians", "radians", RadiansF.self,
                               gradient: chain { x, _ in try np.fullLike(x, Double.pi / 180) })
    static let floor = unary("_npi_floor", "floor", aliases: ["floor"], FloorF.self, keepsIntegers: true,
                             gradient: zeroGradient)
    static let ceil = unary("_npi_ceil", "ceil", aliases: ["ceil"], CeilF.self, keepsIntegers: true, gradient: zeroGradient)
    static let trunc = unary("_npi_trunc", "trunc", aliases: ["trunc"], TruncF.self, keepsIntegers: true,
                             gradient: zeroGradient)
    static let fix = unary("_npi_fix", "fix", aliases: ["fix"], TruncF.self, keepsIntegers: true, gradient: zeroGradient)
    static let rint = unary("_npi_rint", "rint", aliases: ["rint"], RintF.self, keepsIntegers: true, gradient: zeroGradient)
    /// MXNet 1.x `round`: halves away from zero.
    static let roundAway = unary("round", "round", RoundAwayF.self, keepsIntegers: true, gradient: zeroGradient)
    static let relu = unary("_npx_relu", "relu", aliases: ["relu"], ReluF.self, keepsIntegers: true,
                            gradient: chain { x, _ in try np.astype(np.greater(x, 0), x.dtype) })
    static let sigmoid = unary("_npx_sigmoid", "sigmoid", SigmoidF.self,
                               gradient: chain { _, y in try np.multiply(y, np.rsubtract(1, y)) })
    static let softsign = unary("softsign", "softsign", SoftsignF.self, legacy: true,
                                gradient: chain { x, _ in try np.reciprocal(np.square(np.add(np.abs(x), 1))) })
    static let erf = unary("_npx_erf", "erf", ErfF.self,
                           gradient: chain { x, _ in try np.multiply(np.exp(np.negative(np.square(x))), 1.1283791670955126) })
    static let erfinv = unary("_npx_erfinv", "erfinv", ErfinvF.self,
                              gradient: chain { _, y in try np.multiply(np.exp(np.square(y)), 0.886226925452758) })
    static let gamma = unary("_npx_gamma", "gamma", GammaF.self,
                             gradient: chain { x, y in try np.multiply(y, Imperative.call(Ops.digammaOp, [x])) })
    static let gammaln = unary("_npx_gammaln", "gammaln", GammalnF.self,
                               gradient: chain { x, _ in try Imperative.call(Ops.digammaOp, [x]) })
    /// ψ(x), used by the gradients of `gamma` and `gammaln`.
    static let digammaOp = unary("_digamma", "digamma", DigammaF.self, gradient: nil)
    static let bitwiseNot = unary("_npi_bitwise_not", "bitwise_not", aliases: ["_npi_invert"], BitNotF.self,
                                  keepsIntegers: true, gradient: nil)
    static let isnan = predicate("_npi_isnan", "isnan", IsNanF.self)
    static let isinf = predicate("_npi_isinf", "isinf", IsInfF.self)
    static let isposinf = predicate("_npi_isposinf", "isposinf", IsPosInfF.self)
    static let isneginf = predicate("_npi_isneginf", "isneginf", IsNegInfF.self)
    static let isfinite = predicate("_npi_isfinite", "isfinite", IsFiniteF.self)
    static let logicalNot = predicate("_npi_logical_not", "logical_not", LogicalNotF.self)

    /// NumPy `around`: round half to even at `decimals` places.
    static let around = Operator(
        "_npi_around", aliases: [], display: "around", params: AroundParams.self, inputs: { _ in ["x"] },
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in try c.inputs[0].dispatch(AroundKernel(x: c.inputs[0], out: c.outputs[0], decimals: c.params.decimals)) },
        gradient: { g in [try np.zerosLike(g.inputs[0])] })

    static var unaryMath: [Operator] {
        [negative, absolute, sign, square, reciprocal, exp, expm1, log, log2, log10, log1p, sqrt, rsqrt, cbrt, rcbrt,
         sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh, arcsinh, arccosh, arctanh, degrees, radians,
         floor, ceil, trunc, fix, rint, roundAway, relu, sigmoid, softsign, erf, erfinv, gamma, gammaln, digammaOp,
         bitwiseNot, around, isnan, isinf, isposinf, isneginf, isfinite, logicalNot]
    }
}

/// Parameters of `around`.
public struct AroundParams: OpParams {
    public var decimals = 0
    public init() {}
    public init(decimals: Int) { self.decimals = decimals }
    public static let fields: [ParamField<AroundParams>] = [.int("decimals", \.decimals)]
}

struct AroundKernel: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, decimals: Int
    func float<T: KernelFloat>(_: T.Type) {
        let scale = T.pow(10, T(decimals))
        if decimals == 0 {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { $0.rounded(.toNearestOrEven) }
        } else {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { ($0 * scale).rounded(.toNearestOrEven) / scale }
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        if decimals >= 0 {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { $0 }
        } else {
            let scale = Double.pow(10, Double(-decimals))
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) {
                T(fromDouble: (Double($0) / scale).rounded(.toNearestOrEven) * scale)
            }
        }
    }
}
