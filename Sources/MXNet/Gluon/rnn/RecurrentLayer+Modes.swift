extension rnn {
    /// A multi-layer Elman RNN, `h_t = activation(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)` per layer (MXNet 2.0's
    /// `rnn.RNN`). Parameters and calling conventions: see ``RecurrentLayer`` (1.9.1's per-layer parameter
    /// names, not 2.0's flat `rnn_param`).
    ///
    /// ```swift
    /// let layer = rnn.RNN(100, numLayers: 3)
    /// try layer.initialize()
    /// let x = try np.random.uniform(size: [5, 3, 10])
    /// let y = try layer(x)                                   // zero begin states
    /// let (y2, hn) = try layer(x, [try np.random.uniform(size: [3, 3, 100])])
    /// ```
    public final class RNN: RecurrentLayer {
        /// The non-linearity of ``RNN``.
        public enum Activation: String, Sendable { case relu, tanh }

        public let activation: Activation

        /// - Parameters:
        ///   - hiddenSize: features of the hidden state.
        ///   - layout: `"TNC"` (sequence, batch, features) or `"NTC"`.
        ///   - dropout: dropout on the outputs of every layer but the last, in training.
        ///   - inputSize: input features; 0 infers them from the first input.
        public init(_ hiddenSize: Int, numLayers: Int = 1, activation: Activation = .relu, layout: String = "TNC",
                    dropout: Double = 0, bidirectional: Bool = false, i2hWeightInitializer: Initializer? = nil,
                    h2hWeightInitializer: Initializer? = nil, i2hBiasInitializer: Initializer? = nil,
                    h2hBiasInitializer: Initializer? = nil, inputSize: Int = 0, dtype: DType = .float32) {
            self.activation = activation
            super.init(mode: activation == .relu ? .rnnRelu : .rnnTanh, hiddenSize: hiddenSize, numLayers: numLayers,
                       layout: layout, dropout: dropout, bidirectional: bidirectional, inputSize: inputSize,
                       i2hWeightInitializer: i2hWeightInitializer, h2hWeightInitializer: h2hWeightInitializer,
                       i2hBiasInitializer: i2hBiasInitializer, h2hBiasInitializer: h2hBiasInitializer, dtype: dtype)
        }
    }

    /// A multi-layer long short-term memory network (MXNet 2.0's `rnn.LSTM`), gates input, forget, cell, output;
    /// with `projectionSize` P each layer's hidden output is projected to P features by `h2r_weight` (LSTMP):
    /// the output and the `h` state carry P features, the cell state `hiddenSize`. States: `[h, c]`.
    /// Parameters and calling conventions: see ``RecurrentLayer`` (1.9.1's per-layer parameter names, not
    /// 2.0's flat `rnn_param`). `stateClipMin` / `stateClipMax` / `stateClipNan` are passed to the operator,
    /// whose CPU kernel ignores them, as MXNet 1.9.1's does.
    ///
    /// ```swift
    /// let lstm = rnn.LSTM(16, numLayers: 2, layout: "NTC", projectionSize: 8)
    /// try lstm.initialize()
    /// let (y, states) = try lstm(np.ones([4, 7, 3]), try lstm.beginState(batchSize: 4))   // y: (4, 7, 8)
    /// ```
    public final class LSTM: RecurrentLayer {
        public init(_ hiddenSize: Int, numLayers: Int = 1, layout: String = "TNC", dropout: Double = 0,
                    bidirectional: Bool = false, inputSize: Int = 0, i2hWeightInitializer: Initializer? = nil,
                    h2hWeightInitializer: Initializer? = nil, i2hBiasInitializer: Initializer? = nil,
                    h2hBiasInitializer: Initializer? = nil, projectionSize: Int? = nil,
                    h2rWeightInitializer: Initializer? = nil, stateClipMin: Double? = nil, stateClipMax: Double? = nil,
                    stateClipNan: Bool = false, dtype: DType = .float32) {
            super.init(mode: .lstm, hiddenSize: hiddenSize, numLayers: numLayers, layout: layout, dropout: dropout,
                       bidirectional: bidirectional, inputSize: inputSize, i2hWeightInitializer: i2hWeightInitializer,
                       h2hWeightInitializer: h2hWeightInitializer, i2hBiasInitializer: i2hBiasInitializer,
                       h2hBiasInitializer: h2hBiasInitializer, projectionSize: projectionSize,
                       h2rWeightInitializer: h2rWeightInitializer, stateClip: (stateClipMin, stateClipMax, stateClipNan),
                       dtype: dtype)
        }
    }

    /// A multi-layer gated recurrent unit network in cuDNN's form (MXNet 2.0's `rnn.GRU`), gates reset, update,
    /// candidate, the reset gate applied after the hidden matrix product. Parameters and calling conventions:
    /// see ``RecurrentLayer`` (1.9.1's per-layer parameter names, not 2.0's flat `rnn_param`).
    ///
    /// ```swift
    /// let gru = rnn.GRU(32, bidirectional: true)
    /// try gru.initialize()
    /// let y = try gru(np.ones([10, 2, 8]))                  // (10, 2, 64)
    /// ```
    public final class GRU: RecurrentLayer {
        public init(_ hiddenSize: Int, numLayers: Int = 1, layout: String = "TNC", dropout: Double = 0,
                    bidirectional: Bool = false, inputSize: Int = 0, i2hWeightInitializer: Initializer? = nil,
                    h2hWeightInitializer: Initializer? = nil, i2hBiasInitializer: Initializer? = nil,
                    h2hBiasInitializer: Initializer? = nil, dtype: DType = .float32) {
            super.init(mode: .gru, hiddenSize: hiddenSize, numLayers: numLayers, layout: layout, dropout: dropout,
                       bidirectional: bidirectional, inputSize: inputSize, i2hWeightInitializer: i2hWeightInitializer,
                       h2hWeightInitializer: h2hWeightInitializer, i2hBiasInitializer: i2hBiasInitializer,
                       h2hBiasInitializer: h2hBiasInitializer, dtype: dtype)
        }
    }
}
