/// What a kernel gets: its inputs (already in the dtypes the op asked for), preallocated outputs, the typed
/// parameters and the run mode.
public struct KernelCall<P> {
    public let inputs: [TensorRef]
    public let outputs: [TensorRef]
    public let params: P
    public let context: OpContext
}

/// What a gradient rule gets: the forward inputs and outputs as arrays, the gradients flowing into the outputs,
/// and the parameters. It returns one gradient per input (nil where the input gets none) built from np/npx calls.
public struct GradientCall<P> {
    public let inputs: [NDArray]
    public let outputs: [NDArray]
    public let outputGradients: [NDArray]
    public let params: P
}

/// The run mode and shared state passed to kernels.
public struct OpContext {
    /// Training mode: dropout drops, batch norm uses batch statistics.
    public var isTraining: Bool
}

/// One operator: names, parameters, shape and dtype inference, kernel and gradient. Defined once, looked up by
/// np, npx, deferred compute, the JSON loader and MXV1 alike.
///
/// ```swift
/// let add = try OperatorRegistry.shared.lookup("elemwise_add")
/// print(add.name, add.aliases)  // _npi_add ["elemwise_add", "_plus", ...]
/// ```
public final class Operator {
    /// Canonical (MXNet 2.0) name, written to symbol JSON.
    public let name: String
    /// MXNet 1.x names and other aliases.
    public let aliases: [String]
    /// The name users see in error messages (`add` rather than `_npi_add`).
    public let displayName: String

    let parseParams: ([String: String]) throws -> any OpParams
    /// The parameters with every field at its default (required fields unset).
    public let defaultParams: any OpParams
    let inputNamesFn: (any OpParams) -> [String]
    /// Input count for default parameters: lets the common case skip building the name list.
    let defaultInputCount: Int
    let numOutputsFn: (any OpParams) -> Int
    let numVisibleOutputsFn: (any OpParams) -> Int
    /// Trailing inputs that are auxiliary states (BatchNorm's running mean and variance).
    let auxInputCountFn: (any OpParams) -> Int
    let shapeFn: (inout [[Int]?], any OpParams) throws -> [[Int]]
    let partialShapeFn: ((inout PartialShapeCall<any OpParams>) throws -> Void)?
    let typeFn: (inout [DType?], any OpParams) throws -> [DType]
    let forwardFn: (KernelCall<any OpParams>) throws -> Void
    let gradientFn: ((GradientCall<any OpParams>) throws -> [NDArray?])?
    /// For ops whose output shape depends on input values (`boolean_mask`): output shapes from the computed inputs.
    let valueShapeFn: (([TensorRef], any OpParams) throws -> [[Int]])?
    /// Inputs the kernel writes in place (auxiliary states updated in training).
    let mutatedInputs: [Int]
    /// Whether the output shape depends on input values (`unique`, `nonzero`): not recordable.
    public let hasDynamicShape: Bool
    /// Whether the op draws random numbers (never folded as a constant).
    public let isRandom: Bool
    /// Whether float16/bfloat16 operands are widened to float32 around the kernel (so kernels need only
    /// float32/float64 paths). Ops that merely move bytes say false.
    public let widensHalfPrecision: Bool

    /// Defines an operator with typed parameters `P`.
    ///
    /// - Parameters:
    ///   - inputs: input names for the given parameters (`["data", "weight", "bias"]`).
    ///   - shape: fills unknown input shapes where it can and returns output shapes; throws on mismatch. An input
    ///     shape it needs but does not get throws ``MXNetError/unknownShape(_:)``.
    ///   - partialShape: for whole-graph inference, refines partly known input and output shapes (see
    ///     ``PartialShapeCall``); without it, outputs are inferred only from fully known inputs.
    ///   - type: overwrites input dtypes with the ones the kernel wants (promotion) and returns output dtypes.
    ///   - forward: the CPU kernel.
    ///   - gradient: the backward rule, or nil for non-differentiable ops.
    ///   - valueShape: for ops whose output shape depends on input values: the output shapes computed from the
    ///     inputs' data (eager calls only; `shape` then only validates input shapes). Implies `dynamicShape`.
    public init<P: OpParams>(
        _ name: String, aliases: [String] = [], display: String? = nil, params: P.Type,
        inputs: @escaping (P) -> [String],
        outputs: @escaping (P) -> Int = { _ in 1 },
        visibleOutputs: ((P) -> Int)? = nil,
        auxInputs: @escaping (P) -> Int = { _ in 0 },
        mutatedInputs: [Int] = [],
        dynamicShape: Bool = false, random: Bool = false, widensHalfPrecision: Bool = true,
        shape: @escaping (inout [[Int]?], P) throws -> [[Int]],
        partialShape: ((inout PartialShapeCall<P>) throws -> Void)? = nil,
        type: @escaping (inout [DType?], P) throws -> [DType],
        forward: @escaping (KernelCall<P>) throws -> Void,
        gradient: ((GradientCall<P>) throws -> [NDArray?])?,
        valueShape: (([TensorRef], P) throws -> [[Int]])? = nil
    ) {
        self.name = name
        self.aliases = aliases
        self.displayName = display ?? name
        self.mutatedInputs = mutatedInputs
        self.hasDynamicShape = dynamicShape || valueShape != nil
        self.isRandom = random
        self.widensHalfPrecision = widensHalfPrecision
        let op = display ?? name
        parseParams = { try P(attributes: $0, op: op) }
        defaultParams = P()
        func typed(_ p: any OpParams) -> P { (p as? P) ?? P() }
        inputNamesFn = { inputs(typed($0)) }
        defaultInputCount = inputs(P()).count
        numOutputsFn = { outputs(typed($0)) }
        let visible = visibleOutputs ?? outputs
        numVisibleOutputsFn = { visible(typed($0)) }
        auxInputCountFn = { auxInputs(typed($0)) }
        shapeFn = { s, p in try shape(&s, typed(p)) }
        if let partialShape {
            partialShapeFn = { c in
                var t = PartialShapeCall(inputs: c.inputs, outputs: c.outputs, params: typed(c.params), spelling: c.spelling)
                try partialShape(&t)
                c.inputs = t.inputs
                c.outputs = t.outputs
            }
        } else {
            partialShapeFn = nil
        }
        typeFn = { t, p in try type(&t, typed(p)) }
        forwardFn = { c in
            try forward(KernelCall(inputs: c.inputs, outputs: c.outputs, params: typed(c.params), context: c.context))
        }
        if let valueShape {
            valueShapeFn = { t, p in try valueShape(t, typed(p)) }
        } else {
            valueShapeFn = nil
        }
        if let gradient {
            gradientFn = { g in
                try gradient(GradientCall(inputs: g.inputs, outputs: g.outputs,
                                          outputGradients: g.outputGradients, params: typed(g.params)))
            }
        } else {
            gradientFn = nil
        }
    }

