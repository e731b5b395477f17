/// npx reshapes, lookups, selection, sequence masking and small NN helpers: one forward per registry operator
/// (see `Ops+Reshape.swift`, `Ops+Embedding.swift`, `Ops+Selection.swift`, `Ops+Sequence.swift`, ...).
extension npx {
    /// Reshape with MXNet 2.0's special codes (`-1` infer, `-2` copy, `-3` drop a 1, `-4` copy the rest,
    /// `-5` merge two, `-6 a b` split one), matched from the right when `reverse`.
    ///
    /// ```swift
    /// let y = try npx.reshape(np.zeros([2, 3, 4]), [-2, -5])   // shape (2, 12)
    /// ```
    /// - Throws: ``MXNetError`` when the codes do not fit the input's shape or size.
    public static func reshape(_ a: NDArray, _ newshape: [Int], reverse: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.npxReshape, [a], NpxReshapeParams(newshape, reverse: reverse))
    }

    /// `(d0, d1 · d2 · ...)`: every axis but the first flattened.
    ///
    /// ```swift
    /// let y = try npx.batchFlatten(np.zeros([2, 3, 4]))   // shape (2, 12)
    /// ```
    /// - Throws: ``MXNetError`` for a 0-d input.
    public static func batchFlatten(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.batchFlatten, [x]) }

    /// MXNet 1.x `Pad` of a 4-d or 5-d array: `padWidth` holds (before, after) for every axis, the first four
    /// (batch and channel) zero.
    ///
    /// ```swift
    /// let y = try npx.pad(np.ones([1, 1, 3, 3]), mode: .reflect, padWidth: [0, 0, 0, 0, 1, 1, 1, 1])   // (1, 1, 5, 5)
    /// ```
    /// - Throws: ``MXNetError`` for other ranks, a padded batch or channel axis, or a reflection wider than the axis.
    public static func pad(_ x: NDArray, mode: PadMode = .constant, padWidth: [Int], constantValue: Double = 0) throws -> NDArray {
        var p = LegacyPadParams()
        (p.mode, p.padWidth, p.constantValue) = (mode, padWidth, constantValue)
        return try Imperative.call(Ops.legacyPad, [x], p)
    }

    /// `lhs` reshaped to `rhs`'s shape, or with `lhs[lhsBegin..<lhsEnd]` replaced by `rhs[rhsBegin..<rhsEnd]`.
    ///
    /// ```swift
    /// let y = try npx.reshapeLike(np.zeros([2, 3]), np.zeros([3, 2]))   // shape (3, 2)
    /// ```
    /// - Throws: ``MXNetError`` when the sizes differ.
    public static func reshapeLike(_ lhs: NDArray, _ rhs: NDArray, lhsBegin: Int? = nil, lhsEnd: Int? = nil,
                                   rhsBegin: Int? = nil, rhsEnd: Int? = nil) throws -> NDArray {
        var p = ReshapeLikeParams()
        (p.lhsBegin, p.lhsEnd, p.rhsBegin, p.rhsEnd) = (lhsBegin, lhsEnd, rhsBegin, rhsEnd)
        return try Imperative.call(Ops.reshapeLike, [lhs, rhs], p)
    }

    /// The shape of `a` as an int64 vector.
    ///
    /// ```swift
    /// let s = try npx.shapeArray(np.zeros([2, 3]))   // [2, 3]
    /// ```
    public static func shapeArray(_ a: NDArray) throws -> NDArray { try Imperative.call(Ops.shapeArray, [a]) }

    /// `lhs` broadcast to `rhs`'s shape (or, with axes, along `lhsAxes` to the sizes of `rhsAxes`).
    ///
    /// ```swift
    /// let y = try npx.broadcastLike(np.ones([1, 3]), np.zeros([4, 3]))   // shape (4, 3)
    /// ```
    /// - Throws: ``MXNetError`` when the shapes are not compatible.
    public static func broadcastLike(_ lhs: NDArray, _ rhs: NDArray, lhsAxes: [Int]? = nil,
                                     rhsAxes: [Int]? = nil) throws -> NDArray {
        try Imperative.call(Ops.broadcastLike, [lhs, rhs], BroadcastLikeParams(lhsAxes: lhsAxes, rhsAxes: rhsAxes))
    }

    /// `start + (i / repeat) · step` over the shape of `data` (or the length of one axis), in its dtype.
    ///
    /// ```swift
    /// let r = try npx.arangeLike(np.zeros([2, 3]), axis: 1)   // [0, 1, 2]
    /// ```
    public static func arangeLike(_ data: NDArray, start: Double = 0, step: Double = 1, repeat: Int = 1,
                                  axis: Int? = nil) throws -> NDArray {
        try Imperative.call(Ops.arangeLike, [data], ArangeLikeParams(start: start, step: step, repeat: `repeat`, axis: axis))
    }

    /// Smooth L1 loss: `0.5 (σx)²` where `|x| < 1/σ²`, else `|x| - 0.5/σ²`.
    ///
    /// ```swift
    /// let y = try npx.smoothL1(np.array([-2, 0.5] as [Float]), scalar: 1)   // [1.5, 0.125]
    /// ```
    public static func smoothL1(_ data: NDArray, scalar: Double = 1) throws -> NDArray {
        try Imperative.call(Ops.smoothL1, [data], SmoothL1Params(sigma: scalar))
    }

    /// Rows of `weight` (`inputDim × outputDim`) picked by the indices in `data` (clipped to the table).
    ///
    /// ```swift
    /// let e = try npx.embedding(np.array([0, 2] as [Int32]), weight, inputDim: 3, outputDim: 4)   // shape (2, 4)
    /// ```
    /// - Throws: ``MXNetError`` when `weight` is not `inputDim × outputDim`.
    public static func embedding(_ data: NDArray, _ weight: NDArray, inputDim: Int, outputDim: Int,
                                 dtype: DType = .float32, sparseGrad: Bool = false) throws -> NDArray {
        var p = EmbeddingParams(inputDim: inputDim, outputDim: outputDim, dtype: dtype)
        p.sparseGrad = sparseGrad
        return try Imperative.call(Ops.embedding, [data, weight], p)
    }

    /// One-hot vectors of length `depth` for each index.
    ///
    /// ```swift
    /// let y = try npx.oneHot(np.array([0, 2] as [Int32]), depth: 3)   // [[1, 0, 0], [0, 0, 1]]
    /// ```
    public static func oneHot(_ indices: NDArray, depth: Int, onValue: Double = 1, offValue: Double = 0,
                              dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.oneHot, [indices], OneHotParams(depth: depth, onValue: onValue, offValue: offValue, dtype: dtype))
    }

    /// One element along `axis` per position, chosen by `index` (clipped or wrapped into range).
    ///
    /// ```swift
    /// let y = try npx.pick(np.array([1, 2, 3, 4] as [Float], shape: [2, 2]), np.array([1, 0] as [Int32]))   // [2, 3]
    /// ```
    /// - Throws: ``MXNetError`` when `index` does not have the data's shape without `axis`.
    public static func pick(_ data: NDArray, _ index: NDArray, axis: Int = -1, mode: PickParams.Mode = .clip,
                            keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.pick, [data, index], PickParams(axis: axis, keepdims: keepdims, mode: mode))
    }

    /// The `k` largest (or smallest) elements along `axis` (the flattened array when nil): their indices, values,
    /// a mask of them, or values and indices (`.both`, two arrays).
    ///
    /// ```swift
    /// let top = try npx.topk(np.array([3, 1, 4] as [Float]), k: 2, retTyp: .value)[0]   // [4, 3]
    /// ```
    /// - Throws: ``MXNetError`` when `k` exceeds the axis length.
    public static func topk(_ data: NDArray, k: Int = 1, axis: Int? = -1, retTyp: TopKParams.ReturnType = .indices,
                            isAscend: Bool = false, dtype: DType = .float32) throws -> [NDArray] {
        let p = TopKParams(axis: axis, k: k, retTyp: retTyp, isAscend: isAscend, dtype: dtype)
        return Array(try Imperative.invoke(Ops.topk, [data], p).prefix(retTyp == .both ? 2 : 1))
    }

    /// `data` (`(T, N, ...)`, or `(N, T, ...)` for `axis = 1`) with steps at or past each batch entry's
    /// `sequenceLength` set to `value`; unchanged without lengths.
    ///
    /// ```swift
    /// let y = try npx.sequenceMask(x, sequenceLength: np.array([1, 3] as [Float]), value: -1)
    /// ```
    /// - Throws: ``MXNetError`` for an axis other than 0 or 1 or lengths of the wrong shape.
    public static func sequenceMask(_ data: NDArray, sequenceLength: NDArray? = nil, value: Double = 0,
                                    axis: Int = 0) throws -> NDArray {
        let p = SequenceParams(useSequenceLength: sequenceLength != nil, value: value, axis: axis)
        return try Imperative.call(Ops.sequenceMask, [data] + (sequenceLength.map { [$0] } ?? []), p)
    }

    /// The last valid step of each batch entry of `data` (`(T, N, ...)`, or `(N, T, ...)` for `axis = 1`): step
    /// `sequenceLength[b] - 1`, or the final step without lengths (MXNet's `SequenceLast`).
    ///
    /// ```swift
    /// let last = try npx.sequenceLast(x, sequenceLength: np.array([1, 3] as [Float]))   // (N, ...)
    /// ```
    /// - Throws: ``MXNetError`` for an axis other than 0 or 1 or lengths of the wrong shape.
    public static func sequenceLast(_ data: NDArray, sequenceLength: NDArray? = nil, axis: Int = 0) throws -> NDArray {
        let p = SequenceParams(useSequenceLength: sequenceLength != nil, axis: axis)
        return try Imperative.call(Ops.sequenceLast, [data] + (sequenceLength.map { [$0] } ?? []), p)
    }

    /// `data` `(T, N, ...)` with the first `sequenceLength[b]` steps of each batch entry reversed (all `T` steps
    /// without lengths); later steps stay in place (MXNet's `SequenceReverse`).
    ///
    /// ```swift
    /// let r = try npx.sequenceReverse(x, sequenceLength: np.array([2, 3] as [Float]))
    /// ```
    /// - Throws: ``MXNetError`` for lengths of the wrong shape.
    public static func sequenceReverse(_ data: NDArray, sequenceLength: NDArray? = nil) throws -> NDArray {
        let p = SequenceParams(useSequenceLength: sequenceLength != nil)
        return try Imperative.call(Ops.sequenceReverse, [data] + (sequenceLength.map { [$0] } ?? []), p)
    }

    /// A stack of recurrent layers (`mode`: `.rnnRelu`, `.rnnTanh`, `.lstm`, `.gru`) over `data` `(T, N, C)` with
    /// MXNet's packed `parameters`, initial `state` (and `stateCell` for LSTM) of shape `(L·D, N, H)`, and optional
    /// per-batch `sequenceLength`. Returns the output `(T, N, D·H)`, then with `stateOutputs` the final state
    /// (and cell state). An LSTM with `projectionSize` P projects each hidden output to P features: `state`, the
    /// final state and the output carry P (D·P) features, the cell states H.
    ///
    /// ```swift
    /// let r = try npx.rnn(x, params, h0, mode: .gru, stateSize: 4, numLayers: 1, stateOutputs: true)
    /// let (out, hy) = (r[0], r[1])
    /// ```
    /// - Throws: ``MXNetError`` when the parameter or state shapes do not match.
    public static func rnn(_ data: NDArray, _ parameters: NDArray, _ state: NDArray, stateCell: NDArray? = nil,
                           sequenceLength: NDArray? = nil, mode: RNNParams.Mode, stateSize: Int, numLayers: Int,
                           bidirectional: Bool = false, p: Double = 0, stateOutputs: Bool = false,
                           projectionSize: Int? = nil, lstmStateClipMin: Double? = nil, lstmStateClipMax: Double? = nil,
                           lstmStateClipNan: Bool = false) throws -> [NDArray] {
        var params = RNNParams(mode: mode, stateSize: stateSize, numLayers: numLayers, bidirectional: bidirectional,
                               p: p, stateOutputs: stateOutputs, projectionSize: projectionSize,
                               useSequenceLength: sequenceLength != nil)
        (params.lstmStateClipMin, params.lstmStateClipMax, params.lstmStateClipNan) = (lstmStateClipMin, lstmStateClipMax, lstmStateClipNan)
        var inputs = [data, parameters, state]
        if mode == .lstm {
            guard let stateCell else { throw MXNetError("RNN: lstm needs a stateCell") }
            inputs.append(stateCell)
        }
        if let sequenceLength { inputs.append(sequenceLength) }
        return Array(try Imperative.invoke(Ops.rnn, inputs, params).prefix(params.visibleOutputs))
    }
}

extension npx {
    /// Splits `data` into `numOutputs` equal parts along `axis` (MXNet's `SliceChannel` / `split`).
    ///
    /// ```swift
    /// let parts = try npx.sliceChannel(np.arange(6).reshaped([2, 3]), numOutputs: 3, axis: 1)  // three (2, 1) arrays
    /// ```
    public static func sliceChannel(_ data: NDArray, numOutputs: Int, axis: Int = 1, squeezeAxis: Bool = false) throws -> [NDArray] {
        var p = SliceChannelParams()
        p.numOutputs = numOutputs
        p.axis = axis
        p.squeezeAxis = squeezeAxis
        return try Imperative.invoke(Ops.sliceChannel, [data], p)
    }
}
