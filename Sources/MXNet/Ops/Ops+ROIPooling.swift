/// Parameters of MXNet 1.x `ROIPooling`.
public struct ROIPoolingParams: OpParams {
    /// The output grid `(height, width)`.
    public var pooledSize: [Int] = []
    /// Ratio of the feature map to the image the regions are given in.
    public var spatialScale = 1.0
    public init() {}
    public static let fields: [ParamField<ROIPoolingParams>] = [
        .ints("pooled_size", \.pooledSize, required: true), .double("spatial_scale", \.spatialScale, required: true),
    ]

    func check() throws {
        guard pooledSize.count == 2, pooledSize.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else {
            throw MXNetError("pooled_size must be two sizes in 1...65536 (height, width), got \(AttributeValue.format(pooledSize))")
        }
        guard spatialScale >= 0 && spatialScale <= 1 else {
            throw MXNetError("spatial_scale must be in [0, 1], got \(spatialScale)")
        }
    }
}

extension Ops {
    static func roiPoolingShape(_ s: [[Int]?], _ p: ROIPoolingParams) throws -> [Int] {
        try p.check()
        let d = try knownShape(s, 0, "data"), r = try knownShape(s, 1, "rois")
        guard d.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(d))") }
        guard r.count == 2, r[1] == 5 else {
            throw MXNetError("rois must have shape (count, 5) with rows [batch, x1, y1, x2, y2], got \(Shape.text(r))")
        }
        return [r[0], d[1], p.pooledSize[0], p.pooledSize[1]]
    }

    /// Outputs the pooled regions and (hidden) each maximum's flat index into `data` (int64).
    static let roiPooling = Operator(
        "ROIPooling", display: "ROIPooling", params: ROIPoolingParams.self, inputs: { _ in ["data", "rois"] },
        outputs: { _ in 2 }, visibleOutputs: { _ in 1 },
        shape: { s, p in
            let o = try roiPoolingShape(s, p)
            return [o, o]
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            t[1] = d
            return [d, .int64]
        },
        forward: { c in
            try c.inputs[0].dispatchFloat(ROIPoolingForwardKernel(
                data: c.inputs[0], rois: c.inputs[1], out: c.outputs[0], maxIndex: c.outputs[1],
                spatialScale: c.params.spatialScale))
        },
        gradient: { g in
            // MXNet gives the regions a zero gradient.
            [try Imperative.call(roiPoolingBackward, [g.outputGradients[0], g.outputs[1], g.inputs[0]], g.params),
             try np.zerosLike(g.inputs[1])]
        })

    /// `(out_grad, maxidx, data) -> d_data` (`data` only gives the shape).
    static let roiPoolingBackward = Operator(
        "_backward_ROIPooling", display: "ROIPooling backward", params: ROIPoolingParams.self,
        inputs: { _ in ["out_grad", "maxidx", "data"] },
        shape: { s, _ in [try knownShape(s, 2, "data")] },
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            t[1] = .int64; t[2] = d
            return [d]
        },
        forward: { c in
            try c.inputs[0].dispatchFloat(ROIPoolingBackwardKernel(outGrad: c.inputs[0], maxIndex: c.inputs[1],
                                                                   dData: c.outputs[0]))
        },
        gradient: nil)

    static var roiPoolingOps: [Operator] { [roiPooling, roiPoolingBackward] }
}
