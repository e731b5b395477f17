/// Recurrent layers and cells (MXNet 2.0's `gluon.rnn`), as ``HybridBlock`` subclasses.
///
/// The fused layers ``RNN``, ``LSTM`` and ``GRU`` run a whole sequence through the `RNN` operator; the cells
/// ``RNNCell``, ``LSTMCell`` and ``GRUCell`` compute one step and are unrolled over time with
/// ``RecurrentCell/unroll(length:inputs:beginState:layout:mergeOutputs:validLength:)``; ``SequentialRNNCell``,
/// ``BidirectionalCell``, ``ResidualCell`` and ``DropoutCell`` combine cells.
///
/// ```swift
/// let lstm = rnn.LSTM(16, numLayers: 2, layout: "NTC")
/// try lstm.initialize()
/// let y = try lstm(np.ones([4, 10, 8]))                    // (4, 10, 16)
///
/// let cell = rnn.GRUCell(16)
/// try cell.initialize()
/// let (outputs, states) = try cell.unroll(length: 10, inputs: np.ones([4, 10, 8]), mergeOutputs: true)
/// ```
public enum rnn {}

extension rnn {
    /// The shape, layout and dtype of one recurrent state (an entry of MXNet's `state_info`).
    public struct StateInfo: Equatable, Sendable {
        /// The state's shape; the batch dimension is the `batchSize` asked for.
        public var shape: [Int]
        /// Axis names: `"NC"` for cells, `"LNC"` for the fused layers.
        public var layout: String
        public var dtype: DType

        public init(shape: [Int], layout: String, dtype: DType = .float32) {
            self.shape = shape
            self.layout = layout
            self.dtype = dtype
        }
    }

    /// A sequence as one array with a time axis (`.merged`), or as one `(batch, ...)` array per step (`.steps`) —
    /// what MXNet's `unroll` accepts as `inputs` and returns as `outputs`.
    ///
    /// ```swift
    /// let (out, _) = try cell.unroll(length: 3, inputs: .steps([x0, x1, x2]), mergeOutputs: false)
    /// let perStep = out.stepArrays ?? []
    /// ```
    public enum SequenceData {
        case merged(NDArray)
        case steps([NDArray])

        /// The array of a `.merged` sequence, nil for `.steps`.
        public var mergedArray: NDArray? {
            if case .merged(let a) = self { return a }
            return nil
        }

        /// The arrays of a `.steps` sequence, nil for `.merged`.
        public var stepArrays: [NDArray]? {
            if case .steps(let a) = self { return a }
            return nil
        }
    }
}

extension rnn {
    /// The time and batch axes of `layout` (a string naming the axes, such as `"NTC"`).
    static func axes(of layout: String, _ owner: String) throws -> (time: Int, batch: Int) {
        let names = Array(layout)
        guard let t = names.firstIndex(of: "T"), let n = names.firstIndex(of: "N") else {
            throw MXNetError("\(owner): layout must name a time axis T and a batch axis N, got '\(layout)'")
        }
        return (t, n)
    }

    /// `x` cut into its steps along `axis`, the axis removed.
    static func splitSteps(_ x: NDArray, axis: Int) throws -> [NDArray] {
        if x.shape[axis] == 1 { return [try np.squeeze(x, axis: [axis])] }
        return try npx.sliceChannel(x, numOutputs: x.shape[axis], axis: axis, squeezeAxis: true)
    }

    /// MXNet's `_format_sequence`: `inputs` as steps (`merge == false`), as one array laid out as `layout`
    /// (`merge == true`), or as given (`nil`); with the time axis and the batch size.
    static func formatSequence(_ length: Int?, _ inputs: SequenceData, layout: String, merge: Bool?,
                               _ owner: String) throws -> (SequenceData, timeAxis: Int, batch: Int) {
        let (axis, batchAxis) = try axes(of: layout, owner)
        switch inputs {
        case .merged(let x):
            guard x.ndim == layout.count else {
                throw MXNetError("\(owner): inputs must be \(layout.count)-d (layout \(layout)), got shape \(Shape.text(x.shape))")
            }
            if let length, length != x.shape[axis] {
                throw MXNetError("\(owner): length \(length) does not match the \(x.shape[axis]) time steps of inputs \(Shape.text(x.shape))")
            }
            guard x.shape[axis] > 0 else { throw MXNetError("\(owner): inputs \(Shape.text(x.shape)) hold no time steps") }
            let batch = x.shape[batchAxis]
            return (merge == false ? .steps(try splitSteps(x, axis: axis)) : inputs, axis, batch)
        case .steps(let list):
            guard let first = list.first, first.ndim >= 1 else { throw MXNetError("\(owner): inputs hold no steps") }
            if let length, length != list.count {
                throw MXNetError("\(owner): length \(length) does not match the \(list.count) input steps")
            }
            return (merge == true ? .merged(try np.stack(list, axis: axis)) : inputs, axis, first.shape[0])
        }
    }

    /// MXNet's `_mask_sequence_variable_length`: steps at or past each entry's valid length set to zero.
    static func maskSequence(_ data: SequenceData, validLength: NDArray, timeAxis: Int, merge: Bool) throws -> SequenceData {
        let merged: NDArray
        switch data {
        case .merged(let a): merged = a
        case .steps(let list): merged = try np.stack(list, axis: timeAxis)
        }
        let masked = try npx.sequenceMask(merged, sequenceLength: validLength, axis: timeAxis)
        return merge ? .merged(masked) : .steps(try splitSteps(masked, axis: timeAxis))
    }

    /// MXNet's `_reverse_sequences`: the steps in reverse order, or each entry's first `validLength` steps reversed.
    static func reverseSteps(_ steps: [NDArray], validLength: NDArray?) throws -> [NDArray] {
        guard let validLength else { return steps.reversed() }
        let reversed = try npx.sequenceReverse(np.stack(steps, axis: 0), sequenceLength: validLength)
        return try splitSteps(reversed, axis: 0)
    }
}
