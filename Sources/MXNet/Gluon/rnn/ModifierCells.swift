extension rnn {
    /// Dropout on the input of each step, states passed through (MXNet 2.0's `rnn.DropoutCell`); identity in
    /// inference. `axes` share one mask value along those axes.
    ///
    /// ```swift
    /// let stack = rnn.SequentialRNNCell()
    /// stack.add(rnn.LSTMCell(16), rnn.DropoutCell(0.3), rnn.LSTMCell(16))
    /// ```
    public final class DropoutCell: RecurrentCell {
        public let rate: Double
        public let axes: [Int]

        public init(_ rate: Double, axes: [Int] = []) {
            self.rate = rate
            self.axes = axes
            super.init()
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            (rate > 0 ? try npx.dropout(x, p: rate, axes: axes) : x, states)
        }

        /// Merged inputs get one dropout over the whole sequence; step inputs one per step.
        public override func unroll(length: Int, inputs: SequenceData, beginState: [NDArray]? = nil, layout: String = "NTC",
                                    mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            let (data, _, _) = try rnn.formatSequence(length, inputs, layout: layout, merge: mergeOutputs, "DropoutCell.unroll")
            if let x = data.mergedArray { return (.merged(try forward(x, states: []).output), beginState ?? []) }
            return try super.unroll(length: length, inputs: data, beginState: beginState, layout: layout,
                                    mergeOutputs: mergeOutputs, validLength: nil)
        }
    }

    /// Adds each step's input to the output of `baseCell` (MXNet 2.0's `rnn.ResidualCell`, Wu et al. 2016); the
    /// base cell's parameters are named `base_cell.*`.
    ///
    /// ```swift
    /// let cell = rnn.ResidualCell(rnn.GRUCell(8))     // inputs need 8 features
    /// try cell.initialize()
    /// let (out, _) = try cell.unroll(length: 3, inputs: np.ones([2, 3, 8]), mergeOutputs: true)
    /// ```
    public final class ResidualCell: RecurrentCell {
        public let baseCell: RecurrentCell

        public init(_ baseCell: RecurrentCell) {
            self.baseCell = baseCell
            super.init()
        }

        public override func stateInfo(batchSize: Int = 0) -> [StateInfo] { baseCell.stateInfo(batchSize: batchSize) }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            let (y, next) = try baseCell(x, states)
            return (try np.add(y, x), next)
        }

        public override func unroll(length: Int, inputs: SequenceData, beginState: [NDArray]? = nil, layout: String = "NTC",
                                    mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            let (outputs, states) = try baseCell.unroll(length: length, inputs: inputs, beginState: beginState, layout: layout,
                                                        mergeOutputs: mergeOutputs, validLength: validLength)
            let merge = mergeOutputs ?? (outputs.mergedArray != nil)
            var (data, axis, _) = try rnn.formatSequence(length, inputs, layout: layout, merge: merge, "ResidualCell.unroll")
            if let validLength { data = try rnn.maskSequence(data, validLength: validLength, timeAxis: axis, merge: merge) }
            switch (outputs, data) {
            case (.merged(let y), .merged(let x)): return (.merged(try np.add(y, x)), states)
            case (.steps(let y), .steps(let x)): return (.steps(try zip(y, x).map { try np.add($0, $1) }), states)
            default: throw MXNetError("ResidualCell.unroll: the base cell returned outputs in an unexpected form")
            }
        }
    }

    /// Runs `lCell` forward and `rCell` backward over the sequence and concatenates their outputs along the
    /// feature axis (MXNet 2.0's `rnn.BidirectionalCell`); it can only be unrolled, not stepped. States are
    /// `lCell`'s then `rCell`'s; parameters are named `l_cell.*` and `r_cell.*`.
    ///
    /// ```swift
    /// let cell = rnn.BidirectionalCell(rnn.LSTMCell(8), rnn.LSTMCell(8))
    /// try cell.initialize()
    /// let (out, states) = try cell.unroll(length: 4, inputs: np.ones([2, 4, 3]), mergeOutputs: true)  // (2, 4, 16)
    /// ```
    public final class BidirectionalCell: RecurrentCell {
        public let lCell: RecurrentCell
        public let rCell: RecurrentCell

        public init(_ lCell: RecurrentCell, _ rCell: RecurrentCell) {
            self.lCell = lCell
            self.rCell = rCell
            super.init()
        }

        public override func stateInfo(batchSize: Int = 0) -> [StateInfo] {
            lCell.stateInfo(batchSize: batchSize) + rCell.stateInfo(batchSize: batchSize)
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            throw MXNetError("BidirectionalCell cannot be stepped; use unroll")
        }

        public override func unroll(length: Int, inputs: SequenceData, beginState: [NDArray]? = nil, layout: String = "NTC",
                                    mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            let (data, axis, batch) = try rnn.formatSequence(length, inputs, layout: layout, merge: false, "BidirectionalCell.unroll")
            let steps = data.stepArrays ?? []
            let reversedInputs = try rnn.reverseSteps(steps, validLength: validLength)
            let begin = try beginState ?? self.beginState(batchSize: batch, dtype: steps.first?.dtype)
            try checkStates(begin, batchSize: batch)
            let nl = lCell.stateInfo(batchSize: batch).count
            var (lOut, lStates) = try lCell.unroll(length: length, inputs: data, beginState: Array(begin[..<nl]), layout: layout,
                                                   mergeOutputs: mergeOutputs, validLength: validLength)
            let (rOut, rStates) = try rCell.unroll(length: length, inputs: .steps(reversedInputs), beginState: Array(begin[nl...]),
                                                   layout: layout, mergeOutputs: false, validLength: validLength)
            let rSteps = try rnn.reverseSteps(rOut.stepArrays ?? [], validLength: validLength)
            let merge = mergeOutputs ?? (lOut.mergedArray != nil)
            lOut = try rnn.formatSequence(nil, lOut, layout: layout, merge: merge, "BidirectionalCell.unroll").0
            var outputs: SequenceData
            switch lOut {
            case .merged(let l):
                outputs = .merged(try np.concatenate([l, np.stack(rSteps, axis: axis)], axis: 2))
            case .steps(let l):
                outputs = .steps(try zip(l, rSteps).map { try np.concatenate([$0, $1], axis: 1) })
            }
            if let validLength { outputs = try rnn.maskSequence(outputs, validLength: validLength, timeAxis: axis, merge: merge) }
            return (outputs, lStates + rStates)
        }
    }
}
