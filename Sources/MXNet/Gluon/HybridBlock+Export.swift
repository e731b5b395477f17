import Foundation

extension HybridBlock {
    /// Writes the most recently run compiled graph as `<path>-symbol.json` and its parameters as
    /// `<path>-<epoch, 4 digits>.params` (NDArray-list format, `arg:` / `aux:` names), which MXNet 1.9.1 loads
    /// with `gluon.SymbolBlock.imports(symbol, ["data"], params)` (inputs `data`, or `data0`, `data1` ...).
    ///
    /// ```swift
    /// net.hybridize()
    /// _ = try net(x)
    /// let (symbolFile, paramsFile) = try net.export("model", epoch: 0)   // model-symbol.json, model-0000.params
    /// ```
    /// - Throws: ``MXNetError`` when the block was not hybridized and run, or the files cannot be written.
    @discardableResult
    public func export(_ path: String, epoch: Int = 0) throws -> (symbolFile: String, paramsFile: String) {
        guard let cached = lastGraph else {
            throw MXNetError("export: call hybridize() and run the block at least once before exporting")
        }
        let graph = cached.graph
        var aux = Set<ObjectIdentifier>()
        for node in graph.nodes where !node.isVariable {
            let n = node.op!.auxInputCountFn(node.params)
            for e in node.inputs.suffix(n) where e.node.isVariable { aux.insert(ObjectIdentifier(e.node)) }
        }
        var arrays: [(String, NDArray)] = []
        let paramNodes = graph.inputNodes.dropFirst(cached.inputNames.count)
        for (node, p) in zip(paramNodes, cached.parameters) {
            arrays.append(((aux.contains(ObjectIdentifier(node)) ? "aux:" : "arg:") + node.name, try p.concreteData()))
        }
        let symbolFile = "\(path)-symbol.json"
        let paramsFile = "\(path)-\(String(format: "%04d", epoch)).params"
        do {
            try graph.symbolJSON().write(toFile: symbolFile, atomically: true, encoding: .utf8)
        } catch let e as MXNetError { throw e } catch {
            throw MXNetError("\(symbolFile): cannot write file: \(error.localizedDescription)")
        }
        try ParamsFile(named: arrays).save(paramsFile)
        return (symbolFile, paramsFile)
    }
}
