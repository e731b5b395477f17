/// The single entry for calling an operator on arrays. Eagerly it infers shapes and dtypes, runs the kernel and
/// records the call for autograd; under deferred compute it records a graph node instead.
///
/// ```swift
/// let y = try Imperative.invoke(try OperatorRegistry.shared.lookup("relu"), [x])[0]
/// ```
public enum Imperative {
    /// Calls `op` on `inputs`; returns all of its outputs (hidden ones included).
    /// - Throws: ``MXNetError`` naming the op for bad shapes, dtypes or parameters.
    public static func invoke(_ op: Operator, _ inputs: [NDArray], _ params: any OpParams = NoParams()) throws -> [NDArray] {
        if DeferredCompute.isActive { return try DeferredCompute.record(op, inputs, params) }
        var shapes: [[Int]?] = inputs.map { $0.shape }
        var outShapes = try op.inferShape(&shapes, params)
        try checkInputShapes(op, params, inputs, shapes)
        var types: [DType?] = inputs.map { $0.dtype }
        let outTypes = try op.inferType(&types, params)
        var tensors: [TensorRef] = []
        tensors.reserveCapacity(inputs.count)
        for (i, x) in inputs.enumerated() {
            let storage = op.mutatedInputs.contains(i) ? try x.uniqueStorage() : try x.storage()
            tensors.append(TensorRef(data: storage.data, shape: x.shape, dtype: x.dtype))
        }
        if let valueShapes = try op.inferShape(values: tensors, params) { outShapes = valueShapes }
        let kernelTypes = zip(types, inputs).map { $0.0 ?? $0.1.dtype }
        let storages = try KernelRunner.run(op, params, inputs: tensors, kernelTypes: kernelTypes,
                                            outputShapes: outShapes, outputTypes: outTypes,
                                            context: OpContext(isTraining: autograd.isTraining))
        var outputs: [NDArray] = []
        outputs.reserveCapacity(storages.count)
        for k in 0..<storages.count {
            outputs.append(NDArray(storage: storages[k], shape: outShapes[k], dtype: outTypes[k]))
        }
        if autograd.isRecording && op.isDifferentiable && inputs.contains(where: { $0.autogradInfo != nil }) {
            autograd.recordCall(op, params, inputs, outputs)
        }
        return outputs
    }

    /// Calls a one-output op (or takes the first output).
    @inline(__always)
    public static func call(_ op: Operator, _ inputs: [NDArray], _ params: any OpParams = NoParams()) throws -> NDArray {
        try invoke(op, inputs, params)[0]
    }

    /// Calls an op by any of its MXNet names with attribute strings, as a JSON graph or `mx.nd.<op>(**kwargs)` would.
    ///
    /// ```swift
    /// let y = try Imperative.invoke("Activation", [x], attributes: ["act_type": "relu"])
    /// ```
    public static func invoke(_ name: String, _ inputs: [NDArray], attributes: [String: String] = [:]) throws -> [NDArray] {
        let op = try OperatorRegistry.shared.lookup(name)
        let outputs = try invoke(op, inputs, try op.parse(attributes))
        return outputs
    }

    static func checkInputShapes(_ op: Operator, _ params: any OpParams, _ inputs: [NDArray], _ wanted: [[Int]?]) throws {
        for i in 0..<inputs.count where wanted[i] != nil && wanted[i]! != inputs[i].shape {
            let names = op.inputNames(params)
            let name = i < names.count ? names[i] : "input \(i)"
            throw MXNetError.op(op.displayName, "input '\(name)' has shape \(Shape.text(inputs[i].shape)), " +
                                "expected \(Shape.text(wanted[i]!))")
        }
    }
}
