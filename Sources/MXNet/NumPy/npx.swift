/// MXNet 2.0's `mx.npx`: neural-network and MXNet-specific operators on ``NDArray``.
///
/// Each function forwards to one registry operator (`_npx_*` or its 1.x name), so `npx`, the JSON loader and
/// MXV1 share one implementation.
///
/// ```swift
/// let y = try npx.relu(np.array([-1, 2] as [Float]))  // [0, 2]
/// ```
public enum npx {
    /// `max(x, 0)`.
    public static func relu(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.relu, [x]) }
    /// `1 / (1 + exp(-x))`.
    public static func sigmoid(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sigmoid, [x]) }
    /// The Gauss error function.
    public static func erf(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.erf, [x]) }
    /// The inverse error function.
    public static func erfinv(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.erfinv, [x]) }
    /// Γ(x).
    public static func gamma(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.gamma, [x]) }
    /// ln |Γ(x)|.
    public static func gammaln(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.gammaln, [x]) }
}
