import ArgumentParser
import Foundation
import MXNet

/// `mxv1`: run, inspect and benchmark MXNet models without Python.
@main
struct MXV1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mxv1",
        abstract: "Run, inspect and benchmark Apache MXNet models without Python.",
        discussion: """
            MODEL is an MXNet 1.x checkpoint: PREFIX-symbol.json and PREFIX-0000.params. For example:

              mxv1 inspect resnet18_v1 --shape data=1,3,224,224
              mxv1 run resnet18_v1 --input data=image.npy --out results
              mxv1 inspect --ops

            Errors are one line on standard error, starting with mxv1:, with exit status 1 for bad files and 64 \
            for bad arguments.
            """,
        subcommands: [RunCommand.self, InspectCommand.self, BenchCommand.self, ZooCommand.self])

    /// Like `ParsableCommand.main()`, but every failure is one line on standard error (`mxv1: ...`) and a
    /// non-zero exit status: 64 for bad arguments, 1 for bad input files or models.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version: the full text, as ArgumentParser prints it.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let text = error is MXNetError ? "\(error)" : message(for: error)
            let line = text.split(separator: "\n").first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data("mxv1: \(line)\n".utf8))
            Foundation.exit(error is MXNetError ? 1 : (code.rawValue == 0 ? 1 : min(code.rawValue, 125)))
        }
    }
}
