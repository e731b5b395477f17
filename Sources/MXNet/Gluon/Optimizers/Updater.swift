/// Applies an optimizer to indexed weights, creating each weight's state on its first update, and saves or
/// restores those states with the optimizer's update counters (`mx.optimizer.Updater`, what a `Trainer` holds).
///
/// States are exchanged as named arrays: `"<index>.<k>"` for the k-th state array of weight `index`, and
/// `"update_counts"` (int64: `numUpdate`, then index/count pairs). ``save(_:)`` writes them as an MXNet
/// NDArray-list file.
///
/// ```swift
/// let updater = Updater(Adam(learningRate: 1e-3))
/// try updater.update(index: 0, weight: w, grad: g)
/// try updater.save("trainer.states")
/// ```
public final class Updater {
    /// The optimizer whose rule is applied.
    public let optimizer: Optimizer
    /// The state arrays of each weight index.
    public var states: [Int: [NDArray]] = [:]

    public init(_ optimizer: Optimizer) { self.optimizer = optimizer }

    /// Updates `weight` in place, creating its state first if needed.
    /// - Throws: the optimizer's errors.
    public func update(index: Int, weight: NDArray, grad: NDArray) throws {
        if states[index] == nil { states[index] = try optimizer.createState(index: index, weight: weight) }
        try optimizer.update(index: index, weight: weight, grad: grad, state: states[index] ?? [])
    }

    /// The states and update counters as named arrays.
    public func stateArrays() throws -> [(String, NDArray)] {
        var pairs: [(String, NDArray)] = []
        for index in states.keys.sorted() {
            for (k, s) in (states[index] ?? []).enumerated() { pairs.append(("\(index).\(k)", s)) }
        }
        var counts: [Int64] = [Int64(optimizer.numUpdate)]
        for index in optimizer.indexUpdateCount.keys.sorted() {
            counts += [Int64(index), Int64(optimizer.indexUpdateCount[index] ?? 0)]
        }
        pairs.append(("update_counts", try np.array(counts, shape: [counts.count], dtype: .int64)))
        return pairs
    }

    /// Restores states and update counters from ``stateArrays()``'s output (replacing the current ones).
    /// - Throws: ``MXNetError`` for a name that is neither a state nor `update_counts`, or malformed counters.
    public func loadStateArrays(_ pairs: [(String, NDArray)]) throws {
        var loaded: [Int: [Int: NDArray]] = [:]
        var counts: [Int64]?
        for (name, array) in pairs {
            if name == "update_counts" { counts = try array.asArray(Int64.self); continue }
            let parts = name.split(separator: ".")
            guard parts.count == 2, let index = Int(parts[0]), let k = Int(parts[1]), k >= 0 else {
                throw MXNetError("optimizer states: unexpected array name '\(name)'")
            }
            loaded[index, default: [:]][k] = array
        }
        var newStates: [Int: [NDArray]] = [:]
        for (index, byPosition) in loaded {
            let list = (0..<byPosition.count).compactMap { byPosition[$0] }
            guard list.count == byPosition.count else { throw MXNetError("optimizer states: gap in the states of index \(index)") }
            newStates[index] = try list.map { try np.copy($0) }
        }
        if let counts {
            guard let first = counts.first, counts.count % 2 == 1 else {
                throw MXNetError("optimizer states: malformed update_counts")
            }
            optimizer.numUpdate = Int(first)
            optimizer.indexUpdateCount = [:]
            for i in stride(from: 1, to: counts.count, by: 2) {
                optimizer.indexUpdateCount[Int(counts[i])] = Int(counts[i + 1])
            }
        }
        states = newStates
    }

    /// Writes the states to `path` as an MXNet NDArray-list file.
    /// - Throws: ``MXNetError`` when the file cannot be written.
    public func save(_ path: String) throws {
        try ParamsFile(named: try stateArrays()).save(path)
    }

    /// Reads states written by ``save(_:)``.
    /// - Throws: ``MXNetError`` when the file cannot be read or holds unexpected names.
    public func load(_ path: String) throws {
        let file = try ParamsFile.load(path)
        guard let names = file.names else { throw MXNetError("\(path): optimizer states need named arrays") }
        try loadStateArrays(Array(zip(names, file.arrays)))
    }
}
