/// The `cudnn_tune` choices (accepted for 1.x graphs; the CPU kernels ignore them).
public enum CudnnTune: String, CaseIterable, Sendable {
    case none = "None", fastest, limitedWorkspace = "limited_workspace", off
}

/// Parameters of `Convolution` and `Deconvolution`.
public struct ConvolutionParams: OpParams {
    public var kernel: [Int] = []
    public var stride: [Int] = []
    public var dilate: [Int] = []
    public var pad: [Int] = []
    /// Deconvolution only: extra size added to one side of the output.
    public var adj: [Int] = []
    /// Deconvolution only: the output's spatial shape (overrides `pad` and `adj`).
    public var targetShape: [Int] = []
    public var numFilter = 0
    public var numGroup = 1
    public var workspace = 1024
    public var noBias = false
    public var cudnnTune = CudnnTune.none
    public var cudnnOff = false
    /// `NCW`, `NCHW` or `NCDHW` (channels-last layouts are not supported on CPU).
    public var layout: String?

    public init() {}

    /// Convolution parameters with MXNet's defaults for the rest.
    public init(kernel: [Int], numFilter: Int, stride: [Int] = [], dilate: [Int] = [], pad: [Int] = [],
                numGroup: Int = 1, noBias: Bool = false) {
        self.kernel = kernel; self.numFilter = numFilter; self.stride = stride; self.dilate = dilate
        self.pad = pad; self.numGroup = numGroup; self.noBias = noBias
    }

    static func fieldList(deconvolution: Bool) -> [ParamField<ConvolutionParams>] {
        var f: [ParamField<ConvolutionParams>] = [
            .ints("kernel", \.kernel, required: true), .ints("stride", \.stride), .ints("dilate", \.dilate),
            .ints("pad", \.pad),
        ]
        if deconvolution { f += [.ints("adj", \.adj), .ints("target_shape", \.targetShape)] }
        f += [
            .int("num_filter", \.numFilter, required: true), .int("num_group", \.numGroup),
            .int("workspace", \.workspace), .bool("no_bias", \.noBias), .choice("cudnn_tune", \.cudnnTune),
            .bool("cudnn_off", \.cudnnOff),
            ParamField("layout", required: false, parse: { p, s in
                p.layout = AttributeValue.isNone(s) ? nil : String(AttributeValue.strip(s))
            }, format: { $0.layout ?? "None" }),
        ]
        return f
    }
    public static let fields: [ParamField<ConvolutionParams>] = fieldList(deconvolution: false)

    /// `stride`/`dilate`/`pad`/`adj` with MXNet's defaults filled in, checked against the kernel's rank.
    func spatial(_ v: [Int], _ name: String, default fill: Int, minimum: Int) throws -> [Int] {
        if v.isEmpty { return [Int](repeating: fill, count: kernel.count) }
        guard v.count == kernel.count else {
            throw MXNetError("'\(name)' has \(v.count) entries but the kernel has \(kernel.count)")
        }
        guard v.allSatisfy({ $0 >= minimum }) else { throw MXNetError("'\(name)' entries must be at least \(minimum)") }
        return v
    }

    /// Checks the rank, layout and groups against `data`; returns the number of spatial dimensions.
    func checkData(_ data: [Int], channelsPerGroupOf filters: Int) throws -> Int {
        let nd = kernel.count
        guard (1...3).contains(nd) else { throw MXNetError("kernel must have 1 to 3 entries, got \(kernel.count)") }
        guard kernel.allSatisfy({ $0 > 0 }) else { throw MXNetError("kernel entries must be positive") }
        guard data.count == nd + 2 else {
            throw MXNetError("data must be \(nd + 2)-d (batch, channel, \(nd) spatial) for a \(nd)-d kernel, " +
                             "got shape \(Shape.text(data))")
        }
        let expected = ["NCW", "NCHW", "NCDHW"][nd - 1]
        if let layout, layout != expected {
            throw MXNetError("unsupported layout '\(layout)' (only \(expected) is supported for a \(nd)-d kernel)")
        }
        guard numFilter > 0 else { throw MXNetError("num_filter must be positive") }
        guard numGroup > 0, data[1] % numGroup == 0, filters % numGroup == 0 else {
            throw MXNetError("num_group \(numGroup) must divide the input channels (\(data[1])) and num_filter (\(filters))")
        }
        return nd
    }

