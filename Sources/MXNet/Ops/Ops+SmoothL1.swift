/// Parameters of `smooth_l1`: `scalar` is σ.
public struct SmoothL1Params: OpParams {
    public var scalar = 1.0
    public init() {}
    public init(sigma: Double) { scalar = sigma }
    public static let fields: [ParamField<SmoothL1Params>] = [.double("scalar", \.scalar)]
}

extension Ops {
    /// `0.5 (σx)²` where `|x| < 1/σ²`, else `|x| - 0.5/σ²`.
    static let smoothL1 = Operator(
        "_npx_smooth_l1", aliases: ["smooth_l1"], display: "smooth_l1", params: SmoothL1Params.self,
        inputs: { _ in ["data"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in try c.inputs[0].dispatch(SmoothL1Kernel(x: c.inputs[0], out: c.outputs[0], sigma: c.params.scalar)) },
        gradient: { g in
            // σ² x inside the quadratic zone, sign(x) outside.
            let x = g.inputs[0], s2 = g.params.scalar * g.params.scalar
            let inside = try np.astype(np.less(np.abs(x), 1 / s2), x.dtype)
            let d = try np.add(np.multiply(inside, np.multiply(x, s2)), np.multiply(np.rsubtract(1, inside), np.sign(x)))
            return [try np.multiply(g.outputGradients[0], d)]
        })
}

private struct SmoothL1Kernel: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, sigma: Double
    func float<T: KernelFloat>(_: T.Type) {
        let s2 = T(sigma * sigma), inv = 1 / s2, half = T(0.5)
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { v in
            let a = Swift.abs(v)
            return a < inv ? half * v * v * s2 : a - half * inv
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        let s2 = sigma * sigma
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { v in
            let d = Double(v), a = Swift.abs(d)
            return T(fromDouble: a < 1 / s2 ? 0.5 * d * d * s2 : a - 0.5 / s2)
        }
    }
}
