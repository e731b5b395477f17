/// Graph rewrites for inference, applied when a loaded model is compiled to run forward only (as MXNet's oneDNN
/// subgraph backend does for `Convolution` + `BatchNorm` + `elemwise_add` + `Activation`):
///
/// - `BatchNorm` (inference: running statistics) after a `Convolution` whose weights are bound values is folded
///   into the convolution's weights and bias;
/// - a following same-shape `add` of another value becomes the convolution's residual input;
/// - a following ReLU (`Activation(act_type='relu')`, `relu`) runs in the convolution's epilogue.
///
/// A producer is absorbed only when its output has that one consumer and is not a graph output, so every value
/// the graph returns is computed as before (up to float rounding of the folded weights).
///
/// ```swift
/// let outputs = try InferenceFusion.apply(graphOutputs)   // nodes are rewired in place
/// ```
enum InferenceFusion {
    /// Rewrites the graph reaching `outputs` (nodes of a graph private to one compilation: their inputs are
    /// rewired in place) and returns the entries that now produce those outputs.
    static func apply(_ outputs: [GraphEntry]) throws -> [GraphEntry] {
        let order = try GraphExecutor.topologicalOrder(outputs, stopAtCached: false)
        var uses: [GraphEntry: Int] = [:]
        for node in order { for e in node.inputs { uses[e, default: 0] += 1 } }
        for e in outputs { uses[e, default: 0] += 2 }   // a graph output is never absorbed
        var remap: [GraphEntry: GraphEntry] = [:]
        for node in order where !node.isVariable {
            let original = node.inputs
            node.inputs = original.map { remap[$0] ?? $0 }
            func soleUse(_ i: Int) -> Bool { uses[original[i]] == 1 }
            let fused: GraphNode?
            if node.op === Ops.batchNorm {
                fused = soleUse(0) ? try foldBatchNorm(node, uses: uses) : nil
            } else if node.op === Ops.add {
                fused = [1, 0].lazy.compactMap { i in soleUse(i) ? residualAdd(node, convolutionInput: i) : nil }.first
            } else if isReLU(node) {
                fused = soleUse(0) ? appendReLU(node) : nil
            } else {
                fused = nil
            }
            if let fused { remap[GraphEntry(node, 0)] = GraphEntry(fused, 0) }
        }
        return outputs.map { remap[$0] ?? $0 }
    }

    // MARK: - Patterns

    /// The convolution producing `e` as fused-convolution parameters, when it has no epilogue beyond its bias yet.
    private static func plainConvolution(_ e: GraphEntry) -> FusedConvolutionParams? {
        guard e.index == 0, e.node.outputShapes.count == 1 else { return nil }
        let p: FusedConvolutionParams
        if e.node.op === Ops.convolution, let c = e.node.params as? ConvolutionParams {
            var f = FusedConvolutionParams()
            f.conv = c
            p = f
        } else if e.node.op === Ops.fusedConvolution, let f = e.node.params as? FusedConvolutionParams {
            p = f
        } else {
            return nil
        }
        guard !p.withSum, !p.withReLU, p.conv.layout == nil || p.conv.layout?.hasPrefix("NC") == true,
              [.float32, .float64].contains(e.dtype) else { return nil }
        return p
    }

    private static func isReLU(_ node: GraphNode) -> Bool {
        if node.op === Ops.relu { return true }
        return node.op === Ops.activation && (node.params as? ActivationParams)?.actType == .relu
    }

    /// A fused convolution node replacing `like`'s output, computing `conv` from `inputs`.
    private static func fusedNode(_ p: FusedConvolutionParams, inputs: [GraphEntry], like node: GraphNode) -> GraphNode {
        let dtype = node.outputTypes[0]
        let g = GraphNode(op: Ops.fusedConvolution, params: p, inputs: inputs, name: node.name,
                          outputShapes: [node.outputShapes[0]], outputTypes: [dtype])
        g.kernelTypes = [DType](repeating: dtype, count: inputs.count)
        return g
    }

