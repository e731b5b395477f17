/// A node of the graph IR: an operator applied to inputs, or a variable (`op == nil`).
///
/// Every door into the system builds these: deferred compute records them, the symbol-JSON loader parses them,
/// MXV1's `sym` composes them. Shapes and dtypes are inferred when a node is made (or when a loaded graph is
/// bound), so errors surface where they were caused.
public final class GraphNode {
    /// The operator, or nil for a variable (input, parameter or captured constant).
    public let op: Operator?
    public var params: any OpParams
    public var inputs: [GraphEntry]
    public var name: String
    /// Attributes that are not op parameters: `__shape__`, `__dtype__`, `__lr_mult__`, ... (for a variable, every
    /// attribute it carries).
    public var hiddenAttributes: [String: String]
    /// For a node loaded from a symbol file: the op name and parameter strings as the file spelled them (after
    /// legacy upgrades), written back verbatim so that a loaded graph saves as MXNet would save it.
    public var spelling: (op: String, attributes: [String: String])?
    public var outputShapes: [[Int]]
    public var outputTypes: [DType]
    /// For a variable captured during deferred compute: its value.
    var value: NDArray?
    /// Evaluated outputs, kept once a deferred array has been read.
    var cache: [Storage]?
    /// The input dtypes the kernel wants (differing from the inputs' dtypes where the op promotes).
    var kernelTypes: [DType] = []
    /// Whether the node was recorded in training mode.
    var isTraining = false

    init(op: Operator?, params: any OpParams, inputs: [GraphEntry], name: String,
         outputShapes: [[Int]], outputTypes: [DType], hiddenAttributes: [String: String] = [:]) {
        self.op = op
        self.params = params
        self.inputs = inputs
        self.name = name
        self.outputShapes = outputShapes
        self.outputTypes = outputTypes
        self.hiddenAttributes = hiddenAttributes
    }

    /// Makes a variable node.
    public static func variable(_ name: String, shape: [Int], dtype: DType) -> GraphNode {
        GraphNode(op: nil, params: NoParams(), inputs: [], name: name, outputShapes: [shape], outputTypes: [dtype])
    }

    public var isVariable: Bool { op == nil }
}

/// One output of a graph node.
public struct GraphEntry: Hashable {
    public let node: GraphNode
    public let index: Int

    public init(_ node: GraphNode, _ index: Int = 0) { self.node = node; self.index = index }

    public var shape: [Int] { node.outputShapes[index] }
    public var dtype: DType { node.outputTypes[index] }

    public static func == (a: GraphEntry, b: GraphEntry) -> Bool { a.node === b.node && a.index == b.index }
    public func hash(into h: inout Hasher) {
        h.combine(ObjectIdentifier(node))
        h.combine(index)
    }
}
