/// How a leaf array's gradient is written by ``autograd/backward(_:headGradients:)``.
public enum GradReq: String, CaseIterable, Sendable {
    /// Overwrite the gradient.
    case write
    /// Add to the gradient already there.
    case add
    /// Keep no gradient.
    case null
}

/// Autograd bookkeeping of one array: a leaf that wants a gradient, or an output of a recorded call.
final class AutogradInfo {
    var gradReq: GradReq = .write
    var grad: NDArray?
    var node: TapeNode?
    var index = 0
    init() {}
}

/// One recorded call: what the gradient rule needs.
final class TapeNode {
    let op: Operator
    let params: any OpParams
    let inputs: [NDArray]
    let inputInfos: [AutogradInfo?]
    /// Outputs as plain values (no autograd info, so no reference cycle).
    let outputs: [NDArray]
    let outputInfos: [AutogradInfo]

    init(op: Operator, params: any OpParams, inputs: [NDArray], outputs: [NDArray], outputInfos: [AutogradInfo]) {
        self.op = op
        self.params = params
        self.inputs = inputs
        self.inputInfos = inputs.map { $0.autogradInfo }
        self.outputs = outputs
        self.outputInfos = outputInfos
    }
}

/// MXNet's `autograd`: record calls, then compute gradients of leaves marked with ``NDArray/attachGrad(_:)``.
///
/// ```swift
/// let x = try np.array([1, 2, 3] as [Float])
/// x.attachGrad()
/// let y = try autograd.record { try np.sum(np.multiply(x, x)) }
/// try y.backward()
/// print(try x.grad!.asArray(Float.self))  // [2.0, 4.0, 6.0]
/// ```
public enum autograd {
    nonisolated(unsafe) static var recording = false
    nonisolated(unsafe) static var training = false

    /// Whether calls are being recorded.
    public static var isRecording: Bool { recording }
    /// Whether ops run in training mode (dropout active, batch norm on batch statistics).
    public static var isTraining: Bool { training }

    /// Records calls made in `body`; training mode on unless `trainMode` is false.
    public static func record<R>(trainMode: Bool = true, _ body: () throws -> R) rethrows -> R {
        let (r, t) = (recording, training)
        recording = true; training = trainMode
        defer { recording = r; training = t }
        return try body()
    }

    /// Stops recording inside `body`; training mode as `trainMode` says.
    public static func pause<R>(trainMode: Bool = false, _ body: () throws -> R) rethrows -> R {
        let (r, t) = (recording, training)
        recording = false; training = trainMode
        defer { recording = r; training = t }
        return try body()
    }

    /// Runs `body` in training mode without changing recording.
    public static func trainMode<R>(_ body: () throws -> R) rethrows -> R {
        let t = training
        training = true
        defer { training = t }
        return try body()
    }

    /// Runs `body` in inference mode without changing recording.
    public static func predictMode<R>(_ body: () throws -> R) rethrows -> R {
        let t = training
        training = false
        defer { training = t }
        return try body()
    }

    static func recordCall(_ op: Operator, _ params: any OpParams, _ inputs: [NDArray], _ outputs: [NDArray]) {
        let infos = outputs.map { _ in AutogradInfo() }
        let plain = outputs.map { NDArray(storage: $0.storageIfReady!, shape: $0.shape, dtype: $0.dtype) }
        let node = TapeNode(op: op, params: params, inputs: inputs, outputs: plain, outputInfos: infos)
        for (k, o) in outputs.enumerated() {
            infos[k].node = node
            infos[k].index = k
            infos[k].gradReq = .null
            o.autogradInfo = infos[k]
        }
    }

