extension rnn {
    /// A cell whose gates are affine maps of the input and of the previous hidden state: parameters
    /// `i2h_weight` (gates·hidden, input_size), `h2h_weight` (gates·hidden, hidden), `i2h_bias` and `h2h_bias`
    /// (gates·hidden), the gates stacked in MXNet's order. The base of ``RNNCell``, ``LSTMCell`` and ``GRUCell``;
    /// `inputSize` 0 infers it from the first input.
    ///
    /// ```swift
    /// let cell = rnn.GRUCell(8)
    /// try cell.initialize()
    /// _ = try cell(np.ones([2, 5]), try cell.beginState(batchSize: 2))
    /// print(cell.i2hWeight.shape)   // [24, 5]
    /// ```
    public class GateCell: RecurrentCell {
        public let i2hWeight: Parameter
        public let h2hWeight: Parameter
        public let i2hBias: Parameter
        public let h2hBias: Parameter
        /// Features of the hidden state.
        public let hiddenSize: Int
        let gates: Int

        init(hiddenSize: Int, gates: Int, i2hWeightInitializer: Initializer?, h2hWeightInitializer: Initializer?,
             i2hBiasInitializer: Initializer?, h2hBiasInitializer: Initializer?, inputSize: Int) {
            self.hiddenSize = hiddenSize
            self.gates = gates
            i2hWeight = Parameter("i2h_weight", shape: [gates * hiddenSize, inputSize], initializer: i2hWeightInitializer)
            h2hWeight = Parameter("h2h_weight", shape: [gates * hiddenSize, hiddenSize], initializer: h2hWeightInitializer)
            i2hBias = Parameter("i2h_bias", shape: [gates * hiddenSize], initializer: i2hBiasInitializer ?? nn.zeros)
            h2hBias = Parameter("h2h_bias", shape: [gates * hiddenSize], initializer: h2hBiasInitializer ?? nn.zeros)
            super.init()
        }

        public override func stateInfo(batchSize: Int = 0) -> [StateInfo] {
            [StateInfo(shape: [batchSize, hiddenSize], layout: "NC", dtype: h2hWeight.dtype)]
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            try checkInput(inputs.first)
            try i2hWeight.setShape([gates * hiddenSize, inputs[0].shape[1]])
        }

        /// Throws unless `x` is `(batch, input_size)`.
        func checkInput(_ x: NDArray?) throws {
            guard let x, x.ndim == 2 else {
                throw MXNetError("\(type(of: self)): input must be 2-d (batch, input_size), got shape \(Shape.text(x?.shape ?? []))")
            }
            if i2hWeight.isShapeKnown, x.shape[1] != i2hWeight.shape[1] {
                throw MXNetError("\(type(of: self)): input has \(x.shape[1]) features but input_size is \(i2hWeight.shape[1])")
            }
        }

        /// The input and hidden projections, `x · i2h_weightᵀ + i2h_bias` and `h · h2h_weightᵀ + h2h_bias`.
        func projections(_ x: NDArray, _ h: NDArray) throws -> (i2h: NDArray, h2h: NDArray) {
            try checkInput(x)
            let n = gates * hiddenSize
            return (try npx.fullyConnected(x, weight: i2hWeight.data(), bias: i2hBias.data(), numHidden: n),
                    try npx.fullyConnected(h, weight: h2hWeight.data(), bias: h2hBias.data(), numHidden: n))
        }
    }

    /// An Elman RNN cell, `h' = activation(x · i2h_weightᵀ + i2h_bias + h · h2h_weightᵀ + h2h_bias)`; output and
    /// state are `h'` (MXNet 2.0's `rnn.RNNCell`).
    ///
    /// ```swift
    /// let cell = rnn.RNNCell(8, activation: .relu)
    /// try cell.initialize()
    /// let (y, states) = try cell(np.ones([2, 4]), try cell.beginState(batchSize: 2))
    /// ```
    public final class RNNCell: GateCell {
        public let activation: ActivationParams.ActType

        public init(_ hiddenSize: Int, activation: ActivationParams.ActType = .tanh, i2hWeightInitializer: Initializer? = nil,
                    h2hWeightInitializer: Initializer? = nil, i2hBiasInitializer: Initializer? = nil,
                    h2hBiasInitializer: Initializer? = nil, inputSize: Int = 0) {
            self.activation = activation
            super.init(hiddenSize: hiddenSize, gates: 1, i2hWeightInitializer: i2hWeightInitializer,
                       h2hWeightInitializer: h2hWeightInitializer, i2hBiasInitializer: i2hBiasInitializer,
                       h2hBiasInitializer: h2hBiasInitializer, inputSize: inputSize)
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            let (i2h, h2h) = try projections(x, states[0])
            let h = try npx.activation(np.add(i2h, h2h), actType: activation)
            return (h, [h])
        }
    }

