extension rnn {
    /// The fused multi-layer recurrent network shared by ``RNN``, ``LSTM`` and ``GRU`` (MXNet's `_RNNLayer`): the
    /// whole sequence runs through one `RNN` operator (`npx.rnn`).
    ///
    /// **Parameters follow MXNet 1.9.1, not 2.0.** MXNet 2.0 keeps one flat `rnn_param` vector; this layer keeps
    /// 1.9.1's per-layer parameters, named `l0_i2h_weight`, `l0_h2h_weight`, `l0_i2h_bias`, `l0_h2h_bias`
    /// (`l0_h2r_weight` with a projection), then `r0_…` for the reverse direction, `l1_…` for the next layer,
    /// in that order — the names legacy checkpoints and exported 1.x models carry — and packs them for the
    /// operator on every call. ``Block/loadParameters(_:allowMissing:ignoreExtra:)`` also reads the names 1.9.1's
    /// `save_parameters` writes for these layers (`_unfused.0.i2h_weight`, `_unfused.0.l_cell.i2h_weight` ...).
    /// Shapes: `i2h_weight` (gates·hidden, input features), `h2h_weight` (gates·hidden, hidden or projection),
    /// biases (gates·hidden), `h2r_weight` (projection, hidden); gates in MXNet's order.
    ///
    /// Called with an input alone it returns the output; called with begin states it returns the output and the
    /// final states. Input and output are `(T, N, C)` for layout `"TNC"` and `(N, T, C)` for `"NTC"`; states are
    /// `(layers·directions, N, hidden)` (see ``stateInfo(batchSize:)``).
    ///
    /// ```swift
    /// let gru = rnn.GRU(8, numLayers: 2, bidirectional: true)
    /// try gru.initialize()
    /// let x = try np.ones([5, 3, 4])                                       // (T, N, C)
    /// let y = try gru(x)                                                   // (5, 3, 16)
    /// let (y2, states) = try gru(x, try gru.beginState(batchSize: 3))      // states: [(4, 3, 8)]
    /// ```
    public class RecurrentLayer: HybridBlock, LegacyParameterNaming {
        /// The `RNN` operator's mode.
        public let mode: RNNParams.Mode
        /// Features of the hidden state.
        public let hiddenSize: Int
        public let numLayers: Int
        /// `"TNC"` or `"NTC"`.
        public let layout: String
        /// Dropout between layers, in training only.
        public let dropout: Double
        public let bidirectional: Bool
        /// LSTM only: features of the projected hidden state.
        public let projectionSize: Int?
        let stateClip: (min: Double?, max: Double?, nan: Bool)
        /// Parameters by name, in registration order.
        let named: [(name: String, parameter: Parameter)]

        var directions: Int { bidirectional ? 2 : 1 }
        var gates: Int { mode.gateCount }
        var displayName: String { String(describing: type(of: self)) }

        init(mode: RNNParams.Mode, hiddenSize: Int, numLayers: Int, layout: String, dropout: Double, bidirectional: Bool,
             inputSize: Int, i2hWeightInitializer: Initializer?, h2hWeightInitializer: Initializer?,
             i2hBiasInitializer: Initializer?, h2hBiasInitializer: Initializer?, projectionSize: Int? = nil,
             h2rWeightInitializer: Initializer? = nil, stateClip: (min: Double?, max: Double?, nan: Bool) = (nil, nil, false),
             dtype: DType) {
            (self.mode, self.hiddenSize, self.numLayers, self.layout) = (mode, hiddenSize, numLayers, layout)
            (self.dropout, self.bidirectional, self.stateClip) = (dropout, bidirectional, stateClip)
            let projection = (projectionSize ?? 0) > 0 ? projectionSize : nil
            self.projectionSize = projection
            let rows = mode.gateCount * hiddenSize, recurrent = projection ?? hiddenSize
            var named: [(name: String, parameter: Parameter)] = []
            var features = inputSize
            for layer in 0..<max(numLayers, 0) {
                for d in ["l", "r"].prefix(bidirectional ? 2 : 1) {
                    func add(_ kind: String, _ shape: [Int], _ initializer: Initializer?) {
                        let name = "\(d)\(layer)_\(kind)"
                        named.append((name, Parameter(name, shape: shape, dtype: dtype, initializer: initializer)))
                    }
                    add("i2h_weight", [rows, features], i2hWeightInitializer)
                    add("h2h_weight", [rows, recurrent], h2hWeightInitializer)
                    add("i2h_bias", [rows], i2hBiasInitializer ?? nn.zeros)
                    add("h2h_bias", [rows], h2hBiasInitializer ?? nn.zeros)
                    if let projection { add("h2r_weight", [projection, hiddenSize], h2rWeightInitializer) }
                }
                features = recurrent * (bidirectional ? 2 : 1)
            }
            self.named = named
            super.init()
            for (name, p) in named { registerParameter(p, name: name) }
        }

        /// The parameter named `name` (`l0_i2h_weight` ...), or nil.
        ///
        /// ```swift
        /// let w = lstm.parameter("l0_i2h_weight")
        /// ```
        public func parameter(_ name: String) -> Parameter? { named.first { $0.name == name }?.parameter }

        /// Input features; 0 until known (given, or inferred from the first input).
        public var inputSize: Int { named.first.map { max($0.parameter.shape[1], 0) } ?? 0 }

