/// A kernel's view of one contiguous array: raw pointer, shape and dtype. Kernels read inputs and write
/// outputs through these without bounds checks; the executor guarantees sizes.
public struct TensorRef {
    public let data: UnsafeMutableRawPointer
    public let shape: [Int]
    public let dtype: DType

    @inlinable public var count: Int { Shape.count(shape) }
    @inlinable public var ndim: Int { shape.count }

    @inlinable public func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        data.assumingMemoryBound(to: T.self)
    }

    /// Reads element `i` as a double, whatever the dtype (for slow paths and scalar parameters).
    public func double(at i: Int) -> Double {
        withElementType(dtype) { t in t.load(data, i).doubleValue }
    }
}

/// Calls `body` with the static ``Element`` type of `dtype`.
///
/// ```swift
/// let size = withElementType(.float32) { t in MemoryLayout.size(ofValue: t) }
/// ```
@inline(__always)
public func withElementType<R>(_ dtype: DType, _ body: (any Element.Type) throws -> R) rethrows -> R {
    switch dtype {
    case .float32: return try body(Float.self)
    case .float64: return try body(Double.self)
    case .float16: return try body(Float16.self)
    case .bfloat16: return try body(BFloat16.self)
    case .uint8: return try body(UInt8.self)
    case .int8: return try body(Int8.self)
    case .int16: return try body(Int16.self)
    case .uint16: return try body(UInt16.self)
    case .int32: return try body(Int32.self)
    case .uint32: return try body(UInt32.self)
    case .int64: return try body(Int64.self)
    case .uint64: return try body(UInt64.self)
    case .bool: return try body(Bool.self)
    }
}

extension Element {
    @inline(__always) static func load(_ p: UnsafeMutableRawPointer, _ i: Int) -> Self {
        p.assumingMemoryBound(to: Self.self)[i]
    }
}
