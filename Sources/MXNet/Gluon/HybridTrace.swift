/// The recording of one ``HybridBlock`` forward pass under deferred compute: parameters read during the pass
/// become named graph variables (inputs of the compiled graph), so replays always read their current values.
final class HybridTrace {
    nonisolated(unsafe) static var current: HybridTrace?

    /// Structural names of the traced block's parameters.
    let names: [ObjectIdentifier: String]
    /// Parameters read, in first-read order, with their graph variables.
    private(set) var parameters: [Parameter] = []
    private(set) var variables: [NDArray] = []
    private var index: [ObjectIdentifier: Int] = [:]

    init(names: [ObjectIdentifier: String]) { self.names = names }

    /// The graph variable standing for `p` (created on first read from its current value).
    func variable(for p: Parameter) throws -> NDArray {
        let key = ObjectIdentifier(p)
        if let i = index[key] { return variables[i] }
        let v = try p.concreteData()
        let name = names[key] ?? "\(p.name)_shared\(parameters.count)"
        let variable = NDArray(storage: try v.storage(), shape: v.shape, dtype: v.dtype)
        DeferredCompute.setVariable(variable, name: name)
        index[key] = parameters.count
        parameters.append(p)
        variables.append(variable)
        return variable
    }

    /// Runs `body` with this trace current.
    func run<R>(_ body: () throws -> R) rethrows -> R {
        let previous = HybridTrace.current
        HybridTrace.current = self
        defer { HybridTrace.current = previous }
        return try body()
    }
}