    /// Back-propagates from `heads` into every leaf that has a gradient buffer.
    ///
    /// - Parameters:
    ///   - heads: recorded outputs.
    ///   - headGradients: the gradient flowing into each head (ones when nil).
    /// - Throws: ``MXNetError`` when a head was not recorded or a gradient shape is wrong.
    public static func backward(_ heads: [NDArray], headGradients: [NDArray?]? = nil) throws {
        var order: [TapeNode] = []
        var seen = Set<ObjectIdentifier>()
        var stack: [(TapeNode, Int)] = []
        for h in heads {
            guard let node = h.autogradInfo?.node else {
                throw MXNetError("backward: cannot differentiate an array that was not computed under autograd.record")
            }
            if seen.insert(ObjectIdentifier(node)).inserted { stack.append((node, 0)) }
            while let (n, i) = stack.last {
                if i < n.inputInfos.count {
                    stack[stack.count - 1].1 += 1
                    if let child = n.inputInfos[i]?.node, seen.insert(ObjectIdentifier(child)).inserted {
                        stack.append((child, 0))
                    }
                } else {
                    stack.removeLast()
                    order.append(n)
                }
            }
        }
        var grads: [ObjectIdentifier: NDArray] = [:]
        func accumulate(_ info: AutogradInfo, _ g: NDArray) throws {
            let key = ObjectIdentifier(info)
            grads[key] = try grads[key].map { try np.add($0, g) } ?? g
        }
        try pause {
            for (i, h) in heads.enumerated() {
                let given = headGradients.flatMap { i < $0.count ? $0[i] : nil }
                if let given, given.shape != h.shape {
                    throw MXNetError("backward: head gradient shape \(Shape.text(given.shape)) does not match \(Shape.text(h.shape))")
                }
                try accumulate(h.autogradInfo!, given ?? np.onesLike(h))
            }
            for node in order.reversed() {
                let outGrads = try node.outputInfos.enumerated().map { k, info in
                    try grads[ObjectIdentifier(info)] ?? np.zerosLike(node.outputs[k])
                }
                guard let rule = node.op.gradientFn else { continue }
                let inGrads = try rule(GradientCall(inputs: node.inputs, outputs: node.outputs,
                                                    outputGradients: outGrads, params: node.params))
                for (i, info) in node.inputInfos.enumerated() {
                    guard let info, i < inGrads.count, let g = inGrads[i] else { continue }
                    if info.node == nil && info.gradReq == .null { continue }
                    try accumulate(info, g.shape == node.inputs[i].shape ? g : np.broadcastTo(g, node.inputs[i].shape))
                }
                for info in node.outputInfos { grads[ObjectIdentifier(info)] = nil }
            }
        }
        // Write leaf gradients.
        var leaves: [ObjectIdentifier: (AutogradInfo, NDArray)] = [:]
        for node in order {
            for (i, info) in node.inputInfos.enumerated() {
                guard let info, info.node == nil, info.gradReq != .null else { continue }
                leaves[ObjectIdentifier(info)] = (info, node.inputs[i])
            }
        }
        for (key, (info, _)) in leaves {
            guard let g = grads[key], let buffer = info.grad else { continue }
            let value = g.dtype == buffer.dtype ? g : try np.astype(g, buffer.dtype)
            if info.gradReq == .add {
                try buffer.assign(from: try np.add(buffer, value))
            } else {
                try buffer.assign(from: value)
            }
        }
    }
}

extension NDArray {
    /// Gives this array a gradient buffer (zeros) so that ``autograd/backward(_:headGradients:)`` fills it.
    public func attachGrad(_ gradReq: GradReq = .write) {
        let info = AutogradInfo()
        info.gradReq = gradReq
        info.grad = gradReq == .null ? nil : NDArray(zeros: shape, dtype: dtype)
        autogradInfo = info
    }

    /// The gradient buffer attached by ``attachGrad(_:)``.
    public var grad: NDArray? { autogradInfo?.node == nil ? autogradInfo?.grad : nil }

    /// Back-propagates from this array (see ``autograd/backward(_:headGradients:)``).
    public func backward(_ headGradient: NDArray? = nil) throws {
        try autograd.backward([self], headGradients: [headGradient])
    }

    /// A copy cut off from the autograd graph.
    public func detach() -> NDArray {
        if let s = storageIfReady { return NDArray(storage: s, shape: shape, dtype: dtype) }
        let a = NDArray(pending: entry!)
        return a
    }
}
