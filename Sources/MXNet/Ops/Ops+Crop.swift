/// Parameters of MXNet 1.x `Crop`: a height × width window of NCHW data, sized by `h_w` (one input) or by the
/// second input's height and width (`crop_like`), placed at `offset` or centred.
public struct CropParams: OpParams {
    /// 1: crop to `h_w`; 2: crop to the second input's spatial size.
    public var numArgs = 1
    /// `(y, x)` of the window's corner (ignored with `center_crop`).
    public var offset = [0, 0]
    /// `(height, width)` of the window when `num_args` is 1.
    public var hW = [0, 0]
    public var centerCrop = false
    public init() {}
    public static let fields: [ParamField<CropParams>] = [
        .count("num_args", \.numArgs, required: true), .ints("offset", \.offset), .ints("h_w", \.hW),
        .bool("center_crop", \.centerCrop),
    ]

    /// The output shape and the window's corner for `data` (and `like`, the second input's shape).
    func window(_ data: [Int], like: [Int]?) throws -> (out: [Int], y: Int, x: Int) {
        guard data.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(data))") }
        let (h, w): (Int, Int)
        if let like {
            guard like.count == 4 else { throw MXNetError("crop_like must be 4-d, got \(Shape.text(like))") }
            (h, w) = (like[2], like[3])
        } else {
            guard hW.count == 2, hW[0] >= 1, hW[1] >= 1 else {
                throw MXNetError("h_w must give a positive height and width, got \(AttributeValue.format(hW))")
            }
            (h, w) = (hW[0], hW[1])
        }
        guard h <= data[2], w <= data[3] else {
            throw MXNetError("the crop \(h)×\(w) is larger than the data's \(data[2])×\(data[3])")
        }
        if centerCrop { return ([data[0], data[1], h, w], (data[2] - h) / 2, (data[3] - w) / 2) }
        guard offset.count == 2, offset[0] >= 0, offset[1] >= 0, offset[0] <= data[2] - h, offset[1] <= data[3] - w else {
            throw MXNetError("offset \(AttributeValue.format(offset)) does not fit a \(h)×\(w) crop into \(data[2])×\(data[3])")
        }
        return ([data[0], data[1], h, w], offset[0], offset[1])
    }
}

extension Ops {
    static func cropWindow(_ s: [[Int]?], _ p: CropParams) throws -> (out: [Int], y: Int, x: Int) {
        guard p.numArgs == 1 || p.numArgs == 2 else { throw MXNetError("num_args must be 1 or 2, got \(p.numArgs)") }
        return try p.window(knownShape(s, 0, "arg0"), like: p.numArgs == 2 ? try knownShape(s, 1, "arg1") : nil)
    }

    static let crop = Operator(
        "Crop", display: "Crop", params: CropParams.self, inputs: { p in (0..<max(p.numArgs, 0)).map { "arg\($0)" } },
        widensHalfPrecision: false,
        shape: { s, p in [try cropWindow(s, p).out] },
        type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
            return [d]
        },
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0]
            let w = try cropWindow(c.inputs.map { $0.shape }, c.params)
            gatherElements(x, o, GatherMap(source: x.shape, sizes: o.shape,
                                           index: [{ $0 }, { $0 }, { $0 + w.y }, { $0 + w.x }]))
        },
        gradient: { g in
            let x = g.inputs[0].shape, dy = g.outputGradients[0]
            let w = try cropWindow(g.inputs.map { $0.shape }, g.params)
            let pads = [[0, 0], [0, 0], [w.y, x[2] - w.out[2] - w.y], [w.x, x[3] - w.out[3] - w.x]]
            let dx = try Imperative.call(Ops.pad, [dy], PadParams(padWidth: pads))
            return g.params.numArgs == 2 ? [dx, try np.zerosLike(g.inputs[1])] : [dx]
        })
}