    /// Convolution geometry, output shape and parameter shapes for `data`.
    func convolution(_ data: [Int]) throws -> (plan: ConvPlan, out: [Int], weight: [Int], bias: [Int]) {
        let nd = try checkData(data, channelsPerGroupOf: numFilter)
        let s = try spatial(stride, "stride", default: 1, minimum: 1)
        let d = try spatial(dilate, "dilate", default: 1, minimum: 1)
        let p = try spatial(pad, "pad", default: 0, minimum: 0)
        let image = Array(data.suffix(nd))
        var grid: [Int] = []
        for i in 0..<nd {
            let dk = try Shape.add(Shape.multiply(d[i], kernel[i] - 1, "the dilated kernel"), 1, "the dilated kernel")
            let padded = try Shape.add(image[i], Shape.multiply(2, p[i], "'pad'"), "the padded input")
            guard dk <= padded else {
                throw MXNetError("kernel size (\(dk) with dilation) exceeds input (\(image[i]) padded to \(padded))")
            }
            grid.append((padded - dk) / s[i] + 1)
        }
        let geometry = ConvGeometry(channels: data[1], image: image, grid: grid, kernel: kernel, stride: s, dilate: d, pad: p)
        let plan = ConvPlan(geometry: geometry, batch: data[0], groups: numGroup, gridChannels: numFilter)
        return (plan, [data[0], numFilter] + grid, [numFilter, data[1] / numGroup] + kernel, [numFilter])
    }

    /// Deconvolution geometry (the output is the image side), output shape and parameter shapes for `data`.
    func deconvolution(_ data: [Int]) throws -> (plan: ConvPlan, out: [Int], weight: [Int], bias: [Int]) {
        let nd = try checkData(data, channelsPerGroupOf: numFilter)
        let s = try spatial(stride, "stride", default: 1, minimum: 1)
        let d = try spatial(dilate, "dilate", default: 1, minimum: 1)
        var p = try spatial(pad, "pad", default: 0, minimum: 0)
        var a = try spatial(adj, "adj", default: 0, minimum: 0)
        let grid = Array(data.suffix(nd))
        /// The output size along spatial axis `i` before padding: `s * (grid - 1) + d * (kernel - 1) + 1`.
        func fullSize(_ i: Int) throws -> Int {
            let what = "the output size"
            let strided = try Shape.multiply(s[i], grid[i] - 1, what)
            let dilated = try Shape.multiply(d[i], kernel[i] - 1, what)
            return try Shape.add(Shape.add(strided, dilated, what), 1, what)
        }
        if targetShape.contains(where: { $0 != 0 }) {
            guard targetShape.count == nd else {
                throw MXNetError("'target_shape' has \(targetShape.count) entries but the kernel has \(nd)")
            }
            for i in 0..<nd {
                let full = try fullSize(i)
                guard full >= targetShape[i] else { throw MXNetError("too big target shape \(Shape.text(targetShape))") }
                a[i] = (full - targetShape[i]) % 2
                p[i] = (full - targetShape[i] + 1) / 2
            }
        }
        var image: [Int] = []
        for i in 0..<nd {
            guard a[i] < s[i] else { throw MXNetError("adj (\(a[i])) must be smaller than stride (\(s[i]))") }
            let o = try Shape.add(fullSize(i) - Shape.multiply(2, p[i], "'pad'"), a[i], "the output size")
            guard o > 0 else { throw MXNetError("the output would be empty (pad \(p[i]) is too large)") }
            image.append(o)
        }
        let geometry = ConvGeometry(channels: numFilter, image: image, grid: grid, kernel: kernel, stride: s, dilate: d, pad: p)
        let plan = ConvPlan(geometry: geometry, batch: data[0], groups: numGroup, gridChannels: data[1])
        return (plan, [data[0], numFilter] + image, [data[1], numFilter / numGroup] + kernel, [numFilter])
    }
}

