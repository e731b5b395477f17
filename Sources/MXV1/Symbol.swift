import Foundation

extension MXV1 {
    /// MXNet 1.x's `mx.sym.Symbol` for loaded models: a graph read from symbol JSON, listed, shape-inferred,
    /// saved, and bound to arrays to run (``Executor``). It is a thin skin over the core's ``SymbolGraph``, so a
    /// loaded model runs on the same executor and kernels as everything else.
    ///
    /// ```swift
    /// let sym = try MXV1.Symbol.load("model-symbol.json")       // mx.sym.load
    /// print(sym.listArguments(), sym.listOutputs())             // list_arguments(), list_outputs()
    /// let ex = try sym.bind(args: ["data": x, "fc1_weight": w, "fc1_bias": b])
    /// let y = try ex.forward()[0]                               // ex.forward(is_train=False)
    /// ```
    ///
    /// MXNet 2.0 replaces this with `gluon.SymbolBlock.imports(symbol_file, input_names, param_file)`; see
    /// `migration-guide/symbol.md`.
    @available(*, deprecated, message: "use SymbolBlock.imports (MXNet 2.0's gluon.SymbolBlock.imports) or a HybridBlock")
    public final class Symbol {
        /// The graph in the core's IR.
        public let graph: SymbolGraph

        public init(_ graph: SymbolGraph) { self.graph = graph }

        /// `mx.sym.load(path)`: reads a symbol file of any version MXNet 1.9.1 reads, upgrading old ones.
        /// - Throws: ``MXNetError`` naming the file and the node and field at fault (unsupported operators are
        ///   listed all at once).
        public static func load(_ path: String) throws -> Symbol { Symbol(try SymbolGraph(contentsOf: path)) }

        /// `mx.sym.load_json(text)`.
        public static func loadJSON(_ text: String) throws -> Symbol { Symbol(try SymbolGraph(json: text)) }

        /// `list_arguments()`: data, labels and parameters, in MXNet's order.
        public func listArguments() -> [String] { graph.argumentNames }
        /// `list_outputs()`: `fc1_output`, `bn_output`, `slice_output0` ...
        public func listOutputs() -> [String] { graph.outputNames }
        /// `list_auxiliary_states()`: the states operators update in place (BatchNorm's running statistics).
        public func listAuxiliaryStates() -> [String] { graph.auxiliaryStateNames }
        /// `list_inputs()`: every variable, arguments and auxiliary states together, in graph order.
        public func listInputs() -> [String] { graph.nodes.filter(\.isVariable).map(\.name) }

        /// `infer_shape(**shapes)`: the shapes of the arguments, outputs and auxiliary states, or nil when some
        /// cannot be inferred from what is given (MXNet answers `(None, None, None)`).
        ///
        /// ```swift
        /// let (args, outs, aux) = try sym.inferShape(["data": [1, 3, 224, 224]])!
        /// ```
        /// - Throws: ``MXNetError`` for shapes that disagree with the graph or a name that is not an input.
        public func inferShape(_ shapes: [String: [Int]]) throws
            -> (arguments: [[Int]], outputs: [[Int]], auxiliaryStates: [[Int]])? {
            let s = try graph.inferShapes(shapes)
            guard s.isComplete else { return nil }
            return (s.arguments.map { $0! }, s.outputs.map { $0! }, s.auxiliaryStates.map { $0! })
        }

        /// `infer_shape_partial(**shapes)`: as ``inferShape(_:)``, with `[]` for shapes that stay unknown and 0 for
        /// dimensions that do (given shapes may hold 0 dimensions too). Shapes flow from outputs back to inputs
        /// where MXNet's operators say so (`elemwise_add`'s operands, FullyConnected's batch size).
        ///
        /// ```swift
        /// let (args, outs, _) = try sym.inferShapePartial(["data": [0, 50]])   // FullyConnected(num_hidden=10)
        /// // args: [[0, 50], [10, 50], [10]], outs: [[0, 10]]
        /// ```
        public func inferShapePartial(_ shapes: [String: [Int]]) throws
            -> (arguments: [[Int]], outputs: [[Int]], auxiliaryStates: [[Int]]) {
            let s = try graph.inferShapes(shapes)
            return (s.arguments.map { $0 ?? [] }, s.outputs.map { $0 ?? [] }, s.auxiliaryStates.map { $0 ?? [] })
        }

        /// `infer_type(**types)`: the dtypes of the arguments, outputs and auxiliary states, or nil when some
        /// cannot be inferred.
        public func inferType(_ types: [String: DType]) throws
            -> (arguments: [DType], outputs: [DType], auxiliaryStates: [DType])? {
            let t = try graph.inferTypes(types)
            guard t.isComplete else { return nil }
            return (t.arguments.map { $0! }, t.outputs.map { $0! }, t.auxiliaryStates.map { $0! })
        }

        /// `tojson()`: the graph as symbol JSON that MXNet 1.9.1 loads (upgraded to the current format).
        public func tojson() throws -> String { try graph.json() }

        /// `save(path)`: writes ``tojson()`` to a file.
        public func save(_ path: String) throws {
            do { try tojson().write(toFile: path, atomically: true, encoding: .utf8) } catch let e as MXNetError {
                throw e
            } catch {
                throw MXNetError("\(path): cannot write the symbol file")
            }
        }

        /// `bind(ctx, args, aux_states=...)`: binds arrays by name and compiles the graph for inference.
        /// Labels of loss-output operators (`softmax_label`) may be left out; they are bound as zeros.
        ///
        /// - Throws: ``MXNetError`` for a missing argument or auxiliary state, or arrays whose shapes disagree
        ///   with the graph (naming the node and input).
        public func bind(args: [String: NDArray], auxStates: [String: NDArray] = [:]) throws -> Executor {
            try Executor(symbol: self, args: args, auxStates: auxStates)
        }

        /// `simple_bind(ctx, **shapes)`: infers every shape from the ones given, allocates zero-filled arrays
        /// (float32 unless `types` or a `__dtype__` hint says otherwise) and binds them.
        public func simpleBind(shapes: [String: [Int]], types: [String: DType] = [:]) throws -> Executor {
            let s = try graph.inferShapes(shapes)
            guard s.unknownInputs.isEmpty else {
                throw MXNetError("simple_bind: cannot infer the shape of \(s.unknownInputs.joined(separator: ", "))")
            }
            var known = types
            for node in graph.argumentNodes where known[node.name] == nil && node.hiddenAttributes["__dtype__"] == nil {
                known[node.name] = .float32
            }
            let t = try graph.inferTypes(known)
            guard t.unknownInputs.isEmpty else {
                throw MXNetError("simple_bind: cannot infer the dtype of \(t.unknownInputs.joined(separator: ", "))")
            }
            var args: [String: NDArray] = [:], aux: [String: NDArray] = [:]
            for (k, node) in graph.argumentNodes.enumerated() {
                args[node.name] = try np.zeros(s.arguments[k]!, dtype: t.arguments[k]!)
            }
            for (k, node) in graph.auxiliaryNodes.enumerated() {
                aux[node.name] = try np.zeros(s.auxiliaryStates[k]!, dtype: t.auxiliaryStates[k]!)
            }
            return try bind(args: args, auxStates: aux)
        }
    }
}
