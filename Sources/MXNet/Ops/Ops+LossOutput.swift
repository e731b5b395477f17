/// How a loss layer divides its gradient: not at all, by the batch size, or by the number of valid labels.
public enum LossNormalization: String, CaseIterable { case null, batch, valid }

/// Parameters of `SoftmaxOutput` (alias `Softmax`).
public struct SoftmaxOutputParams: OpParams {
    public var gradScale = 1.0
    public var ignoreLabel = -1.0
    /// Softmax over axis 1 of `(n, k, ...)` with labels `(n, ...)`.
    public var multiOutput = false
    /// Rows labelled `ignore_label` get no gradient.
    public var useIgnore = false
    /// Softmax over the last axis, keeping the shape (else over all axes but the first).
    public var preserveShape = false
    public var normalization = LossNormalization.null
    /// Multiply the gradient by the head gradient (otherwise the head gradient is ignored).
    public var outGrad = false
    /// Label smoothing: the true class gets `1 - alpha`, the others share `alpha`.
    public var smoothAlpha = 0.0
    public init() {}
    public static let fields: [ParamField<SoftmaxOutputParams>] = [
        .double("grad_scale", \.gradScale), .double("ignore_label", \.ignoreLabel), .bool("multi_output", \.multiOutput),
        .bool("use_ignore", \.useIgnore), .bool("preserve_shape", \.preserveShape),
        .choice("normalization", \.normalization), .bool("out_grad", \.outGrad), .double("smooth_alpha", \.smoothAlpha),
    ]

    /// Rows the softmax runs along.
    func view(_ d: [Int]) throws -> AxisView {
        guard !d.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
        if multiOutput {
            guard d.count >= 2 else { throw MXNetError("multi_output needs data with at least 2 dimensions") }
            return AxisView(shape: d, axis: 1)
        }
        if preserveShape { return AxisView(outer: Shape.count(Array(d.dropLast())), length: d[d.count - 1], inner: 1) }
        return AxisView(outer: d[0], length: d[0] == 0 ? 0 : Shape.count(d) / d[0], inner: 1)
    }
}

/// Parameters of the regression output layers.
public struct RegressionOutputParams: OpParams {
    public var gradScale = 1.0
    public init() {}
    public static let fields: [ParamField<RegressionOutputParams>] = [.double("grad_scale", \.gradScale)]
}

/// Parameters of `SVMOutput`.
public struct SVMOutputParams: OpParams {
    public var margin = 1.0
    public var regularizationCoefficient = 1.0
    /// L1-SVM (hinge) rather than L2-SVM (squared hinge).
    public var useLinear = false
    public init() {}
    public static let fields: [ParamField<SVMOutputParams>] = [
        .double("margin", \.margin), .double("regularization_coefficient", \.regularizationCoefficient),
        .bool("use_linear", \.useLinear),
    ]
}

/// Parameters of `MakeLoss`.
public struct MakeLossParams: OpParams {
    public var gradScale = 1.0
    /// With `valid` normalisation, elements above this count as valid.
    public var validThresh = 0.0
    public var normalization = LossNormalization.null
    public init() {}
    public static let fields: [ParamField<MakeLossParams>] = [
        .double("grad_scale", \.gradScale), .double("valid_thresh", \.validThresh),
        .choice("normalization", \.normalization),
    ]
}

extension Ops {
    // MARK: - SoftmaxOutput