/// `Deconvolution`'s parameters: the convolution ones plus `adj` and `target_shape`, with no bias by default.
public struct DeconvolutionParams: OpParams {
    public var conv = ConvolutionParams()
    public init() { conv.noBias = true; conv.workspace = 512 }
    public init(kernel: [Int], numFilter: Int, stride: [Int] = [], dilate: [Int] = [], pad: [Int] = [],
                adj: [Int] = [], targetShape: [Int] = [], numGroup: Int = 1, noBias: Bool = true) {
        self.init()
        conv.kernel = kernel; conv.numFilter = numFilter; conv.stride = stride; conv.dilate = dilate; conv.pad = pad
        conv.adj = adj; conv.targetShape = targetShape; conv.numGroup = numGroup; conv.noBias = noBias
    }
    public static let fields: [ParamField<DeconvolutionParams>] = ConvolutionParams.fieldList(deconvolution: true).map { f in
        ParamField(f.name, required: f.required, parse: { p, s in try f.parse(&p.conv, s) }, format: { f.format($0.conv) })
    }
}

extension Ops {
    static func convolutionInputs(_ noBias: Bool) -> [String] { noBias ? ["data", "weight"] : ["data", "weight", "bias"] }

    static let convolution: Operator = Operator(
        "Convolution", aliases: ["_npx_convolution"], display: "Convolution", params: ConvolutionParams.self,
        inputs: { convolutionInputs($0.noBias) },
        shape: { s, p in
            guard let data = s[0] else { throw MXNetError.unknownShape("the shape of 'data' is unknown") }
            let c = try p.convolution(data)
            try fillParameterShape(&s[1], c.weight, "weight")
            if !p.noBias { try fillParameterShape(&s[2], c.bias, "bias") }
            return [c.out]
        },
        partialShape: { c in let p = c.params; try convolutionPartial(&c, p, deconvolution: false) },
        type: Rules.sameType,
        forward: { c in
            let p = c.params
            try c.outputs[0].dispatchFloat(ConvolutionForward(
                plan: try p.convolution(c.inputs[0].shape).plan, data: c.inputs[0], weight: c.inputs[1],
                bias: p.noBias ? nil : c.inputs[2], out: c.outputs[0]))
        },
        gradient: { g in
            try Imperative.invoke(convolutionBackward, [g.outputGradients[0], g.inputs[0], g.inputs[1]], g.params)
        })

    /// Gradients of `Convolution`: inputs (output gradient, data, weight); outputs the data, weight and (unless
    /// `no_bias`) bias gradients.
    static let convolutionBackward: Operator = Operator(
        "_backward_Convolution", display: "Convolution_backward", params: ConvolutionParams.self,
        inputs: { _ in ["ograd", "data", "weight"] }, outputs: { $0.noBias ? 2 : 3 },
        shape: { s, p in
            let k = try knownShapes(s)
            let c = try p.convolution(k[1])
            guard k[0] == c.out, k[2] == c.weight else { throw MXNetError("gradient shapes do not match the convolution") }
            return [k[1], k[2]] + (p.noBias ? [] : [c.bias])
        },
        type: { t, p in
            let d = try Rules.sameType(&t, p)[0]
            return [DType](repeating: d, count: p.noBias ? 2 : 3)
        },
        forward: { c in
            let p = c.params
            try c.inputs[0].dispatchFloat(ConvolutionBackward(
                plan: try p.convolution(c.inputs[1].shape).plan, outGrad: c.inputs[0], data: c.inputs[1],
                weight: c.inputs[2], dData: c.outputs[0], dWeight: c.outputs[1], dBias: p.noBias ? nil : c.outputs[2]))
        },
        gradient: nil)

