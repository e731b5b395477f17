/// MXNet 1.x comparison operators (the 1.x logical ones live with np's in Ops+Select.swift): same kernels as np's, but the result keeps the operands' dtype
/// (1 for true, 0 for false) and gradients are zero — as in MXNet 1.9.1.
extension Ops {
    static func legacyCompare<F: CompareFunctor>(_ name: String, aliases: [String], _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, params: NoParams.self, inputs: { _ in ["lhs", "rhs"] },
                 shape: Rules.broadcast, partialShape: Rules.binaryPartial, type: Rules.promote, forward: { c in
                     try c.inputs[0].dispatch(LegacyCompareKernel<F>(a: c.inputs[0], b: c.inputs[1], out: c.outputs[0]))
                 }, gradient: zeroGradients)
    }

    static func legacyCompareScalar<F: CompareFunctor>(_ name: String, aliases: [String] = [], _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, params: ScalarParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType, forward: { c in
                     try c.inputs[0].dispatch(LegacyCompareScalarKernel<F>(x: c.inputs[0], out: c.outputs[0],
                                                                           scalar: c.params.scalar))
                 }, gradient: { g in [try np.zerosLike(g.inputs[0])] })
    }

    static func zeroGradients(_ g: GradientCall<NoParams>) throws -> [NDArray?] {
        try g.inputs.map { try np.zerosLike($0) }
    }

    static var legacyComparisons: [Operator] {
        [legacyCompare("broadcast_equal", aliases: ["_equal", "_Equal"], EqualF.self),
         legacyCompare("broadcast_not_equal", aliases: ["_not_equal", "_Not_Equal"], NotEqualF.self),
         legacyCompare("broadcast_greater", aliases: ["_greater", "_Greater"], GreaterF.self),
         legacyCompare("broadcast_greater_equal", aliases: ["_greater_equal", "_Greater_Equal"], GreaterEqualF.self),
         legacyCompare("broadcast_lesser", aliases: ["_lesser", "_Lesser"], LessF.self),
         legacyCompare("broadcast_lesser_equal", aliases: ["_lesser_equal", "_Lesser_Equal"], LessEqualF.self),
         legacyCompareScalar("_equal_scalar", aliases: ["_EqualScalar"], EqualF.self),
         legacyCompareScalar("_not_equal_scalar", aliases: ["_NotEqualScalar"], NotEqualF.self),
         legacyCompareScalar("_greater_scalar", aliases: ["_GreaterScalar"], GreaterF.self),
         legacyCompareScalar("_greater_equal_scalar", aliases: ["_GreaterEqualScalar"], GreaterEqualF.self),
         legacyCompareScalar("_lesser_scalar", aliases: ["_LesserScalar"], LessF.self),
         legacyCompareScalar("_lesser_equal_scalar", aliases: ["_LesserEqualScalar"], LessEqualF.self)]
    }

    // MARK: - Remaining np scalar forms and binary ops

    static let bitwiseAndScalar = scalar("_npi_bitwise_and_scalar", "bitwise_and", aliases: [], BitAndF.self, gradient: nil)
    static let bitwiseOrScalar = scalar("_npi_bitwise_or_scalar", "bitwise_or", aliases: [], BitOrF.self, gradient: nil)
    static let bitwiseXorScalar = scalar("_npi_bitwise_xor_scalar", "bitwise_xor", aliases: [], BitXorF.self, gradient: nil)
    static let arctan2Scalar = scalar("_npi_arctan2_scalar", "arctan2", aliases: [], Atan2F.self, floatResult: true) { g in
        // d/dx atan2(x, s) = s / (x^2 + s^2)
        let s = g.params.scalar, x = g.inputs[0]
        return [try np.multiply(g.outputGradients[0], np.trueDivide(s, np.add(np.square(x), s * s)))]
    }
    static let rarctan2Scalar = scalar("_npi_rarctan2_scalar", "arctan2", aliases: [], Atan2F.self, reversed: true,
                                       floatResult: true) { g in
        // d/dx atan2(s, x) = -s / (x^2 + s^2)
        let s = g.params.scalar, x = g.inputs[0]
        return [try np.multiply(g.outputGradients[0], np.trueDivide(-s, np.add(np.square(x), s * s)))]
    }
    static let copysignScalar = scalar("_npi_copysign_scalar", "copysign", aliases: [], CopysignF.self,
                                       floatResult: true) { g in
        let sign = g.params.scalar < 0 || (g.params.scalar == 0 && g.params.scalar.sign == .minus) ? -1.0 : 1.0
        return [try np.multiply(g.outputGradients[0], np.multiply(np.sign(g.inputs[0]), sign))]
    }
    static let rcopysignScalar = scalar("_npi_rcopysign_scalar", "copysign", aliases: [], CopysignF.self,
                                        reversed: true, floatResult: true) { g in [try np.zerosLike(g.inputs[0])] }
    static let ldexp = binary("_npi_ldexp", "ldexp", aliases: [], LdexpF.self, type: Rules.promoteToFloat) { g in
        let d = g.outputGradients[0], a = g.inputs[0], b = g.inputs[1], y = g.outputs[0]
        return [try reduceTo(np.multiply(d, np.power(2, b)), a.shape),
                try reduceTo(np.multiply(d, np.multiply(y, 0.6931471805599453)), b.shape)]
    }
    static let ldexpScalar = scalar("_npi_ldexp_scalar", "ldexp", aliases: [], LdexpF.self, floatResult: true) { g in
        [try np.multiply(g.outputGradients[0], Foundation_pow(2, g.params.scalar))]
    }
    static let rldexpScalar = scalar("_npi_rldexp_scalar", "ldexp", aliases: [], LdexpF.self, reversed: true,
                                     floatResult: true) { g in
        [try np.multiply(g.outputGradients[0], np.multiply(g.outputs[0], 0.6931471805599453))]
    }
    static let lcm = binary("_npi_lcm", "lcm", aliases: [], LcmF.self, gradient: nil)
    static let lcmScalar = scalar("_npi_lcm_scalar", "lcm", aliases: [], LcmF.self, gradient: nil)

    static var moreScalarForms: [Operator] {
        [bitwiseAndScalar, bitwiseOrScalar, bitwiseXorScalar, arctan2Scalar, rarctan2Scalar, copysignScalar,
         rcopysignScalar, ldexp, ldexpScalar, rldexpScalar, lcm, lcmScalar]
    }
}

import Foundation
@inline(__always) func Foundation_pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
