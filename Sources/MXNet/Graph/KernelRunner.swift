/// Runs one operator's kernel on computed buffers: converts inputs to the dtypes the op asked for, widens
/// float16/bfloat16 to float32 when the op computes in float32, allocates outputs, and narrows them back.
/// Eager calls, deferred evaluation and compiled graphs all come through here.
enum KernelRunner {
    static func run(_ op: Operator, _ params: any OpParams, inputs: [TensorRef], kernelTypes: [DType],
                    outputShapes: [[Int]], outputTypes: [DType], context: OpContext) throws -> [Storage] {
        let widen = op.widensHalfPrecision
        func computeType(_ t: DType) -> DType { widen && (t == .float16 || t == .bfloat16) ? .float32 : t }

        var kernelInputs = inputs
        var temporaries: [Storage] = []
        defer { withExtendedLifetime(temporaries) {} }
        var widenedMutated: [(Int, TensorRef)] = []
        for i in 0..<inputs.count {
            let want = computeType(kernelTypes[i])
            if inputs[i].dtype != want {
                let tmp = Storage(uninitializedByteCount: inputs[i].count * want.size)
                let t = TensorRef(data: tmp.data, shape: inputs[i].shape, dtype: want)
                convertElements(inputs[i], t)
                kernelInputs[i] = t
                if op.mutatedInputs.contains(i) { widenedMutated.append((i, t)) }
                temporaries.append(tmp)
            }
        }

        var storages: [Storage] = []
        var outputs: [TensorRef] = []
        var narrowed: [(Int, Storage)] = []
        storages.reserveCapacity(outputShapes.count)
        outputs.reserveCapacity(outputShapes.count)
        for (k, shape) in outputShapes.enumerated() {
            let type = outputTypes[k]
            let n = Shape.count(shape)
            let s = Storage(uninitializedByteCount: n * type.size)
            storages.append(s)
            let ct = computeType(type)
            if ct != type {
                let wide = Storage(uninitializedByteCount: n * ct.size)
                narrowed.append((k, wide))
                outputs.append(TensorRef(data: wide.data, shape: shape, dtype: ct))
            } else {
                outputs.append(TensorRef(data: s.data, shape: shape, dtype: type))
            }
        }
        try op.forward(KernelCall(inputs: kernelInputs, outputs: outputs, params: params, context: context))
        for (k, _) in narrowed {
            convertElements(outputs[k], TensorRef(data: storages[k].data, shape: outputShapes[k], dtype: outputTypes[k]))
        }
        for (i, t) in widenedMutated { convertElements(t, inputs[i]) }
        withExtendedLifetime(narrowed) {}
        return storages
    }
}
