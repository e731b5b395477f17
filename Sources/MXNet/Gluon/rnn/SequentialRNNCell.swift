extension rnn {
    /// Cells stacked on top of each other (MXNet 2.0's `rnn.SequentialRNNCell` and `HybridSequentialRNNCell`,
    /// one type here since every cell is hybridizable): each step feeds the output of one cell to the next;
    /// the states are the cells' states concatenated. Children are named `0`, `1` ...
    ///
    /// ```swift
    /// let stack = rnn.SequentialRNNCell()
    /// stack.add(rnn.LSTMCell(16), rnn.GRUCell(8))
    /// try stack.initialize()
    /// let (out, states) = try stack.unroll(length: 5, inputs: np.ones([2, 5, 4]), mergeOutputs: true)
    /// // states: [h0, c0, h1]
    /// ```
    public final class SequentialRNNCell: RecurrentCell {
        public override init() { super.init() }

        /// Appends cells.
        public func add(_ cells: RecurrentCell...) { for c in cells { registerChild(c) } }
        /// The number of cells.
        public var count: Int { registeredChildren.count }
        /// The `i`-th cell.
        public subscript(i: Int) -> RecurrentCell { cells[i] }

        var cells: [RecurrentCell] { registeredChildren.compactMap { $0.1 as? RecurrentCell } }

        public override func stateInfo(batchSize: Int = 0) -> [StateInfo] {
            cells.flatMap { $0.stateInfo(batchSize: batchSize) }
        }

        public override func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            var output = x, next: [NDArray] = [], p = 0
            for cell in cells {
                if cell is BidirectionalCell {
                    throw MXNetError("SequentialRNNCell: a BidirectionalCell cannot be stepped; use unroll")
                }
                let n = cell.stateInfo().count
                let r = try cell(output, Array(states[p..<p + n]))
                p += n
                output = r.output
                next += r.states
            }
            return (output, next)
        }

        public override func unroll(length: Int, inputs: SequenceData, beginState: [NDArray]? = nil, layout: String = "NTC",
                                    mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            var (data, _, batch) = try rnn.formatSequence(length, inputs, layout: layout, merge: nil, "SequentialRNNCell.unroll")
            let dtype = data.mergedArray?.dtype ?? data.stepArrays?.first?.dtype
            let begin = try beginState ?? self.beginState(batchSize: batch, dtype: dtype)
            try checkStates(begin, batchSize: batch)
            var next: [NDArray] = [], p = 0
            let all = cells
            for (i, cell) in all.enumerated() {
                let n = cell.stateInfo().count
                let r = try cell.unroll(length: length, inputs: data, beginState: Array(begin[p..<p + n]), layout: layout,
                                        mergeOutputs: i < all.count - 1 ? nil : mergeOutputs, validLength: validLength)
                p += n
                data = r.outputs
                next += r.states
            }
            return (data, next)
        }
    }

    /// The 2.0 name of a hybridizable ``SequentialRNNCell``.
    public typealias HybridSequentialRNNCell = SequentialRNNCell
}
