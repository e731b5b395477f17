import ArgumentParser
import Foundation
import MXNet

/// `mxv1 zoo`: build a `model_zoo.vision` network by name, load MXNet weights into it and run it on a `.npy` input.
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "Run a gluon model_zoo.vision network (resnet18_v1, mobilenetv2_0.25, vgg16_bn, inceptionv3 ...) " +
                  "with weights saved by MXNet's save_parameters.",
        discussion: """
            Builds the network with MXNet's architecture and parameter names, loads --params (every parameter \
            must be in the file with its shape, and nothing else), runs one inference-mode forward pass on --input \
            and writes the output to --out as .npy. For example:

              mxv1 zoo resnet18_v1 --params resnet18_v1.params --input image.npy --out logits.npy --classes 10

            Exit status: 0 on success, 1 for an unknown model or files that do not fit it, 64 for bad arguments.
            """)

    @Argument(help: "A model name as MXNet's model_zoo.vision.get_model spells it.")
    var name: String

    @Option(help: ArgumentHelp("Parameters written by save_parameters (.params or .npz).", valueName: "file"))
    var params: String

    @Option(help: ArgumentHelp("The input batch as a .npy file, e.g. (1, 3, 224, 224) float32.", valueName: "file.npy"))
    var input: String

    @Option(help: ArgumentHelp("Where to write the output .npy.", valueName: "file.npy"))
    var out: String

    @Option(help: "The number of classes the network was built with.")
    var classes = 1000

    @Flag(help: "Compile the network (HybridBlock.hybridize) before running it.")
    var hybridize = false

    func run() throws {
        let net = try model_zoo.vision.getModel(name, classes: classes)
        try net.loadParameters(params)
        if hybridize { net.hybridize() }
        let x = try NPYFile.read(path: input)
        let y = try net(x)
        try y.save(npy: out)
    }
}
