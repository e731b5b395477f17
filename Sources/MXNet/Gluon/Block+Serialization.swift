import Foundation

/// The file format of ``Block/saveParameters(_:format:)``.
public enum ParameterFileFormat: Sendable {
    /// `.params` paths get ``legacy``, others ``npz``.
    case automatic
    /// MXNet 2.0's format: a NumPy `.npz` archive with one `.npy` member per structural name.
    case npz
    /// MXNet's NDArray-list format (what `mx.nd.save` writes), with structural names.
    case legacy
}

extension Block {
    /// Saves every parameter under its structural name (MXNet 2.0's `save_parameters`).
    ///
    /// ```swift
    /// try net.saveParameters("net.npz")        // MXNet 2.0 npz
    /// try net.saveParameters("net.params")     // NDArray-list format (mx.nd.load reads it)
    /// ```
    /// - Throws: ``MXNetError`` when a parameter is not initialized or the file cannot be written.
    public func saveParameters(_ path: String, format: ParameterFileFormat = .automatic) throws {
        let named = try collectParams().map { ($0.name, try $0.parameter.concreteData()) }
        let legacy = format == .legacy || (format == .automatic && path.hasSuffix(".params"))
        if legacy { try ParamsFile(named: named).save(path) } else { try NPZFile.write(named, path: path) }
    }

    /// Loads parameters saved by ``saveParameters(_:format:)``, by MXNet 2.0's `save_parameters`, or exported
    /// (`arg:` / `aux:` prefixes are dropped). Blocks whose MXNet 1.x structural names differ from ours (the
    /// fused RNN layers: `_unfused.0.i2h_weight` for `l0_i2h_weight`) also accept 1.x `save_parameters` names. The format is recognised from the content. Values are converted
    /// to each parameter's dtype; a parameter whose shape is still unknown takes the file's shape.
    ///
    /// ```swift
    /// try net.loadParameters("net.npz")
    /// ```
    /// - Parameters:
    ///   - allowMissing: leave parameters absent from the file untouched instead of failing.
    ///   - ignoreExtra: ignore names in the file that the block does not have instead of failing.
    /// - Throws: ``MXNetError`` naming the file and parameter for missing or extra names and shape mismatches.
    public func loadParameters(_ path: String, allowMissing: Bool = false, ignoreExtra: Bool = false) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw MXNetError("\(path): cannot read file: \(error.localizedDescription)")
        }
        var loaded: [(String, NDArray)]
        if NPZFile.isArchive(data) {
            loaded = try NPZFile.decode(data, name: path)
        } else {
            let file = try ParamsFile.decode(data, name: path)
            guard let names = file.names else { throw MXNetError("\(path): the file holds unnamed arrays") }
            loaded = Array(zip(names, file.arrays))
        }
        loaded = loaded.map { n, a in (n.hasPrefix("arg:") || n.hasPrefix("aux:") ? String(n.dropFirst(4)) : n, a) }
        var aliases: [String: String] = [:]
        collectLegacyNames(prefix: "", into: &aliases)
        loaded = loaded.map { n, a in (aliases[n] ?? n, a) }
        let values = Dictionary(loaded, uniquingKeysWith: { a, _ in a })
        let params = collectParams()
        if !allowMissing {
            for (n, _) in params where values[n] == nil {
                throw MXNetError("\(path): Parameter '\(n)' is missing in the file; set allowMissing to load it anyway")
            }
        }
        if !ignoreExtra {
            let known = Set(params.map(\.name))
            for (n, _) in loaded where !known.contains(n) {
                throw MXNetError("\(path): Parameter '\(n)' loaded from the file is not present in the block; set ignoreExtra to skip it")
            }
        }
        for (n, p) in params {
            guard let v = values[n] else { continue }
            do { try p.setData(v) } catch let e as MXNetError { throw MXNetError("\(path): '\(n)': \(e.message)") }
        }
        apply { $0.ownParamsReady = false }
    }
}

/// A block whose MXNet 1.9.1 `save_parameters` names differ from its structural names.
protocol LegacyParameterNaming {
    /// MXNet 1.9.1's name of each own parameter (relative to the block) → its structural name.
    var legacyParameterNames: [String: String] { get }
}

extension Block {
    /// 1.x names (with the path from this block) → structural names, for every descendant with its own 1.x names.
    func collectLegacyNames(prefix: String, into out: inout [String: String]) {
        if let legacy = self as? LegacyParameterNaming {
            for (old, new) in legacy.legacyParameterNames { out[prefix + old] = prefix + new }
        }
        for (n, c) in children { c.collectLegacyNames(prefix: prefix + n + ".", into: &out) }
    }
}
