/// Ready-made network definitions (MXNet's `gluon.model_zoo`). Only the architectures: no pretrained weights
/// are downloaded — load them with ``Block/loadParameters(_:allowMissing:ignoreExtra:)`` from a file MXNet's
/// `save_parameters` wrote, since parameter structural names (`features.0.weight`, `output.bias` ...) are
/// MXNet's. The definitions follow MXNet 2.0's sources, which build the same layers as 1.9.1's; 1.x's
/// `collect_params()` keys are prefixed names (`resnetv10_conv0_weight`), but its `save_parameters` writes the
/// structural names used here, so 1.x and 2.0 files both load.
///
/// ```swift
/// let net = try model_zoo.vision.getModel("resnet18_v1", classes: 10)
/// try net.loadParameters("resnet18_v1.params")
/// let logits = try net(x)            // x: (N, 3, 224, 224)
/// ```
public enum model_zoo {
    /// Image classification networks (MXNet's `gluon.model_zoo.vision`): ResNet v1/v2, MobileNet v1/v2,
    /// SqueezeNet, DenseNet, VGG, AlexNet and Inception v3.
    public enum vision {}
}

extension model_zoo.vision {
    /// Every name ``getModel(_:classes:)`` knows (MXNet's `get_model` table), sorted.
    public static var modelNames: [String] { builders.keys.sorted() }

    static let builders: [String: @Sendable (Int) throws -> HybridBlock] = {
        var table: [String: @Sendable (Int) throws -> HybridBlock] = [:]
        for version in 1...2 {
            for layers in [18, 34, 50, 101, 152] {
                table["resnet\(layers)_v\(version)"] = { try getResNet(version: version, numLayers: layers, classes: $0) }
            }
        }
        for (suffix, multiplier) in [("1.0", 1.0), ("0.75", 0.75), ("0.5", 0.5), ("0.25", 0.25)] {
            table["mobilenet\(suffix)"] = { MobileNet(multiplier: multiplier, classes: $0) }
            table["mobilenetv2_\(suffix)"] = { MobileNetV2(multiplier: multiplier, classes: $0) }
        }
        table["squeezenet1.0"] = { SqueezeNet(version: .v1_0, classes: $0) }
        table["squeezenet1.1"] = { SqueezeNet(version: .v1_1, classes: $0) }
        for layers in [121, 161, 169, 201] {
            table["densenet\(layers)"] = { try getDenseNet(numLayers: layers, classes: $0) }
        }
        for layers in [11, 13, 16, 19] {
            table["vgg\(layers)"] = { try getVGG(numLayers: layers, classes: $0) }
            table["vgg\(layers)_bn"] = { try getVGG(numLayers: layers, classes: $0, batchNorm: true) }
        }
        table["alexnet"] = { AlexNet(classes: $0) }
        table["inceptionv3"] = { Inception3(classes: $0) }
        return table
    }()

    /// The network called `name` in MXNet's `model_zoo.vision.get_model` (case-insensitive), with fresh,
    /// uninitialized parameters.
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getModel("mobilenetv2_0.25", classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 224, 224]))   // (1, 10)
    /// ```
    /// - Parameters:
    ///   - name: `resnet18_v1` ... `resnet152_v2`, `mobilenet1.0` / `0.75` / `0.5` / `0.25`,
    ///     `mobilenetv2_1.0` ..., `squeezenet1.0` / `1.1`, `densenet121` / `161` / `169` / `201`,
    ///     `vgg11` ... `vgg19` and `vgg11_bn` ..., `alexnet`, `inceptionv3` (see ``modelNames``).
    ///   - classes: the number of output classes.
    /// - Throws: ``MXNetError`` listing the known names when `name` is not one of them.
    public static func getModel(_ name: String, classes: Int = 1000) throws -> HybridBlock {
        guard let build = builders[name.lowercased()] else {
            throw MXNetError("Model \(name) is not supported. Available options are " + modelNames.joined(separator: ", "))
        }
        return try build(classes)
    }
}