    static let deconvolution: Operator = Operator(
        "Deconvolution", aliases: ["_npx_deconvolution"], display: "Deconvolution", params: DeconvolutionParams.self,
        inputs: { convolutionInputs($0.conv.noBias) },
        shape: { s, p in
            guard let data = s[0] else { throw MXNetError.unknownShape("the shape of 'data' is unknown") }
            let c = try p.conv.deconvolution(data)
            try fillParameterShape(&s[1], c.weight, "weight")
            if !p.conv.noBias { try fillParameterShape(&s[2], c.bias, "bias") }
            return [c.out]
        },
        partialShape: { c in let p = c.params.conv; try convolutionPartial(&c, p, deconvolution: true) },
        type: Rules.sameType,
        forward: { c in
            let p = c.params.conv
            try c.outputs[0].dispatchFloat(DeconvolutionForward(
                plan: try p.deconvolution(c.inputs[0].shape).plan, data: c.inputs[0], weight: c.inputs[1],
                bias: p.noBias ? nil : c.inputs[2], out: c.outputs[0]))
        },
        gradient: { g in
            try Imperative.invoke(deconvolutionBackward, [g.outputGradients[0], g.inputs[0], g.inputs[1]], g.params)
        })

    /// Gradients of `Deconvolution`: inputs (output gradient, data, weight).
    static let deconvolutionBackward: Operator = Operator(
        "_backward_Deconvolution", display: "Deconvolution_backward", params: DeconvolutionParams.self,
        inputs: { _ in ["ograd", "data", "weight"] }, outputs: { $0.conv.noBias ? 2 : 3 },
        shape: { s, p in
            let k = try knownShapes(s)
            let c = try p.conv.deconvolution(k[1])
            guard k[0] == c.out, k[2] == c.weight else { throw MXNetError("gradient shapes do not match the deconvolution") }
            return [k[1], k[2]] + (p.conv.noBias ? [] : [c.bias])
        },
        type: { t, p in
            let d = try Rules.sameType(&t, p)[0]
            return [DType](repeating: d, count: p.conv.noBias ? 2 : 3)
        },
        forward: { c in
            let p = c.params.conv
            try c.inputs[0].dispatchFloat(DeconvolutionBackward(
                plan: try p.deconvolution(c.inputs[1].shape).plan, outGrad: c.inputs[0], data: c.inputs[1],
                weight: c.inputs[2], dData: c.outputs[0], dWeight: c.outputs[1], dBias: p.noBias ? nil : c.outputs[2]))
        },
        gradient: nil)

    /// Partly known data (MXNet 1.x's rule; its rank must be known): the weight, bias and output follow, with
    /// unknown sizes where the data's are unknown. A convolution also infers its data from its output: the batch
    /// size, and each spatial size along which the stride is 1. A deconvolution infers forward only.
    static func convolutionPartial<P>(_ c: inout PartialShapeCall<P>, _ p: ConvolutionParams, deconvolution: Bool) throws {
        guard let d = c.inputs[0], d.count == p.kernel.count + 2 else { return }   // the shape function says why
        let u = PartialShape.unknown
        // The geometry of data with unknown sizes replaced by valid ones; what follows from them is unknown.
        let probe = d.indices.map { i in d[i] != u ? d[i] : i == 0 ? 1 : i == 1 ? max(p.numGroup, 1) : 1 << 16 }
        let g = deconvolution ? try p.deconvolution(probe) : try p.convolution(probe)
        var out = g.out, weight = g.weight
        out[0] = d[0]
        for i in 2..<d.count where d[i] == u { out[i] = u }
        if d[1] == u { weight[deconvolution ? 0 : 1] = u }
        try PartialShape.assign(&c.inputs[1], weight, "weight")
        if !p.noBias { try PartialShape.assign(&c.inputs[2], g.bias, "bias") }
        try PartialShape.assign(&c.outputs[0], out, "output")
        guard !deconvolution, let o = c.outputs[0], o.count == d.count else { return }
        let s = try p.spatial(p.stride, "stride", default: 1, minimum: 1)
        let dilate = try p.spatial(p.dilate, "dilate", default: 1, minimum: 1)
        let pad = try p.spatial(p.pad, "pad", default: 0, minimum: 0)
        var back = PartialShape.unknownShape(rank: d.count)
        back[0] = o[0]
        for i in 0..<p.kernel.count where s[i] == 1 && o[2 + i] != u {
            let size = o[2 + i] + dilate[i] * (p.kernel[i] - 1) - 2 * pad[i]
            if size > 0 { back[2 + i] = size }
        }
        try PartialShape.assign(&c.inputs[0], back, "data")
    }
}
