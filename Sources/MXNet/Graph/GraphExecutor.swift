/// Evaluates graph entries and compiles graphs for replay. The one executor behind deferred reads,
/// hybridized blocks and loaded legacy models.
enum GraphExecutor {
    /// Nodes needed for `entries` in topological order, stopping at nodes already evaluated.
    /// - Throws: ``MXNetError`` if the graph has a cycle.
    static func topologicalOrder(_ entries: [GraphEntry], stopAtCached: Bool) throws -> [GraphNode] {
        var order: [GraphNode] = []
        var state: [ObjectIdentifier: Bool] = [:]  // false: visiting, true: done
        var stack: [(GraphNode, Int)] = []
        for e in entries {
            if state[ObjectIdentifier(e.node)] != nil { continue }
            stack.append((e.node, 0))
            state[ObjectIdentifier(e.node)] = false
            while let (node, i) = stack.last {
                let skipInputs = stopAtCached && node.cache != nil
                if !skipInputs && i < node.inputs.count {
                    stack[stack.count - 1].1 += 1
                    let child = node.inputs[i].node
                    switch state[ObjectIdentifier(child)] {
                    case .none:
                        state[ObjectIdentifier(child)] = false
                        stack.append((child, 0))
                    case .some(false):
                        throw MXNetError("graph has a cycle through node '\(child.name)'")
                    case .some(true):
                        break
                    }
                } else {
                    stack.removeLast()
                    state[ObjectIdentifier(node)] = true
                    order.append(node)
                }
            }
        }
        return order
    }

    /// Computes `entries` of a recorded graph, caching each node's outputs.
    static func evaluate(_ entries: [GraphEntry]) throws -> [Storage] {
        for node in try topologicalOrder(entries, stopAtCached: true) where node.cache == nil {
            if node.isVariable {
                guard let value = node.value else {
                    throw MXNetError("graph variable '\(node.name)' has no value")
                }
                node.cache = [try value.storage()]
                continue
            }
            let inputs = node.inputs.map { e in
                TensorRef(data: e.node.cache![e.index].data, shape: e.shape, dtype: e.dtype)
            }
            node.cache = try KernelRunner.run(node.op!, node.params, inputs: inputs, kernelTypes: node.kernelTypes,
                                              outputShapes: node.outputShapes, outputTypes: node.outputTypes,
                                              context: OpContext(isTraining: node.isTraining))
        }
        return entries.map { $0.node.cache![$0.index] }
    }
}
