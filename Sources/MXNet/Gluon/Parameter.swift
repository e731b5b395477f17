/// A trainable value of a block (MXNet 2.0's `gluon.Parameter`): a weight with its gradient buffer, shape
/// (possibly with unknown dimensions until the first forward pass), dtype, initializer, gradient request and
/// learning-rate / weight-decay multipliers.
///
/// Unknown dimensions are written `0` or `-1`. ``initialize(_:force:)`` on a parameter whose shape is not
/// fully known defers the work: the owning layer fills the shape from its first input (``Block/inferShape(_:)``)
/// and the value is created then.
///
/// ```swift
/// let w = Parameter("weight", shape: [4, 0])         // in_units unknown
/// try w.initialize()                                  // deferred
/// try w.setShape([4, 3])                              // what a Dense layer does on its first input
/// try w.finishDeferredInit()
/// print(try w.data().shape)                           // [4, 3]
/// ```
public class Parameter {
    /// The parameter's own name (`weight`, `bias` ...). Structural names come from ``Block/collectParams()``.
    public let name: String
    /// The shape; `0` or `-1` marks a dimension not known yet.
    public private(set) var shape: [Int]
    /// The element type.
    public private(set) var dtype: DType
    /// The parameter's own initializer; when nil, the default given to ``initialize(_:force:)`` is used.
    public var initializer: Initializer?
    /// Learning-rate multiplier applied by optimizers.
    public var lrMult: Double
    /// Weight-decay multiplier applied by optimizers.
    public var wdMult: Double
    /// How backward writes the gradient; `.null` keeps none. Changing it re-creates the gradient buffer.
    public var gradReq: GradReq {
        didSet { if gradReq != oldValue, let v = value { attachGradient(v) } }
    }
    var value: NDArray?
    /// The initializer waiting for the shape to become known (deferred initialisation).
    var pendingInit: Initializer?

    /// A parameter named `name`.
    ///
    /// ```swift
    /// let b = Parameter("bias", shape: [10], initializer: InitializerFunction { _, s, t in try np.zeros(s, dtype: t) })
    /// ```
    public init(_ name: String, shape: [Int] = [], dtype: DType = .float32, initializer: Initializer? = nil,
                gradReq: GradReq = .write, lrMult: Double = 1, wdMult: Double = 1) {
        self.name = name
        self.shape = shape.map { $0 <= 0 ? -1 : $0 }
        self.dtype = dtype
        self.initializer = initializer
        self.gradReq = gradReq
        self.lrMult = lrMult
        self.wdMult = wdMult
    }

    /// Whether every dimension of ``shape`` is known.
    public var isShapeKnown: Bool { !isRankUnknown && !shape.contains(-1) }
    /// Set when not even the number of dimensions is known (a ``SymbolBlock`` parameter before shape inference).
    var isRankUnknown = false
    /// Whether the value exists.
    public var isInitialized: Bool { value != nil }
    /// Whether initialisation waits for the shape to become known.
    public var isDeferred: Bool { value == nil && pendingInit != nil }

    /// Fills unknown dimensions with `newShape`'s (MXNet's `param.shape = ...`). Known dimensions must agree.
    /// - Throws: ``MXNetError`` when the rank differs or a known dimension disagrees.
    public func setShape(_ newShape: [Int]) throws {
        let new = newShape.map { $0 <= 0 ? -1 : $0 }
        guard !shape.isEmpty || value == nil || new.isEmpty else {
            throw MXNetError("Parameter '\(name)': cannot change the shape of an initialized 0-d parameter")
        }
        if shape.isEmpty && value == nil { shape = new; isRankUnknown = false; return }
        guard new.count == shape.count, zip(shape, new).allSatisfy({ $0 == -1 || $1 == -1 || $0 == $1 }) else {
            throw MXNetError("Parameter '\(name)': expected shape \(Shape.text(shape)) is incompatible with given shape \(Shape.text(newShape))")
        }
        shape = zip(shape, new).map { $0 == -1 ? $1 : $0 }
    }

    /// Creates the value with this parameter's initializer (or `defaultInitializer`), or defers it until the
    /// shape is known. An initialized parameter is left alone unless `force`.
    ///
    /// ```swift
    /// try Parameter("w", shape: [2, 2]).initialize()
    /// ```
    /// - Throws: the initializer's errors.
    public func initialize(_ defaultInitializer: Initializer? = nil, force: Bool = false) throws {
        if value != nil && !force { return }
        let chosen = initializer ?? defaultInitializer ?? MXNet.initializer.Uniform()
        value = nil
        pendingInit = chosen
        if isShapeKnown { try finishDeferredInit() }
    }