    static let softmaxOutput = Operator(
        "SoftmaxOutput", aliases: ["Softmax"], display: "SoftmaxOutput", params: SoftmaxOutputParams.self,
        inputs: { _ in ["data", "label"] },
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            _ = try p.view(d)
            if s[1] == d { return [d] }
            if p.multiOutput {
                let first = [d[0], d[0] * d[1] == 0 ? 0 : Shape.count(d) / d[0] / d[1]]
                let rest = [d[0]] + Array(d[2...])
                var keep = d
                keep[1] = 1
                if let l = s[1] {
                    guard l == first || l == rest || l == keep else {
                        throw MXNetError("input 'label' has shape \(Shape.text(l)), expected \(Shape.text(first)) or \(Shape.text(rest))")
                    }
                } else {
                    s[1] = first
                }
            } else {
                try Rules.fillInput(&s, 1, Array(d.dropLast()), "label")
            }
            return [d]
        },
        partialShape: { c in
            // Forward only, as MXNet: the output and (without multi_output) the label follow from the data; an
            // unknown label is a class index per row, as the shape function assumes (a label shaped like the
            // data, holding probabilities, is accepted too).
            guard let d = c.inputs[0], !d.isEmpty else { return }
            if !c.params.multiOutput {
                let label = c.inputs[1]?.count == d.count ? d : Array(d.dropLast())
                try PartialShape.assign(&c.inputs[1], label, "label")
            }
            try PartialShape.assign(&c.outputs[0], d, "output")
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            t[1] = d
            return [d]
        },
        forward: { c in
            let x = c.inputs[0]
            try x.dispatchFloat(SoftmaxForwardKernel(x: x, out: c.outputs[0], view: try c.params.view(x.shape), scale: 1,
                                                     log: false, validity: .all, normalize: true))
        },
        gradient: { g in
            let grads = try Imperative.invoke(Ops.softmaxOutputBackward, [g.outputGradients[0], g.inputs[1], g.outputs[0]],
                                              g.params)
            return [grads[0], grads[1]]
        })

    /// `(out_grad, label, out) -> (d_data, d_label)`; the head gradient is used only with `out_grad`.
    static let softmaxOutputBackward = Operator(
        "_backward_SoftmaxOutput", display: "SoftmaxOutput backward", params: SoftmaxOutputParams.self,
        inputs: { _ in ["out_grad", "label", "out"] }, outputs: { _ in 2 },
        shape: { s, _ in
            guard let d = s[2], let l = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [d, l]
        },
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            t = t.map { _ in d }
            return [d, d]
        },
        forward: { c in
            let (g, label, y, dx, p) = (c.inputs[0], c.inputs[1], c.inputs[2], c.outputs[0], c.params)
            fill(c.outputs[1], 0)
            if label.shape == y.shape {
                // Probability labels.
                try y.dispatchFloat(ProbabilityLabelGradKernel(out: y, label: label, dx: dx, outGrad: p.outGrad ? g : nil,
                                                               scale: p.gradScale))
                return
            }
            let view = try p.view(y.shape)
            guard label.count >= view.rows else {
                throw MXNetError("label has \(label.count) elements, expected at least \(view.rows)")
            }
            let labels = (0..<label.count).map { label.double(at: $0) }
            var valid = Double(label.count)
            switch p.normalization {
            case .null: valid = 1
            case .batch: valid = Double(p.multiOutput ? y.shape[0] : label.count)
            case .valid:
                let ignore = Int(exactly: p.ignoreLabel.rounded(.towardZero)) ?? Int.min
                valid = Double(max(1, labels.filter { (Int(exactly: $0.rounded(.towardZero)) ?? Int.min) != ignore }.count))
            }
            var scale = p.gradScale / valid
            if p.multiOutput && p.normalization != .valid { scale /= Double(max(view.inner, 1)) }
            try y.dispatchFloat(SoftmaxOutputGradKernel(out: y, label: label, dx: dx, outGrad: p.outGrad ? g : nil,
                                                        view: view, scale: scale,
                                                        ignoreLabel: p.useIgnore ? p.ignoreLabel : nil,
                                                        smoothAlpha: p.smoothAlpha))
        },
        gradient: nil)

    // MARK: - Regression outputs

    /// A regression output layer: forward `transform`, gradient `scale * d(out - label)` (head gradient ignored).
    static func regressionOutput(_ name: String, transform: ((TensorRef, TensorRef) throws -> Void)?,
                                 absolute: Bool) -> Operator {
        Operator(
            name, display: name, params: RegressionOutputParams.self, inputs: { _ in ["data", "label"] },
            shape: { s, _ in
                guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
                guard !d.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
                if let l = s[1] {
                    guard !l.isEmpty, l[0] == d[0], Shape.count(l) == Shape.count(d) else {
                        throw MXNetError("input 'label' has shape \(Shape.text(l)), expected \(Shape.text(d))")
                    }
                } else {
                    s[1] = d.count == 2 && d[1] == 1 ? [d[0]] : d
                }
                return [d]
            },
            type: { t, _ in
                let d = try Rules.floatData(t)
                t[1] = d
                return [d]
            },
            forward: { c in
                if let transform { try transform(c.inputs[0], c.outputs[0]) } else { convertElements(c.inputs[0], c.outputs[0]) }
            },
            gradient: { g in
                let out = g.outputs[0], label = g.inputs[1]
                let perSample = label.shape[0] == 0 ? 1 : max(label.size / label.shape[0], 1)
                var diff = try np.subtract(out, np.reshape(label, out.shape))
                if absolute { diff = try np.sign(diff) }
                return [try np.multiply(diff, g.params.gradScale / Double(perSample)), try np.zerosLike(label)]
            })
    }

    static let linearRegressionOutput = regressionOutput("LinearRegressionOutput", transform: nil, absolute: false)
    static let logisticRegressionOutput = regressionOutput("LogisticRegressionOutput", transform: { x, o in
        try x.dispatchFloat(UnaryKernel<SigmoidF>(x: x, out: o))
    }, absolute: false)
    static let maeRegressionOutput = regressionOutput("MAERegressionOutput", transform: nil, absolute: true)

    // MARK: - SVMOutput

    static let svmOutput = Operator(
        "SVMOutput", display: "SVMOutput", params: SVMOutputParams.self, inputs: { _ in ["data", "label"] },
        shape: { s, _ in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            guard !d.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
            try Rules.fillInput(&s, 1, Array(d.dropLast()), "label")
            return [d]
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            t[1] = d
            return [d]
        },
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in
            [try Imperative.call(Ops.svmOutputBackward, [g.inputs[1], g.outputs[0]], g.params), nil]
        })

    /// `(label, out) -> d_data`.
    static let svmOutputBackward = Operator(
        "_backward_SVMOutput", display: "SVMOutput backward", params: SVMOutputParams.self,
        inputs: { _ in ["label", "out"] },
        shape: { s, _ in
            guard let d = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [d]
        },
        type: { t, _ in
            let d = try Rules.floatData([t[1]], "out")
            t = t.map { _ in d }
            return [d]
        },
        forward: { c in
            let y = c.inputs[1], p = c.params
            let classes = y.shape.last ?? 1
            let rows = classes == 0 ? 0 : y.count / classes
            guard c.inputs[0].count >= rows else {
                throw MXNetError("label has \(c.inputs[0].count) elements, expected \(rows)")
            }
            try y.dispatchFloat(SVMOutputGradKernel(out: y, label: c.inputs[0], dx: c.outputs[0], rows: rows,
                                                    classes: classes, margin: p.margin,
                                                    coefficient: p.regularizationCoefficient, linear: p.useLinear))
        },
        gradient: nil)

    // MARK: - MakeLoss, make_loss, BlockGrad, identity

    static let makeLoss = Operator(
        "MakeLoss", display: "MakeLoss", params: MakeLossParams.self, inputs: { _ in ["data"] },
        widensHalfPrecision: false, shape: Rules.sameShape, partialShape: Rules.dataShapePartial, type: Rules.sameType,
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in
            let x = g.inputs[0], p = g.params
            var divisor = 1.0
            switch p.normalization {
            case .null: break
            case .batch: divisor = Double(x.ndim <= 1 ? 1 : Shape.count(Array(x.shape.dropLast())))
            case .valid:
                let count = try np.sum(np.astype(np.greater(x, p.validThresh), .float64)).item(Double.self)
                divisor = Swift.max(1, count)
            }
            return [try np.fullLike(x, p.gradScale / divisor)]
        })

    /// `make_loss`: identity whose gradient is ones, whatever the head gradient.
    static let makeLossOnes = Operator(
        "make_loss", display: "make_loss", params: NoParams.self, inputs: { _ in ["data"] },
        widensHalfPrecision: false, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try np.onesLike(g.inputs[0])] })

    static let blockGrad = Operator(
        "BlockGrad", aliases: ["stop_gradient"], display: "stop_gradient", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try np.zerosLike(g.inputs[0])] })

    static let copy = Operator(
        "_copy", aliases: ["identity", "_np_copy", "_CrossDeviceCopy"], display: "identity", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [g.outputGradients[0]] })

    static var lossOutputs: [Operator] {
        [softmaxOutput, softmaxOutputBackward, linearRegressionOutput, logisticRegressionOutput, maeRegressionOutput,
         svmOutput, svmOutputBackward, makeLoss, makeLossOnes, blockGrad, copy]
    }
}
