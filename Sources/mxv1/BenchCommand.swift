import ArgumentParser

/// `mxv1 bench ...`: benchmarks (build with `-c release`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure speed (use a release build).",
        subcommands: [BenchCoreCommand.self, BenchModelCommand.self, BenchTrainCommand.self])
}
