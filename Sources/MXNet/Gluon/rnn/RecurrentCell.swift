extension rnn {
    /// The base of recurrent cells (MXNet 2.0's `RecurrentCell` / `HybridRecurrentCell`): a block computing one
    /// time step, `(input, states) → (output, new states)`, that ``unroll(length:inputs:beginState:layout:mergeOutputs:validLength:)``
    /// runs over a sequence.
    ///
    /// As a block, a cell takes `[input] + states` and returns `[output] + new states`, so a hybridized cell
    /// compiles one step per input signature and replays it for every later step.
    ///
    /// Subclasses override ``stateInfo(batchSize:)`` and ``forward(_:states:)``.
    ///
    /// ```swift
    /// let cell = rnn.LSTMCell(8)
    /// try cell.initialize()
    /// let states = try cell.beginState(batchSize: 2)
    /// let (y, next) = try cell(np.ones([2, 4]), states)      // y: (2, 8), next: [h, c]
    /// ```
    open class RecurrentCell: HybridBlock {
        public override init() { super.init() }

        /// The shapes of the states for a batch of `batchSize` (MXNet's `state_info`).
        open func stateInfo(batchSize: Int = 0) -> [StateInfo] { [] }

        /// Initial states for a batch of `batchSize`: zeros, or made by `make(shape, dtype)` (MXNet's `begin_state`).
        ///
        /// ```swift
        /// let states = try cell.beginState(batchSize: 4)
        /// let random = try cell.beginState(batchSize: 4) { shape, _ in try np.random.uniform(size: shape) }
        /// ```
        /// - Parameter dtype: overrides the dtype of ``stateInfo(batchSize:)``.
        /// - Throws: errors of `make`.
        open func beginState(batchSize: Int = 0, dtype: DType? = nil,
                             _ make: (([Int], DType) throws -> NDArray)? = nil) throws -> [NDArray] {
            try stateInfo(batchSize: batchSize).map { info in
                let t = dtype ?? info.dtype
                return try make?(info.shape, t) ?? np.zeros(info.shape, dtype: t)
            }
        }

        /// One step: the output and the new states for `x` `(batch, features)` and the previous `states`.
        /// Override it; call the cell with ``callAsFunction(_:_:)``.
        open func forward(_ x: NDArray, states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            throw MXNetError("\(type(of: self)) does not implement forward(_:states:)")
        }

        /// The block interface of one step: `[input] + states` → `[output] + new states`; checks the states first.
        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            guard let x = inputs.first else { throw MXNetError("\(type(of: self)): expected an input and the states") }
            let states = Array(inputs.dropFirst())
            try checkStates(states, batchSize: x.shape.first ?? 0)
            let (y, next) = try forward(x, states: states)
            return [y] + next
        }

        /// Runs one step (MXNet's `cell(inputs, states)`).
        ///
        /// ```swift
        /// let (y, next) = try cell(x, try cell.beginState(batchSize: x.shape[0]))
        /// ```
        /// - Throws: ``MXNetError`` when the number or shapes of `states` differ from ``stateInfo(batchSize:)``.
        public func callAsFunction(_ x: NDArray, _ states: [NDArray]) throws -> (output: NDArray, states: [NDArray]) {
            let out = try call([x] + states)
            return (out[0], Array(out.dropFirst()))
        }

        /// Throws unless `states` match ``stateInfo(batchSize:)`` in number and shape.
        func checkStates(_ states: [NDArray], batchSize: Int) throws {
            let infos = stateInfo(batchSize: batchSize)
            guard states.count == infos.count else {
                throw MXNetError("\(type(of: self)): expected \(infos.count) states, got \(states.count)")
            }
            for (i, (s, info)) in zip(states, infos).enumerated() where s.shape != info.shape {
                throw MXNetError("\(type(of: self)): invalid recurrent state \(i) shape: expected \(Shape.text(info.shape)), got \(Shape.text(s.shape))")
            }
        }

        /// Runs the cell over `length` steps of `inputs` (MXNet's `unroll`).
        ///
        /// ```swift
        /// let (out, states) = try cell.unroll(length: 5, inputs: .merged(x), layout: "NTC", mergeOutputs: true)
        /// let y = out.mergedArray!   // (N, 5, hidden)
        /// ```
        /// - Parameters:
        ///   - inputs: one array laid out as `layout`, or one `(batch, ...)` array per step.
        ///   - beginState: the initial states; zeros (of the inputs' dtype) when nil.
        ///   - layout: the axes of merged inputs and outputs: `"NTC"` or `"TNC"`.
        ///   - mergeOutputs: `true` for one array, `false` for one array per step, `nil` for whichever is at hand.
        ///   - validLength: `(batch,)` lengths: outputs past them are zero, the states are those of the last valid step.
        /// - Throws: ``MXNetError`` when `length` does not match the inputs, or for bad shapes.
        open func unroll(length: Int, inputs: SequenceData, beginState: [NDArray]? = nil, layout: String = "NTC",
                         mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            let owner = "\(type(of: self)).unroll"
            let (formatted, axis, batch) = try rnn.formatSequence(length, inputs, layout: layout, merge: false, owner)
            let steps = formatted.stepArrays ?? []
            var states = try beginState ?? self.beginState(batchSize: batch, dtype: steps.first?.dtype)
            var outputs: [NDArray] = []
            var history: [[NDArray]] = []
            for x in steps {
                let (y, next) = try self(x, states)
                outputs.append(y)
                states = next
                if validLength != nil { history.append(states) }
            }
            var result = SequenceData.steps(outputs)
            if let validLength {
                states = try (0..<states.count).map { j in
                    try npx.sequenceLast(np.stack(history.map { $0[j] }, axis: 0), sequenceLength: validLength, axis: 0)
                }
                result = try rnn.maskSequence(result, validLength: validLength, timeAxis: axis, merge: true)
            }
            return (try rnn.formatSequence(length, result, layout: layout, merge: mergeOutputs, owner).0, states)
        }

        /// ``unroll(length:inputs:beginState:layout:mergeOutputs:validLength:)`` on one array laid out as `layout`.
        ///
        /// ```swift
        /// let (out, states) = try cell.unroll(length: 5, inputs: np.ones([2, 5, 4]), mergeOutputs: true)
        /// ```
        public func unroll(length: Int, inputs: NDArray, beginState: [NDArray]? = nil, layout: String = "NTC",
                           mergeOutputs: Bool? = nil, validLength: NDArray? = nil) throws -> (outputs: SequenceData, states: [NDArray]) {
            try unroll(length: length, inputs: .merged(inputs), beginState: beginState, layout: layout,
                       mergeOutputs: mergeOutputs, validLength: validLength)
        }
    }
}
