/// Parameters of NumPy `concatenate`: nil axis joins the flattened arrays.
public struct ConcatenateParams: OpParams {
    public var numArgs = 1
    public var axis: Int? = 0
    public init() {}
    public init(numArgs: Int, axis: Int?) { self.numArgs = numArgs; self.axis = axis }
    public static let fields: [ParamField<ConcatenateParams>] = [
        .count("num_args", \.numArgs, required: true), .optionalInt("axis", \.axis),
    ]
}

/// Parameters of MXNet 1.x `Concat` (`dim` defaults to 1) and of `hstack`/`dstack` (which ignore `dim`).
public struct ConcatParams: OpParams {
    public var numArgs = 1
    public var dim = 1
    public init() {}
    public init(numArgs: Int, dim: Int = 1) { self.numArgs = numArgs; self.dim = dim }
    public static let fields: [ParamField<ConcatParams>] = [
        .count("num_args", \.numArgs, required: true), .int("dim", \.dim),
    ]
}

/// Parameters of `stack`.
public struct StackParams: OpParams {
    public var axis = 0
    public var numArgs = 1
    public init() {}
    public init(axis: Int, numArgs: Int) { self.axis = axis; self.numArgs = numArgs }
    public static let fields: [ParamField<StackParams>] = [
        .int("axis", \.axis), .count("num_args", \.numArgs, required: true),
    ]
}

/// Parameters of `vstack` and `column_stack`.
public struct NumArgsParams: OpParams {
    public var numArgs = 1
    public init() {}
    public init(numArgs: Int) { self.numArgs = numArgs }
    public static let fields: [ParamField<NumArgsParams>] = [.count("num_args", \.numArgs, required: true)]
}

/// How joining ops see their inputs: each input reshaped, then concatenated along `axis`.
struct JoinPlan {
    let shapes: [[Int]]
    let axis: Int
    let out: [Int]

    init(_ shapes: [[Int]], axis: Int) throws {
        guard let first = shapes.first else { throw MXNetError("need at least one array to concatenate") }
        let a = try Shape.axis(axis, ndim: first.count)
        var out = first
        out[a] = 0
        for s in shapes {
            guard s.count == first.count else {
                throw MXNetError("all the input arrays must have the same number of dimensions, got \(Shape.text(first)) and \(Shape.text(s))")
            }
            for i in s.indices where i != a && s[i] != first[i] {
                throw MXNetError("all the input array dimensions except for the concatenation axis must match exactly, got \(Shape.text(first)) and \(Shape.text(s))")
            }
            out[a] += s[a]
        }
        self.shapes = shapes; self.axis = a; self.out = out
    }
}

extension Ops {
    /// A joining op: `plan` reshapes the inputs and picks the axis. Inputs are named `<prefix>0`, `<prefix>1`, ...
    /// as MXNet names them.
    static func joinOp<P: OpParams>(_ name: String, aliases: [String] = [], display: String, params: P.Type,
                                    inputPrefix: String = "arg", numArgs: @escaping (P) -> Int,
                                    plan: @escaping ([[Int]], P) throws -> JoinPlan) -> Operator {
        Operator(name, aliases: aliases, display: display, params: params,
                 inputs: { p in (0..<max(numArgs(p), 0)).map { "\(inputPrefix)\($0)" } },
                 widensHalfPrecision: false,
                 shape: { s, p in
                     guard numArgs(p) >= 1 else { throw MXNetError("num_args must be at least 1") }
                     let shapes = try s.map { x -> [Int] in
                         guard let x else { throw MXNetError.unknownShape("input shapes are unknown") }
                         return x
                     }
                     return [try plan(shapes, p).out]
                 }, type: Rules.promote,
                 forward: { c in
                     let j = try plan(c.inputs.map(\.shape), c.params)
                     let views = zip(c.inputs, j.shapes).map { TensorRef(data: $0.data, shape: $1, dtype: $0.dtype) }
                     concatElements(views, c.outputs[0], axis: j.axis)
                 }, gradient: { g in
                     let j = try plan(g.inputs.map(\.shape), g.params)
                     let sizes = j.shapes.map { $0[j.axis] }
                     var starts: [Int] = [], at = 0
                     for s in sizes { starts.append(at); at += s }
                     let parts = try Imperative.invoke(Ops.split, [g.outputGradients[0]],
                                                       SplitParams(indices: starts, axis: j.axis))
                     return try zip(parts, g.inputs).map { try np.reshape($0, $1.shape) }
                 })
    }

    static let concatenate = joinOp("_npi_concatenate", display: "concatenate", params: ConcatenateParams.self,
                                    inputPrefix: "data", numArgs: \.numArgs) { s, p in
        guard let axis = p.axis else { return try JoinPlan(s.map { [Shape.count($0)] }, axis: 0) }
        return try JoinPlan(s, axis: axis)
    }

    static let legacyConcat = joinOp("Concat", aliases: ["concat"], display: "concat", params: ConcatParams.self,
                                     numArgs: \.numArgs) { s, p in try JoinPlan(s, axis: p.dim) }

    static let stack = joinOp("_npi_stack", aliases: ["stack"], display: "stack", params: StackParams.self,
                              numArgs: \.numArgs) { s, p in
        guard let first = s.first else { throw MXNetError("need at least one array to stack") }
        for x in s where x != first {
            throw MXNetError("all input arrays must have the same shape, got \(Shape.text(first)) and \(Shape.text(x))")
        }
        let a = try Shape.axis(p.axis, ndim: first.count + 1)
        return try JoinPlan(s.map { var t = $0; t.insert(1, at: a); return t }, axis: a)
    }

    static let vstack = joinOp("_npi_vstack", display: "vstack", params: NumArgsParams.self, numArgs: \.numArgs) { s, _ in
        try JoinPlan(s.map { $0.count >= 2 ? $0 : [1, $0.first ?? 1] }, axis: 0)
    }

    static let hstack = joinOp("_npi_hstack", display: "hstack", params: ConcatParams.self, inputPrefix: "data",
                               numArgs: \.numArgs) { s, _ in
        let flat = (s.first?.count ?? 1) <= 1
        return try JoinPlan(s.map { $0.isEmpty ? [1] : $0 }, axis: flat ? 0 : 1)
    }

    static let dstack = joinOp("_npi_dstack", display: "dstack", params: ConcatParams.self, inputPrefix: "data",
                               numArgs: \.numArgs) { s, _ in
        try JoinPlan(s.map { x -> [Int] in
            switch x.count {
            case 0: return [1, 1, 1]
            case 1: return [1, x[0], 1]
            case 2: return x + [1]
            default: return x
            }
        }, axis: 2)
    }

    static let columnStack = joinOp("_npi_column_stack", display: "column_stack", params: NumArgsParams.self,
                                    numArgs: \.numArgs) { s, _ in
        try JoinPlan(s.map { $0.count >= 2 ? $0 : [$0.first ?? 1, 1] }, axis: 1)
    }

    static var joins: [Operator] {
        [concatenate, legacyConcat, stack, vstack, hstack, dstack, columnStack] + splits
    }
}