    /// Completes a deferred initialisation once the shape is known.
    /// - Throws: ``MXNetError`` when the shape is still unknown, or the initializer's errors.
    public func finishDeferredInit() throws {
        guard let initializer = pendingInit else { return }
        guard isShapeKnown else {
            throw MXNetError("Parameter '\(name)': cannot initialize with unknown shape \(Shape.text(shape))")
        }
        let v = try DeferredCompute.suspended {
            try autograd.pause { try initializer.initialize(name, shape: shape, dtype: dtype) }
        }
        guard v.shape == shape else {
            throw MXNetError("Parameter '\(name)': initializer gave shape \(Shape.text(v.shape)), expected \(Shape.text(shape))")
        }
        let owned = v.dtype == dtype ? v : try autograd.pause { try np.astype(v, dtype) }
        try owned.waitToRead()
        pendingInit = nil
        install(owned.detach())
    }

    func install(_ v: NDArray) {
        value = v
        attachGradient(v)
    }

    func attachGradient(_ v: NDArray) {
        v.attachGrad(gradReq)
    }

    /// The value (under ``HybridBlock`` tracing: the graph variable standing for it).
    /// - Throws: ``MXNetError`` when the parameter is not initialized, or its initialisation is deferred.
    public func data() throws -> NDArray {
        if let trace = HybridTrace.current { return try trace.variable(for: self) }
        return try concreteData()
    }

    func concreteData() throws -> NDArray {
        if let v = value { return v }
        if pendingInit != nil {
            throw MXNetError("Parameter '\(name)' has not been initialized yet because initialization was deferred. " +
                             "Actual initialization happens during the first forward pass.")
        }
        throw MXNetError("Parameter '\(name)' has not been initialized. Call initialize() on it or its block first.")
    }

    /// The gradient buffer filled by backward.
    /// - Throws: ``MXNetError`` when the parameter is not initialized or its `gradReq` is `.null`.
    public func grad() throws -> NDArray {
        let v = try concreteData()
        guard gradReq != .null, let g = v.grad else {
            throw MXNetError("Cannot get gradient array for Parameter '\(name)' because grad_req='null'")
        }
        return g
    }

    /// Replaces the value's contents (converted to this dtype). An uninitialized parameter takes `data` as its
    /// value (its unknown dimensions filled from `data`'s shape).
    ///
    /// ```swift
    /// try dense.weight.setData(np.ones([4, 3]))
    /// ```
    /// - Throws: ``MXNetError`` when the shape does not fit.
    public func setData(_ data: NDArray) throws {
        if let v = value {
            try v.assign(from: data)
            return
        }
        try setShape(data.shape)
        let copy = try autograd.pause { data.dtype == dtype ? try np.copy(data) : try np.astype(data, dtype) }
        try copy.waitToRead()
        pendingInit = nil
        install(copy.detach())
    }

    /// Sets the gradient buffer to zeros.
    public func zeroGrad() throws {
        guard let g = value?.grad else { return }
        try g.assign(from: NDArray(zeros: g.shape, dtype: g.dtype))
    }

    /// Converts the value (and gradient buffer) to `newType`.
    /// - Throws: ``MXNetError`` for an unsupported conversion.
    public func cast(_ newType: DType) throws {
        dtype = newType
        guard let v = value, v.dtype != newType else { return }
        install(try autograd.pause { try np.astype(v, newType) }.detach())
    }
}

/// A parameter that is never updated (MXNet 2.0's `gluon.Constant`): `gradReq` is always `.null`.
///
/// ```swift
/// final class AddTable: HybridBlock {
///     let table = Constant(NDArray([0, 1, 2, 3] as [Float]))
///     override func forward(_ x: NDArray) throws -> NDArray { try np.add(x, table.data()) }
/// }
/// ```
public final class Constant: Parameter {
    /// A constant holding a copy of `value`.
    public init(_ value: NDArray, name: String = "const") {
        let captured = value
        super.init(name, shape: value.shape, dtype: value.dtype,
                   initializer: InitializerFunction { _, _, _ in try np.copy(captured) }, gradReq: .null)
    }

    /// Always `.null`: setting anything else is ignored.
    public override var gradReq: GradReq {
        get { .null }
        set { }
    }
}