        /// The shapes of the begin states for a batch of `batchSize` (MXNet's `state_info`): `[(L·D, N, H)]`, and
        /// for LSTM a second `(L·D, N, H)` cell state (the first carries the projection size P with a projection).
        public func stateInfo(batchSize: Int = 0) -> [StateInfo] {
            let dtype = named.first?.parameter.dtype ?? .float32
            let rows = numLayers * directions
            let h = StateInfo(shape: [rows, batchSize, projectionSize ?? hiddenSize], layout: "LNC", dtype: dtype)
            guard mode == .lstm else { return [h] }
            return [h, StateInfo(shape: [rows, batchSize, hiddenSize], layout: "LNC", dtype: dtype)]
        }

        /// Zero begin states for a batch of `batchSize`, or states made by `make(shape, dtype)` (MXNet's `begin_state`).
        ///
        /// ```swift
        /// let states = try lstm.beginState(batchSize: 4)      // [h0, c0]
        /// ```
        /// - Throws: errors of `make`.
        public func beginState(batchSize: Int = 0, dtype: DType? = nil,
                               _ make: (([Int], DType) throws -> NDArray)? = nil) throws -> [NDArray] {
            try stateInfo(batchSize: batchSize).map { info in
                let t = dtype ?? info.dtype
                return try make?(info.shape, t) ?? np.zeros(info.shape, dtype: t)
            }
        }

        /// Runs the layer from `states` and returns the output and the final states.
        ///
        /// ```swift
        /// let (y, next) = try lstm(x, [h0, c0])
        /// ```
        /// - Throws: ``MXNetError`` for an input that is not 3-d, input features other than `inputSize`, or states
        ///   whose number or shapes differ from ``stateInfo(batchSize:)``.
        public func callAsFunction(_ x: NDArray, _ states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            guard !states.isEmpty else {
                throw MXNetError("\(displayName): expected \(stateInfo().count) begin states, got none; call it with the input alone instead")
            }
            let out = try call([x] + states)
            return (out[0], Array(out.dropFirst()))
        }

        /// Throws unless `x` is 3-d with `inputSize` features (when known) and the layout is valid.
        func checkInput(_ x: NDArray?) throws -> NDArray {
            guard layout == "TNC" || layout == "NTC" else {
                throw MXNetError("\(displayName): invalid layout '\(layout)'; must be 'TNC' or 'NTC'")
            }
            guard numLayers > 0, hiddenSize > 0 else {
                throw MXNetError("\(displayName): hidden_size and num_layers must be positive, got \(hiddenSize) and \(numLayers)")
            }
            guard let x, x.ndim == 3 else {
                throw MXNetError("\(displayName): input must be 3-d (\(layout == "NTC" ? "batch, sequence, features" : "sequence, batch, features")), got shape \(Shape.text(x?.shape ?? []))")
            }
            if inputSize > 0, x.shape[2] != inputSize {
                throw MXNetError("\(displayName): input has \(x.shape[2]) features (axis 2) but input_size is \(inputSize)")
            }
            return x
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            let x = try checkInput(inputs.first)
            for (name, p) in named where name == "l0_i2h_weight" || name == "r0_i2h_weight" { try p.setShape([gates * hiddenSize, x.shape[2]]) }
        }

        /// `[input]` → `[output]`; `[input] + states` → `[output] + final states`.
        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            let x = try checkInput(inputs.first)
            let batch = x.shape[layout == "NTC" ? 0 : 1]
            var states = Array(inputs.dropFirst())
            let infos = stateInfo(batchSize: batch)
            if states.isEmpty {
                states = try infos.map { try np.zeros($0.shape, dtype: x.dtype) }
            } else {
                guard states.count == infos.count else {
                    throw MXNetError("\(displayName): expected \(infos.count) begin states, got \(states.count)")
                }
                for (i, (s, info)) in zip(states, infos).enumerated() where s.shape != info.shape {
                    throw MXNetError("\(displayName): invalid recurrent state \(i) shape: expected \(Shape.text(info.shape)), got \(Shape.text(s.shape))")
                }
            }
            let data = layout == "NTC" ? try np.swapaxes(x, 0, 1) : x
            let r = try npx.rnn(data, packedParameters(), states[0], stateCell: mode == .lstm ? states[1] : nil, mode: mode,
                                stateSize: hiddenSize, numLayers: numLayers, bidirectional: bidirectional, p: dropout,
                                stateOutputs: true, projectionSize: projectionSize, lstmStateClipMin: stateClip.min,
                                lstmStateClipMax: stateClip.max, lstmStateClipNan: stateClip.nan)
            let output = layout == "NTC" ? try np.swapaxes(r[0], 0, 1) : r[0]
            return inputs.count == 1 ? [output] : [output] + r.dropFirst()
        }

        /// The parameters flattened and concatenated in the `RNN` operator's order: every weight (layer by layer,
        /// direction by direction: i2h, h2h, h2r), then every bias (i2h, h2h).
        func packedParameters() throws -> NDArray {
            let weights = named.filter { $0.name.hasSuffix("_weight") }, biases = named.filter { $0.name.hasSuffix("_bias") }
            return try np.concatenate((weights + biases).map { try np.reshape($0.parameter.data(), [-1]) }, axis: 0)
        }

        /// MXNet 1.9.1's `save_parameters` names: `_unfused.<layer>.<kind>`, or `_unfused.<layer>.<l|r>_cell.<kind>`
        /// when bidirectional.
        var legacyParameterNames: [String: String] {
            var out: [String: String] = [:]
            for (name, _) in named {
                let direction = String(name.prefix(1)), rest = name.dropFirst()
                guard let underscore = rest.firstIndex(of: "_") else { continue }
                let layer = rest[..<underscore], kind = rest[rest.index(after: underscore)...]
                out[bidirectional ? "_unfused.\(layer).\(direction)_cell.\(kind)" : "_unfused.\(layer).\(kind)"] = name
            }
            return out
        }
    }
}
