import Foundation

/// MXNet's NDArray-list file: the `.params` files of `mx.nd.save` / `mx.nd.load`, `Module.save_checkpoint`,
/// `HybridBlock.export` and Gluon's `save_parameters`.
///
/// A file holds a list of arrays and, optionally, one name per array. Model checkpoints name their arrays
/// `arg:<name>` (arguments: weights, biases) and `aux:<name>` (auxiliary states such as BatchNorm's running
/// statistics); Gluon's `save_parameters` writes plain structural names; `mx.nd.save` of a Python list writes
/// no names at all.
///
/// **Reading** accepts every layout MXNet 1.9.1 reads: NDArray records V3 (np-shape semantics, where ndim 0 is a
/// scalar), V2 (with a storage type), V1 (int64 dimensions) and the pre-V1 layout (uint32 dimensions, no magic);
/// dtype flags 0–12; 0-d and zero-size arrays; and `row_sparse` / `csr` arrays, which are loaded as dense arrays.
/// The device an array was saved from is ignored. Bytes after the names list are ignored, as MXNet does. A V2
/// record with ndim 0 — MXNet's "none" array, which `mx.nd.load` cannot return either; it is what 1.9.1 writes for a
/// 0-d array outside np-shape mode — is refused, as are row_sparse/csr V3 records (MXNet refuses them too). Every
/// size the file declares is checked against the bytes that remain before anything is allocated, so a hostile
/// file cannot make the reader allocate much more than its own size — except that a sparse array expands to its dense
/// size, which is capped by ``Limits/maxSparseExpansionBytes``.
///
/// **Writing** produces dense V2 records, as `mx.nd.save` does outside np-shape mode (the mode legacy model
/// files are read in), unless an array is 0-d: a V2 record cannot hold one, so such a list is written in V3
/// records, as MXNet does in np-shape mode (see ``Format``). dtypes int16, uint16, uint32 and uint64 (flags
/// 8–11) are written with MXNet 2.0's flags; MXNet 1.9.1 cannot read them.
///
/// ```swift
/// let file = try ParamsFile.load("model-0000.params")
/// let weight = file.arguments["fc1_weight"]
/// let mean = file.auxiliaryStates["bn0_moving_mean"]
///
/// try ParamsFile(arguments: ["w": np.ones([2, 2])], auxiliaryStates: [:]).save("out-0000.params")
/// ```
public struct ParamsFile {
    /// The arrays, in file order.
    public var arrays: [NDArray]
    /// One name per array, in file order; nil for an unnamed list (and for an empty file).
    public var names: [String]?

    /// A list of `arrays`, named by `names` (one per array) or unnamed.
    ///
    /// ```swift
    /// let file = ParamsFile(arrays: [np.zeros([3])], names: ["arg:bias"])
    /// ```
    public init(arrays: [NDArray], names: [String]? = nil) {
        self.arrays = arrays
        self.names = names
    }

    /// A named list in the given order.
    ///
    /// ```swift
    /// let file = ParamsFile(named: [("weight", w), ("bias", b)])
    /// ```
    public init(named pairs: [(String, NDArray)]) {
        self.init(arrays: pairs.map(\.1), names: pairs.map(\.0))
    }

