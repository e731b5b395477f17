import ArgumentParser
import MXNet

/// `mxv1`: run, inspect and benchmark MXNet models from Swift.
@main
struct MXV1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mxv1",
        abstract: "Run, inspect and benchmark Apache MXNet models without Python.",
        subcommands: [BenchCommand.self])
}
