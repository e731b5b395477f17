/// An n-dimensional array with a runtime dtype: MXNet's NDArray with NumPy semantics.
///
/// Storage is contiguous (C order). Arrays never alias one another visibly: writes copy shared storage first.
/// Under deferred compute an array may be *pending* — a graph node whose value is computed on first read
/// (``asArray(_:)``, ``item(_:)``, ``waitToRead()``, saving).
///
/// ```swift
/// let a = try np.array([1, 2, 3, 4] as [Float], shape: [2, 2])
/// let b = try np.add(a, a)
/// print(try b.asArray(Float.self))  // [2.0, 4.0, 6.0, 8.0]
/// ```
public final class NDArray {
    public let shape: [Int]
    public let dtype: DType
    var storageIfReady: Storage?
    /// The graph entry that produces this array under deferred compute (pending or variable).
    var entry: GraphEntry?
    /// Autograd bookkeeping: a leaf with a gradient buffer, or an output of a recorded op.
    var autogradInfo: AutogradInfo?

    init(storage: Storage, shape: [Int], dtype: DType) {
        self.storageIfReady = storage
        self.shape = shape
        self.dtype = dtype
    }

    init(pending entry: GraphEntry) {
        self.entry = entry
        self.shape = entry.shape
        self.dtype = entry.dtype
    }

    /// A zero-filled array.
    public convenience init(zeros shape: [Int], dtype: DType = .float32) {
        self.init(storage: Storage(byteCount: Shape.count(shape) * dtype.size), shape: shape, dtype: dtype)
    }

    /// An array holding `values` in C order; `shape` defaults to `[values.count]`.
    ///
    /// Programmer errors (a count that does not match the shape) stop with a message; use ``np/array(_:shape:dtype:)``
    /// for input that is not trusted.
    public convenience init<T: Element>(_ values: [T], shape: [Int]? = nil) {
        let shape = shape ?? [values.count]
        precondition(Shape.count(shape) == values.count,
                     "NDArray: \(values.count) values do not fill shape \(Shape.text(shape))")
        let s = Storage(uninitializedByteCount: values.count * T.dtype.size)
        values.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 { s.data.copyMemory(from: base, byteCount: bytes.count) }
        }
        self.init(storage: s, shape: shape, dtype: T.dtype)
    }

    /// A 0-d array holding `value`.
    public convenience init<T: Element>(scalar value: T) { self.init([value], shape: []) }

    /// Number of dimensions.
    public var ndim: Int { shape.count }
    /// Number of elements.
    public var size: Int { Shape.count(shape) }

    /// Whether the value is still to be computed (deferred compute).
    public var isPending: Bool { storageIfReady == nil }

    /// The storage, computing it first if the array is pending.
    func storage() throws -> Storage {
        if let s = storageIfReady { return s }
        guard let entry else { throw MXNetError("array has neither data nor a graph node") }
        let s = try GraphExecutor.evaluate([entry])[0]
        storageIfReady = s
        return s
    }

    /// A kernel view of the (computed) data.
    func tensor() throws -> TensorRef {
        TensorRef(data: try storage().data, shape: shape, dtype: dtype)
    }

    /// Storage this array alone owns, copied first if shared (copy on write).
    func uniqueStorage() throws -> Storage {
        _ = try storage()
        if !isKnownUniquelyReferenced(&storageIfReady!) { storageIfReady = storageIfReady!.copy() }
        return storageIfReady!
    }

    /// Replaces this array's contents with `other`'s (same shape; converted to this dtype).
    func assign(from other: NDArray) throws {
        guard other.shape == shape else {
            throw MXNetError("cannot assign an array of shape \(Shape.text(other.shape)) to one of shape \(Shape.text(shape))")
        }
        let src = try other.tensor()
        let dst = try uniqueStorage()
        convertElements(src, TensorRef(data: dst.data, shape: shape, dtype: dtype))
    }

    /// Computes pending work; afterwards reads are immediate.
    /// - Throws: the first error of the pending computation.
    public func waitToRead() throws { _ = try storage() }

    /// The elements in C order, converted to `T`.
    ///
    /// ```swift
    /// let v = try np.arange(3).asArray(Float.self)  // [0.0, 1.0, 2.0]
    /// ```
    public func asArray<T: Element>(_: T.Type = T.self) throws -> [T] {
        let src = try tensor()
        let n = size
        if T.dtype == dtype {
            return Array(UnsafeBufferPointer(start: src.pointer(T.self), count: n))
        }
        return [T](unsafeUninitializedCapacity: n) { buf, count in
            guard let base = buf.baseAddress, n > 0 else { count = 0; return }
            convertElements(src, TensorRef(data: UnsafeMutableRawPointer(base), shape: shape, dtype: T.dtype))
            count = n
        }
    }

    /// The single element of a one-element array.
    /// - Throws: ``MXNetError`` when the array has more than one element.
    public func item<T: Element>(_: T.Type = Double.self) throws -> T {
        guard size == 1 else { throw MXNetError("item: can only convert an array of size 1, got \(Shape.text(shape))") }
        return try asArray(T.self)[0]
    }
}