    /// Parses MXNet attribute strings into this op's parameters.
    /// - Throws: ``MXNetError`` naming the op and the attribute.
    public func parse(_ attributes: [String: String]) throws -> any OpParams { try parseParams(attributes) }

    /// Attribute strings for `params`, as MXNet writes them.
    public func attributes(of params: any OpParams) -> [(String, String)] { params.attributes }

    public func inputNames(_ params: any OpParams) -> [String] { inputNamesFn(params) }
    public func numOutputs(_ params: any OpParams) -> Int { numOutputsFn(params) }
    public func numVisibleOutputs(_ params: any OpParams) -> Int { numVisibleOutputsFn(params) }
    public func auxInputCount(_ params: any OpParams) -> Int { auxInputCountFn(params) }
    public var isDifferentiable: Bool { gradientFn != nil }

    /// Infers output shapes; unknown (nil) input shapes are filled in where the op can tell them.
    /// - Throws: ``MXNetError`` prefixed with the op's name.
    public func inferShape(_ inputs: inout [[Int]?], _ params: any OpParams) throws -> [[Int]] {
        if inputs.count != defaultInputCount {
            let expected = inputNamesFn(params).count
            guard inputs.count == expected else {
                throw MXNetError.op(displayName, "expected \(expected) inputs, got \(inputs.count)")
            }
        }
        do {
            let outputs = try shapeFn(&inputs, params)
            for (k, s) in outputs.enumerated() where !Shape.isAllocatable(s) {
                throw MXNetError("output\(outputs.count > 1 ? " \(k)" : "") of shape \(Shape.text(s)) is too large " +
                                 "(its size overflows)")
            }
            return outputs
        } catch let e as MXNetError {
            throw e.prefixed(displayName)
        }
    }

    /// Whether the operator refines partly known shapes (``PartialShapeCall``).
    public var hasPartialShapeRule: Bool { partialShapeFn != nil }

    /// Refines partly known input and output shapes with the operator's partial shape rule (nothing without one);
    /// `spelling` is the name the graph used for the operator.
    /// - Throws: ``MXNetError`` prefixed with the op's name when the shapes disagree.
    public func inferPartialShape(inputs: inout [[Int]?], outputs: inout [[Int]?], _ params: any OpParams,
                                  spelling: String? = nil) throws {
        guard let partialShapeFn else { return }
        guard inputs.count == inputNamesFn(params).count, outputs.count == numOutputsFn(params) else {
            throw MXNetError.op(displayName, "expected \(inputNamesFn(params).count) inputs and \(numOutputsFn(params)) " +
                                "outputs, got \(inputs.count) and \(outputs.count)")
        }
        var c = PartialShapeCall<any OpParams>(inputs: inputs, outputs: outputs, params: params, spelling: spelling ?? name)
        do { try partialShapeFn(&c) } catch let e as MXNetError { throw e.prefixed(displayName) }
        guard c.inputs.count == inputs.count, c.outputs.count == outputs.count else {
            preconditionFailure("\(name): a partial shape rule must keep the input and output counts")
        }
        inputs = c.inputs
        outputs = c.outputs
    }

    /// Output shapes of a value-dependent op from its computed inputs; nil for ordinary ops.
    func inferShape(values: [TensorRef], _ params: any OpParams) throws -> [[Int]]? {
        guard let valueShapeFn else { return nil }
        do { return try valueShapeFn(values, params) } catch let e as MXNetError {
            throw MXNetError.op(displayName, e.message)
        }
    }

    /// Infers output dtypes; input entries are overwritten with the dtypes the kernel expects.
    public func inferType(_ inputs: inout [DType?], _ params: any OpParams) throws -> [DType] {
        do { return try typeFn(&inputs, params) } catch let e as MXNetError {
            throw e.prefixed(displayName)
        }
    }

    func forward(_ call: KernelCall<any OpParams>) throws {
        do { try forwardFn(call) } catch let e as MXNetError {
            throw e.message.hasPrefix(displayName + ":") ? e : MXNetError.op(displayName, e.message)
        }
    }
}
