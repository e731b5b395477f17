/// MXNet 1.x names of math ops whose NumPy forms give integer data a float result: in 1.x the result keeps the
/// input's dtype (`exp` of int32 is int32, computed in float64 and truncated). Each shares its NumPy op's
/// kernel, shape rule and gradient.
extension Ops {
    /// The 1.x form of `base`: float data as `base`; integer data is computed by `base` in float64 and the
    /// result converted back to the data's dtype.
    static func keepingIntegerType<P: OpParams>(_ name: String, aliases: [String] = [], _ base: Operator,
                                                params: P.Type) -> Operator {
        Operator(
            name, aliases: aliases, display: name, params: P.self, inputs: { base.inputNames($0) },
            shape: { s, p in try base.shapeFn(&s, p) },
            partialShape: base.partialShapeFn.map { rule in { c in let p = c.params; try c.run(rule, params: p) } },
            type: { t, p in
                let data = t[0]
                let out = try base.typeFn(&t, p)
                guard let d = data, !d.isFloatingPoint else { return out }
                for i in t.indices { t[i] = .float64 }
                return [d]
            },
            forward: { c in
                try withOutput(c.outputs[0], as: c.inputs[0].dtype) { o in
                    try base.forwardFn(KernelCall(inputs: c.inputs, outputs: [o], params: c.params, context: c.context))
                }
            },
            gradient: base.gradientFn.map { rule in
                { g in try rule(GradientCall(inputs: g.inputs, outputs: g.outputs, outputGradients: g.outputGradients,
                                             params: g.params)) }
            })
    }

    static func legacyUnary(_ base: Operator) -> Operator {
        keepingIntegerType(base.displayName, base, params: NoParams.self)
    }

    /// MXNet 1.x `logical_not`: 1 where the data is 0, else 0, in the data's dtype.
    static let legacyLogicalNot = Operator(
        "logical_not", display: "logical_not", params: NoParams.self, inputs: { _ in ["data"] },
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
            _ = try logicalNot.typeFn(&t, p)
            return [d]
        },
        forward: { c in
            try withOutput(c.outputs[0], as: .bool) { o in
                try logicalNot.forwardFn(KernelCall(inputs: c.inputs, outputs: [o], params: c.params, context: c.context))
            }
        },
        gradient: nil)

    static var legacyMath: [Operator] {
        [sqrt, cbrt, exp, expm1, log, log2, log10, log1p, sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh,
         arcsinh, arccosh, arctanh, degrees, radians, reciprocal, sigmoid, erf, erfinv, gamma, gammaln]
            .map(legacyUnary) + [
            legacyLogicalNot,
            keepingIntegerType("broadcast_hypot", aliases: ["_hypot", "_Hypot"], hypot, params: NoParams.self),
            keepingIntegerType("_hypot_scalar", aliases: ["_HypotScalar"], hypotScalar, params: ScalarParams.self),
        ]
    }
}
