/// Binary arithmetic with broadcasting and type promotion; scalars pick the `_scalar` operators.
extension np {
    /// A number or an array: the right-hand side of np's binary functions.
    public enum Operand {
        case array(NDArray)
        case scalar(Double, isInt: Bool)
    }

    static func binary(_ a: NDArray, _ b: NDArray, _ op: Operator) throws -> NDArray { try Imperative.call(op, [a, b]) }
    static func scalarOp(_ a: NDArray, _ s: Double, _ op: Operator) throws -> NDArray {
        try Imperative.call(op, [a], ScalarParams(s, isInt: s == s.rounded() && Swift.abs(s) < 9e15))
    }

    public static func add(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.add) }
    public static func add(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.addScalar) }
    public static func subtract(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.subtract) }
    public static func subtract(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.subtractScalar) }
    /// `s - a`.
    public static func rsubtract(_ s: Double, _ a: NDArray) throws -> NDArray { try scalarOp(a, s, Ops.rsubtractScalar) }
    public static func multiply(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.multiply) }
    public static func multiply(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.multiplyScalar) }
    /// True division: integers give float32.
    public static func trueDivide(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.trueDivide) }
    public static func trueDivide(_ a: NDArray, _ s: Double) throws -> NDArray {
        try Imperative.call(Ops.trueDivideScalar, [a], ScalarParams(s, isInt: false))
    }
    public static func trueDivide(_ s: Double, _ a: NDArray) throws -> NDArray {
        try Imperative.call(Ops.rtrueDivideScalar, [a], ScalarParams(s, isInt: false))
    }
    /// Same as ``trueDivide(_:_:)-(NDArray,NDArray)``.
    public static func divide(_ a: NDArray, _ b: NDArray) throws -> NDArray { try trueDivide(a, b) }
    public static func divide(_ a: NDArray, _ s: Double) throws -> NDArray { try trueDivide(a, s) }
    public static func floorDivide(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.floorDivide) }
    public static func floorDivide(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.floorDivideScalar) }
    public static func mod(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.mod) }
    public static func mod(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.modScalar) }
    public static func remainder(_ a: NDArray, _ b: NDArray) throws -> NDArray { try mod(a, b) }
    public static func power(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.power) }
    public static func power(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.powerScalar) }
    public static func power(_ s: Double, _ a: NDArray) throws -> NDArray { try scalarOp(a, s, Ops.rpowerScalar) }
    public static func maximum(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.maximum) }
    public static func maximum(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.maximumScalar) }
    public static func minimum(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.minimum) }
    public static func minimum(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.minimumScalar) }
    public static func fmax(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.fmax) }
    public static func fmin(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.fmin) }
    public static func hypot(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.hypot) }
    public static func arctan2(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.arctan2) }
    public static func copysign(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.copysign) }
    public static func bitwiseAnd(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.bitwiseAnd) }
    public static func bitwiseOr(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.bitwiseOr) }
    public static func bitwiseXor(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.bitwiseXor) }

    public static func equal(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.equal) }
    public static func equal(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.equalScalar) }
    public static func notEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.notEqual) }
    public static func notEqual(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.notEqualScalar) }
    public static func greater(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.greater) }
    public static func greater(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.greaterScalar) }
    public static func greaterEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.greaterEqual) }
    public static func greaterEqual(_ a: NDArray, _ s: Double) throws -> NDArray {
        try scalarOp(a, s, Ops.greaterEqualScalar)
    }
    public static func less(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.less) }
    public static func less(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.lessScalar) }
    public static func lessEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray { try binary(a, b, Ops.lessEqual) }
    public static func lessEqual(_ a: NDArray, _ s: Double) throws -> NDArray { try scalarOp(a, s, Ops.lessEqualScalar) }
}

// MARK: - Operators on arrays

extension NDArray {
    public static func + (a: NDArray, b: NDArray) throws -> NDArray { try np.add(a, b) }
    public static func + (a: NDArray, s: Double) throws -> NDArray { try np.add(a, s) }
    public static func + (s: Double, a: NDArray) throws -> NDArray { try np.add(a, s) }
    public static func - (a: NDArray, b: NDArray) throws -> NDArray { try np.subtract(a, b) }
    public static func - (a: NDArray, s: Double) throws -> NDArray { try np.subtract(a, s) }
    public static func - (s: Double, a: NDArray) throws -> NDArray { try np.rsubtract(s, a) }
    public static func * (a: NDArray, b: NDArray) throws -> NDArray { try np.multiply(a, b) }
    public static func * (a: NDArray, s: Double) throws -> NDArray { try np.multiply(a, s) }
    public static func * (s: Double, a: NDArray) throws -> NDArray { try np.multiply(a, s) }
    public static func / (a: NDArray, b: NDArray) throws -> NDArray { try np.trueDivide(a, b) }
    public static func / (a: NDArray, s: Double) throws -> NDArray { try np.trueDivide(a, s) }
    public static func / (s: Double, a: NDArray) throws -> NDArray { try np.trueDivide(s, a) }
    public static prefix func - (a: NDArray) throws -> NDArray { try np.negative(a) }
}
