extension MXV1 {
    /// MXNet 1.x's `Executor`: a ``Symbol`` bound to arrays by name and compiled once (the core's
    /// ``CompiledGraph``: shapes and dtypes inferred, buffers released after their last use and recycled).
    ///
    /// ```swift
    /// let ex = try sym.bind(args: args, auxStates: aux)
    /// let out = try ex.forward(isTrain: false)[0]
    /// let next = try ex.forward(["data": batch2])              // ex.forward(data=batch2)
    /// ```
    ///
    /// MXNet 2.0 has no executors: a `SymbolBlock` (or any hybridized block) is called directly.
    @available(*, deprecated, message: "call a SymbolBlock (MXNet 2.0's gluon.SymbolBlock.imports) or a hybridized HybridBlock")
    public final class Executor {
        /// The bound symbol.
        public let symbol: Symbol
        /// `arg_dict`: the bound arguments by name (labels left out at binding appear as their zeros).
        public private(set) var argDict: [String: NDArray]
        /// `aux_dict`: the bound auxiliary states by name (copies of the arrays given to `bind`, which a
        /// training-mode forward updates).
        public private(set) var auxDict: [String: NDArray]
        /// `outputs`: the results of the last ``forward(isTrain:_:)``, one per ``Symbol/listOutputs()`` entry.
        public private(set) var outputs: [NDArray] = []
        let compiled: CompiledGraph

        init(symbol: Symbol, args: [String: NDArray], auxStates: [String: NDArray]) throws {
            let graph = symbol.graph
            let optional = graph.optionalInputNames
            var shapes: [String: [Int]] = [:], types: [String: DType] = [:]
            var missing: [String] = []
            for node in graph.argumentNodes {
                if let a = args[node.name] {
                    shapes[node.name] = a.shape; types[node.name] = a.dtype
                } else if !optional.contains(node.name) {
                    missing.append(node.name)
                }
            }
            guard missing.isEmpty else {
                throw MXNetError("bind: argument\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")) " +
                                 "missing from args (\(graph.source))")
            }
            for node in graph.auxiliaryNodes {
                guard let a = auxStates[node.name] else {
                    throw MXNetError("bind: auxiliary state '\(node.name)' missing from aux_states (\(graph.source))")
                }
                shapes[node.name] = a.shape; types[node.name] = a.dtype
            }
            // Unbound labels: zeros of the shape and dtype the graph gives them.
            var bound = args.filter { k, _ in graph.argumentNodes.contains { $0.name == k } }
            let unbound = graph.argumentNodes.map(\.name).filter { bound[$0] == nil }
            let constants = try graph.zeroLabels(unbound, shapes: shapes, types: types)
            for (name, zeros) in constants { bound[name] = zeros; types[name] = zeros.dtype }
            self.symbol = symbol
            argDict = bound
            // Own copies: a training-mode forward updates the auxiliary states in place.
            auxDict = try auxStates.filter { k, _ in graph.auxiliaryNodes.contains { $0.name == k } }.mapValues { try np.copy($0) }
            compiled = try CompiledGraph(graph, shapes: shapes, types: types, constants: constants)
        }

        /// `forward(is_train, **kwargs)`: replaces the named arguments (same shapes as bound; other dtypes are
        /// converted) and runs the graph. In training mode BatchNorm uses batch statistics and updates the bound
        /// auxiliary states, and Dropout drops.
        /// - Throws: ``MXNetError`` for an unknown name or a shape that differs from the bound one.
        @discardableResult
        public func forward(isTrain: Bool = false, _ inputs: [String: NDArray] = [:]) throws -> [NDArray] {
            for (name, value) in inputs {
                guard let old = argDict[name] else {
                    throw MXNetError("forward: '\(name)' is not an argument of the symbol (arguments: " +
                                     "\(symbol.listArguments().joined(separator: ", ")))")
                }
                guard value.shape == old.shape else {
                    throw MXNetError("forward: '\(name)' has shape \(Shape.text(value.shape)), bound as \(Shape.text(old.shape))")
                }
                argDict[name] = value.dtype == old.dtype ? value : try np.astype(value, old.dtype)
            }
            let all = argDict.merging(auxDict) { a, _ in a }
            outputs = try autograd.pause(trainMode: isTrain) { try compiled(named: all) }
            return outputs
        }
    }
}
