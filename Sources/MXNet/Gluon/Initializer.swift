/// Creates a parameter's initial value (MXNet's `mx.init.Initializer`).
///
/// Conforming types receive the parameter's structural name, its (fully known) shape and dtype.
///
/// ```swift
/// struct Halves: Initializer {
///     func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
///         try np.full(shape, 0.5, dtype: dtype)
///     }
/// }
/// let p = Parameter("weight", shape: [2, 3], initializer: Halves())
/// ```
public protocol Initializer {
    /// The initial value of parameter `name` of the given shape and dtype.
    /// - Throws: ``MXNetError`` when the initializer cannot handle the shape (e.g. too few dimensions).
    func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray
}

/// An initializer given by a closure.
///
/// ```swift
/// let ones = InitializerFunction { _, shape, dtype in try np.ones(shape, dtype: dtype) }
/// ```
public struct InitializerFunction: Initializer {
    let body: (String, [Int], DType) throws -> NDArray
    /// An initializer that calls `body(name, shape, dtype)`.
    public init(_ body: @escaping (String, [Int], DType) throws -> NDArray) { self.body = body }
    public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray { try body(name, shape, dtype) }
}

extension DeferredCompute {
    /// Runs `body` with deferred compute off (parameter initialisation computes at once, even mid-trace).
    static func suspended<R>(_ body: () throws -> R) rethrows -> R {
        let d = depth
        depth = 0
        defer { depth = d }
        return try body()
    }
}