    /// A long short-term memory cell (MXNet 2.0's `rnn.LSTMCell`): gates in MXNet's order input, forget, cell,
    /// output; `c' = f ⊙ c + i ⊙ g`, `h' = o ⊙ activation(c')`. States `[h, c]`, both `(batch, hidden)`.
    ///
    /// ```swift
    /// let cell = rnn.LSTMCell(8)
    /// try cell.initialize()
    /// let (h, states) = try cell(np.ones([2, 4]), try cell.beginState(batchSize: 2))   // states: [h, c]
    /// ```
    public final class LSTMCell: GateCell {
        /// The activation of the cell candidate and of the output.
        public let activation: ActivationParams.ActType
        /// The activation of the input, forget and output gates.
        public let recurrentActivation: ActivationParams.ActType

        public init(_ hiddenSize: Int, i2hWeightInitializer: Initializer? = nil, h2hWeightInitializer: Initializer? = nil,
                    i2hBiasInitializer: Initializer? = nil, h2hBiasInitializer: Initializer? = nil, inputSize: Int = 0,
                    activation: ActivationParams.ActType = .tanh, recurrentActivation: ActivationParams.ActType = .sigmoid) {
            self.activation = activation
            self.recurrentActivation = recurrentActivation
            super.init(hiddenSize: hiddenSize, gates: 4, i2hWeightInitializer: i2hWeightInitializer,
                       h2hWeightInitializer: h2hWeightInitializer, i2hBiasInitializer: i2hBiasInitializer,
                       h2hBiasInitializer: h2hBiasInitializer, inputSize: inputSize)
        }

        public override func stateInfo(batchSize: Int = 0) -> [StateInfo] {
            let info = StateInfo(shape: [batchSize, hiddenSize], layout: "NC", dtype: h2hWeight.dtype)
            return [info, info]
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            let (i2h, h2h) = try projections(x, states[0])
            let g = try npx.sliceChannel(np.add(i2h, h2h), numOutputs: 4)
            let input = try npx.activation(g[0], actType: recurrentActivation)
            let forget = try npx.activation(g[1], actType: recurrentActivation)
            let candidate = try npx.activation(g[2], actType: activation)
            let output = try npx.activation(g[3], actType: recurrentActivation)
            let c = try np.add(np.multiply(forget, states[1]), np.multiply(input, candidate))
            let h = try np.multiply(output, npx.activation(c, actType: activation))
            return (h, [h, c])
        }
    }

    /// A gated recurrent unit cell in cuDNN's form (MXNet 2.0's `rnn.GRUCell`): gates in MXNet's order reset,
    /// update, candidate; the reset gate multiplies the hidden projection after the matrix product:
    /// `n = activation(i2h_n + r ⊙ h2h_n)`, `h' = (1 - z) ⊙ n + z ⊙ h`.
    ///
    /// ```swift
    /// let cell = rnn.GRUCell(8)
    /// try cell.initialize()
    /// let (h, _) = try cell(np.ones([2, 4]), try cell.beginState(batchSize: 2))
    /// ```
    public final class GRUCell: GateCell {
        /// The activation of the candidate state.
        public let activation: ActivationParams.ActType
        /// The activation of the reset and update gates.
        public let recurrentActivation: ActivationParams.ActType

        public init(_ hiddenSize: Int, i2hWeightInitializer: Initializer? = nil, h2hWeightInitializer: Initializer? = nil,
                    i2hBiasInitializer: Initializer? = nil, h2hBiasInitializer: Initializer? = nil, inputSize: Int = 0,
                    activation: ActivationParams.ActType = .tanh, recurrentActivation: ActivationParams.ActType = .sigmoid) {
            self.activation = activation
            self.recurrentActivation = recurrentActivation
            super.init(hiddenSize: hiddenSize, gates: 3, i2hWeightInitializer: i2hWeightInitializer,
                       h2hWeightInitializer: h2hWeightInitializer, i2hBiasInitializer: i2hBiasInitializer,
                       h2hBiasInitializer: h2hBiasInitializer, inputSize: inputSize)
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            let h = states[0]
            let (i2h, h2h) = try projections(x, h)
            let i = try npx.sliceChannel(i2h, numOutputs: 3), r = try npx.sliceChannel(h2h, numOutputs: 3)
            let reset = try npx.activation(np.add(i[0], r[0]), actType: recurrentActivation)
            let update = try npx.activation(np.add(i[1], r[1]), actType: recurrentActivation)
            let candidate = try npx.activation(np.add(i[2], np.multiply(reset, r[2])), actType: activation)
            let keep = try np.subtract(np.onesLike(update), update)
            let next = try np.add(np.multiply(keep, candidate), np.multiply(update, h))
            return (next, [next])
        }
    }
}
