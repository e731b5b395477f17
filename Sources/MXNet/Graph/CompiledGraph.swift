/// A graph compiled for replay: nodes in topological order, each output in a numbered slot, captured constants
/// bound, buffers released right after their last use. Replaying skips recording and inference entirely.
///
/// ```swift
/// let g = try DeferredCompute.trace(inputs: ["x": x]) { v in [try np.add(v[0], v[0])] }
/// let out = try g([x2])[0]
/// ```
public final class CompiledGraph {
    struct Step {
        let op: Operator
        let params: any OpParams
        let inputSlots: [Int]
        let outputSlots: [Int]
        let kernelTypes: [DType]
        let outputShapes: [[Int]]
        let outputTypes: [DType]
        let isTraining: Bool
        /// Slots whose last reader is this step.
        let releases: [Int]
    }

    /// The input variables, in call order.
    public let inputNodes: [GraphNode]
    /// The graph's outputs.
    public let outputs: [GraphEntry]
    /// All nodes in topological order.
    public let nodes: [GraphNode]
    let steps: [Step]
    let inputSlots: [Int]
    let outputSlots: [Int]
    let constants: [(slot: Int, value: NDArray)]
    let slotCount: Int
    let slotShapes: [[Int]]
    let slotTypes: [DType]
    /// Whether the graph was rewritten for inference (``InferenceFusion``): it then refuses training mode.
    public let isInferenceOnly: Bool

    /// Compiles the graph that produces `outputs` (arrays recorded under deferred compute) from `inputs`
    /// (arrays marked as variables). Other variables reached become bound constants.
    /// - Throws: ``MXNetError`` when an output was not recorded or an input is not a variable.
    public convenience init(inputs: [NDArray], outputs: [NDArray]) throws {
        let inputNodes = try inputs.map { a -> GraphNode in
            guard let e = a.entry, e.node.isVariable else { throw MXNetError("graph input is not a deferred-compute variable") }
            return e.node
        }
        let outs = try outputs.map { a -> GraphEntry in
            guard let e = a.entry else { throw MXNetError("graph output was not recorded under deferred compute") }
            return e
        }
        try self.init(inputNodes: inputNodes, outputs: outs)
    }

    /// Compiles a graph given its input variable nodes and output entries; `inferenceOnly` marks a graph that
    /// ``InferenceFusion`` rewrote (calls in training mode or under autograd recording then throw).
    public init(inputNodes: [GraphNode], outputs: [GraphEntry], inferenceOnly: Bool = false) throws {
        self.inputNodes = inputNodes
        isInferenceOnly = inferenceOnly
        self.outputs = outputs
        let order = try GraphExecutor.topologicalOrder(outputs, stopAtCached: false)
        nodes = order
        var slotOf: [GraphEntry: Int] = [:]
        var next = 0
        var consts: [(Int, NDArray)] = []
        var inSlots = [Int](repeating: -1, count: inputNodes.count)
        var shapes: [[Int]] = [], types: [DType] = []
        for node in order {
            for k in 0..<node.outputShapes.count {
                slotOf[GraphEntry(node, k)] = next; next += 1
                shapes.append(node.outputShapes[k]); types.append(node.outputTypes[k])
            }
            if node.isVariable {
                if let i = inputNodes.firstIndex(where: { $0 === node }) {
                    inSlots[i] = slotOf[GraphEntry(node)]!
                } else if let v = node.value {
                    consts.append((slotOf[GraphEntry(node)]!, v))
                } else {
                    throw MXNetError("graph variable '\(node.name)' is neither an input nor bound to a value")
                }
            }
        }
        guard !inSlots.contains(-1) else { throw MXNetError("a graph input does not reach any output") }
        var lastUse = [Int](repeating: -1, count: next)
        let opNodes = order.filter { !$0.isVariable }
        for (s, node) in opNodes.enumerated() {
            for e in node.inputs { lastUse[slotOf[e]!] = s }
        }
        let outSlots = outputs.map { slotOf[$0]! }
        for s in outSlots { lastUse[s] = Int.max }
        for (s, _) in consts { lastUse[s] = Int.max }
        steps = opNodes.enumerated().map { s, node in
            let ins = node.inputs.map { slotOf[$0]! }
            return Step(op: node.op!, params: node.params, inputSlots: ins,
                        outputSlots: (0..<node.outputShapes.count).map { slotOf[GraphEntry(node, $0)]! },
                        kernelTypes: node.kernelTypes, outputShapes: node.outputShapes,
                        outputTypes: node.outputTypes, isTraining: node.isTraining,
                        releases: Array(Set(ins.filter { lastUse[$0] == s })))
        }
        inputSlots = inSlots
        outputSlots = outSlots
        constants = consts
        slotCount = next
        slotShapes = shapes
        slotTypes = types
    }

    /// Runs the graph on `inputs` (same shapes and dtypes as recorded).
    /// - Throws: ``MXNetError`` for a wrong number, shape or dtype of inputs, or a kernel error.
    public func callAsFunction(_ inputs: [NDArray]) throws -> [NDArray] {
        guard inputs.count == inputNodes.count else {
            throw MXNetError("graph expects \(inputNodes.count) inputs, got \(inputs.count)")
        }
        for (i, x) in inputs.enumerated() where x.shape != inputNodes[i].outputShapes[0] || x.dtype != inputNodes[i].outputTypes[0] {
            throw MXNetError("graph input '\(inputNodes[i].name)' expects \(Shape.text(inputNodes[i].outputShapes[0])) " +
                             "\(inputNodes[i].outputTypes[0]), got \(Shape.text(x.shape)) \(x.dtype)")
        }
        if isInferenceOnly && (autograd.isRecording || autograd.isTraining) {
            throw MXNetError("this graph was compiled for inference (fused operators); compile it without fusion to train or record gradients")
        }
        if autograd.isRecording || DeferredCompute.isActive { return try replayRecorded(inputs) }
        var slots = [Storage?](repeating: nil, count: slotCount)
        for (i, s) in inputSlots.enumerated() { slots[s] = try inputs[i].storage() }
        for (s, v) in constants { slots[s] = try v.storage() }
        let training = autograd.isTraining
        for step in steps {
            let ins = step.inputSlots.map { TensorRef(data: slots[$0]!.data, shape: slotShapes[$0], dtype: slotTypes[$0]) }
            let outs = try KernelRunner.run(step.op, step.params, inputs: ins, kernelTypes: step.kernelTypes,
                                            outputShapes: step.outputShapes, outputTypes: step.outputTypes,
                                            context: OpContext(isTraining: step.isTraining || training))
            for (k, s) in step.outputSlots.enumerated() { slots[s] = outs[k] }
            for r in step.releases { slots[r] = nil }
        }
        return outputs.enumerated().map { i, e in
            NDArray(storage: slots[outputSlots[i]]!, shape: e.shape, dtype: e.dtype)
        }
    }

    /// Replays op by op through ``Imperative`` so that autograd (or deferred compute) records every call.
    private func replayRecorded(_ inputs: [NDArray]) throws -> [NDArray] {
        var values: [GraphEntry: NDArray] = [:]
        for (i, node) in inputNodes.enumerated() { values[GraphEntry(node)] = inputs[i] }
        for node in nodes {
            if node.isVariable {
                if values[GraphEntry(node)] == nil, let v = node.value { values[GraphEntry(node)] = v }
                continue
            }
            let outs = try Imperative.invoke(node.op!, node.inputs.map { values[$0]! }, node.params)
            for (k, o) in outs.enumerated() { values[GraphEntry(node, k)] = o }
        }
        return outputs.map { values[$0]! }
    }
}