    /// A named list holding `dictionary`, ordered by name.
    ///
    /// ```swift
    /// let file = ParamsFile(["0.weight": w, "0.bias": b])
    /// ```
    public init(_ dictionary: [String: NDArray]) {
        self.init(named: dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A model checkpoint as `mx.model.save_checkpoint` writes it: each argument named `arg:<name>`, then each
    /// auxiliary state named `aux:<name>`, each group ordered by name.
    ///
    /// ```swift
    /// let file = ParamsFile(arguments: ["fc_weight": w], auxiliaryStates: ["bn_moving_var": v])
    /// ```
    public init(arguments: [String: NDArray], auxiliaryStates: [String: NDArray]) {
        let args = arguments.sorted { $0.key < $1.key }.map { ("arg:" + $0.key, $0.value) }
        let aux = auxiliaryStates.sorted { $0.key < $1.key }.map { ("aux:" + $0.key, $0.value) }
        self.init(named: args + aux)
    }

    /// The number of arrays.
    public var count: Int { arrays.count }

    /// The array named `name` exactly as stored (with any `arg:`/`aux:` prefix); the last one when a name repeats,
    /// as in the dictionary `mx.nd.load` returns.
    public subscript(name: String) -> NDArray? {
        guard let names, let i = names.lastIndex(of: name), i < arrays.count else { return nil }
        return arrays[i]
    }

    /// Every named array by its stored name (later duplicates win, as in `mx.nd.load`); empty for an unnamed list.
    public var dictionary: [String: NDArray] { entries { $0 } }

    /// The arrays named `arg:<name>`, keyed by `<name>` (`mx.model.load_checkpoint`'s `arg_params`).
    public var arguments: [String: NDArray] { entries { $0.hasPrefix("arg:") ? String($0.dropFirst(4)) : nil } }

    /// The arrays named `aux:<name>`, keyed by `<name>` (`mx.model.load_checkpoint`'s `aux_params`).
    public var auxiliaryStates: [String: NDArray] { entries { $0.hasPrefix("aux:") ? String($0.dropFirst(4)) : nil } }

    /// Every named array keyed by its name without an `arg:`/`aux:` prefix, as Gluon's `ParameterDict.load` and
    /// `SymbolBlock.imports` read a file: checkpoints and `save_parameters` files alike.
    public var parameters: [String: NDArray] {
        entries { $0.hasPrefix("arg:") || $0.hasPrefix("aux:") ? String($0.dropFirst(4)) : $0 }
    }

    /// The arrays whose name `key` maps to a non-nil key, later duplicates winning.
    private func entries(_ key: (String) -> String?) -> [String: NDArray] {
        guard let names else { return [:] }
        var out: [String: NDArray] = [:]
        for (name, array) in zip(names, arrays) {
            if let k = key(name) { out[k] = array }
        }
        return out
    }
}

// MARK: - Reading and writing

extension ParamsFile {
    /// Bounds on what a file may make the reader allocate beyond its own size.
    public struct Limits: Sendable {
        /// The most dimensions an array may have (NumPy's limit). MXNet has none, but no model uses more.
        public var maxDimensions = 32
        /// The largest dense array, in bytes, that a sparse (`row_sparse` or `csr`) record may expand to: a sparse
        /// record of a few bytes can declare a huge dense shape. 4 GiB by default.
        public var maxSparseExpansionBytes = 1 << 32
        /// The most arrays a file may hold: each takes the reader a few hundred bytes of bookkeeping, so a file of
        /// millions of tiny records would otherwise cost many times its size. Real models hold thousands at most.
        public var maxArrays = 1 << 20

        public init(maxDimensions: Int = 32, maxSparseExpansionBytes: Int = 1 << 32, maxArrays: Int = 1 << 20) {
            self.maxDimensions = maxDimensions
            self.maxSparseExpansionBytes = maxSparseExpansionBytes
            self.maxArrays = maxArrays
        }
    }

    /// The NDArray record layout a writer uses.
    public enum Format: Sendable {
        /// V2 records unless an array is 0-d, then V3 records for the whole list.
        case automatic
        /// V2 records: what `mx.nd.save` writes outside np-shape mode, read by `mx.nd.load`,
        /// `mx.model.load_checkpoint` and 1.x Gluon outside np-shape mode. Cannot hold 0-d arrays.
        case v2
        /// V3 records: what MXNet writes in np-shape mode (`npx.save`, or `mx.nd.save` under `np_shape(True)`),
        /// read by `npx.load` and `mx.nd.load` under np-shape semantics.
        case v3
    }

    /// Reads the `.params` file at `path`.
    ///
    /// ```swift
    /// let file = try ParamsFile.load("resnet18_v1-0000.params")
    /// print(file.count, file.names?.first ?? "unnamed")
    /// ```
    /// - Parameters:
    ///   - path: the file.
    ///   - limits: bounds on dimensions and on sparse expansion.
    /// - Throws: ``MXNetError`` — one line naming the file, and the array or name at fault — for unreadable,
    ///   truncated or malformed files.
    public static func load(_ path: String, limits: Limits = Limits()) throws -> ParamsFile {
        let source: ParamsByteSource
        do {
            source = try ParamsByteSource(path: path)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
        return try read(source, label: path, limits: limits)
    }

    /// Decodes the bytes of a `.params` file; `name` labels errors.
    ///
    /// ```swift
    /// let file = try ParamsFile.decode(Data(contentsOf: url), name: url.lastPathComponent)
    /// ```
    /// - Throws: ``MXNetError`` naming `name` for truncated or malformed data.
    public static func decode(_ data: Data, name: String = "<data>", limits: Limits = Limits()) throws -> ParamsFile {
        try read(ParamsByteSource(data: data), label: name, limits: limits)
    }

    /// The file's bytes (pending arrays are computed first).
    ///
    /// ```swift
    /// let bytes = try ParamsFile(["x": np.ones([2])]).encode()
    /// ```
    /// - Throws: ``MXNetError`` when the names do not match the arrays, when ``Format/v2`` is asked for with a 0-d
    ///   array, or when a pending array fails to compute.
    public func encode(format: Format = .automatic) throws -> Data {
        var out = Data()
        try write(format: format) { out.append($0.assumingMemoryBound(to: UInt8.self)) }
        return out
    }

    /// Writes the file to `path`, streaming each array's bytes.
    ///
    /// ```swift
    /// try ParamsFile(arguments: args, auxiliaryStates: aux).save("model-0000.params")
    /// ```
    /// - Throws: ``MXNetError`` naming the file when it cannot be written, and the errors of ``encode(format:)``.
    public func save(_ path: String, format: Format = .automatic) throws {
        try validateForWriting(format: format)
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw MXNetError("\(path): cannot create file")
        }
        defer { try? handle.close() }
        do {
            try write(format: format) { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base),
                                                  count: bytes.count, deallocator: .none))
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
            if let e = error as? MXNetError { throw MXNetError("\(path): \(e.message)") }
            throw MXNetError("\(path): cannot write file: \(error.localizedDescription)")
        }
    }
}