    /// `BatchNorm(conv(x))` with bound statistics and weights → one convolution with scaled weights and a bias.
    private static func foldBatchNorm(_ bn: GraphNode, uses: [GraphEntry: Int]) throws -> GraphNode? {
        guard let p = bn.params as? BatchNormParams, let producer = bn.inputs.first,
              var f = plainConvolution(producer), uses[GraphEntry(bn, 1)] == nil, uses[GraphEntry(bn, 2)] == nil,
              bn.outputTypes[0] == producer.dtype else { return nil }
        let conv = producer.node, ndim = producer.shape.count
        guard ndim >= 2, p.axis == 1 || p.axis == 1 - ndim,
              let weight = conv.inputs[1].node.value, conv.inputs[1].node.isVariable else { return nil }
        let bias: NDArray? = f.conv.noBias ? nil : conv.inputs[2].node.value
        guard f.conv.noBias || bias != nil else { return nil }
        let stats = bn.inputs[1...4].map { $0.node.isVariable ? $0.node.value : nil }
        guard let gamma = stats[0], let beta = stats[1], let mean = stats[2], let variance = stats[3] else { return nil }

        let filters = f.conv.numFilter
        let g = try gamma.asArray(Double.self), b = try beta.asArray(Double.self)
        let m = try mean.asArray(Double.self), v = try variance.asArray(Double.self)
        guard [g.count, b.count, m.count, v.count].allSatisfy({ $0 == filters }), weight.shape.first == filters else {
            return nil
        }
        var scale = [Double](repeating: 0, count: filters)
        var newBias = try bias?.asArray(Double.self) ?? [Double](repeating: 0, count: filters)
        for c in 0..<filters {
            scale[c] = (p.fixGamma ? 1 : g[c]) / (v[c] + p.eps).squareRoot()
            newBias[c] = (newBias[c] - m[c]) * scale[c] + b[c]
        }
        let dtype = producer.dtype
        // Each filter's weights times its scale, in the weights' dtype (no double-precision copy of the weights).
        let perFilterShape = [filters] + [Int](repeating: 1, count: weight.ndim - 1)
        let foldedWeight = GraphNode.variable(conv.name + "_weight_bn_folded", shape: weight.shape, dtype: dtype)
        foldedWeight.value = try np.multiply(weight, np.array(scale, shape: perFilterShape, dtype: dtype))
        let foldedBias = GraphNode.variable(conv.name + "_bias_bn_folded", shape: [filters], dtype: dtype)
        foldedBias.value = try np.array(newBias, shape: [filters], dtype: dtype)
        f.conv.noBias = false
        return fusedNode(f, inputs: [conv.inputs[0], GraphEntry(foldedWeight), GraphEntry(foldedBias)], like: bn)
    }

    /// `conv(x) + r` (same shapes and dtype) → a convolution with residual input `r`.
    private static func residualAdd(_ add: GraphNode, convolutionInput i: Int) -> GraphNode? {
        guard add.inputs.count == 2, var f = plainConvolution(add.inputs[i]) else { return nil }
        let other = add.inputs[1 - i], out = add.outputShapes[0]
        guard add.inputs[i].shape == out, other.shape == out, other.dtype == add.outputTypes[0],
              add.inputs[i].dtype == add.outputTypes[0] else { return nil }
        f.withSum = true
        return fusedNode(f, inputs: add.inputs[i].node.inputs + [other], like: add)
    }

    /// `relu(conv(x) [+ r])` → the convolution with ReLU in its epilogue.
    private static func appendReLU(_ relu: GraphNode) -> GraphNode? {
        let producer = relu.inputs[0]
        var f: FusedConvolutionParams
        if producer.index == 0, producer.node.op === Ops.fusedConvolution,
           let p = producer.node.params as? FusedConvolutionParams {
            f = p
        } else if let p = plainConvolution(producer) {
            f = p
        } else {
            return nil
        }
        guard !f.withReLU, producer.dtype == relu.outputTypes[0] else { return nil }
        f.withReLU = true
        return fusedNode(f, inputs: producer.node.inputs, like: relu)
    }
}
