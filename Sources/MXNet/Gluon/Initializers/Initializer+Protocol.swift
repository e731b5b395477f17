/// Creates the initial value of a parameter (`mx.init.Initializer`).
///
/// ```swift
/// let w = try initializer.Xavier().initialize("dense0.weight", shape: [64, 32], dtype: .float32)
/// ```
public protocol Initializer {
    /// The initial value for the parameter called `name`.
    /// - Throws: ``MXNetError`` when the initializer cannot fill `shape` or does not know the name's pattern.
    func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray
}

/// The initializers (`mx.initializer`, `mx.init`): ``initializer/Xavier``, ``initializer/Uniform`` ...
/// A namespace, so that `initializer.Constant` stays apart from Gluon's `Constant` parameter.
///
/// ```swift
/// let w = try initializer.Xavier(magnitude: 2).initialize("fc.weight", shape: [10, 5], dtype: .float32)
/// ```
public enum initializer {}
