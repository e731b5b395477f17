/// The initializers (`mx.initializer`, `mx.init`): ``initializer/Xavier``, ``initializer/Uniform`` ...
/// A namespace, so that `initializer.Constant` stays apart from Gluon's `Constant` parameter.
///
/// ```swift
/// let w = try initializer.Xavier(magnitude: 2).initialize("fc.weight", shape: [10, 5], dtype: .float32)
/// ```
public enum initializer {}
