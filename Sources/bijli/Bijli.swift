import ArgumentParser
import LinearProgramming
import Statistics
import Workflows

/// `bijli`: Pakistan's power system as a linear program. This target only parses arguments,
/// reports progress and maps errors to exit codes (docs/CLI.md); the work happens in the libraries.
@main
struct Bijli: ParsableCommand {
    /// Bijli's own version.
    static let version = BijliVersion.current

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "bijli",
            abstract: "Energy-security model and optimiser for Pakistan's power system.",
            version: versionText,
            subcommands: [Run.self, Validate.self, Forecast.self, Profiles.self, BackcastCommand.self, StressCommand.self, SensitivityCommand.self, RobustCommand.self, MonteCarloCommand.self, MergeCommand.self, SlurmCommand.self, ScheduledCommand.self, HistoryCommand.self, Report.self, Table.self, WorkbookCommand.self, Compare.self, LP.self, ImportPyPSA.self, ExportPyPSA.self])
    }

    /// The text of `bijli --version`: Bijli, GLPK and LAPACK versions, one per line.
    static var versionText: String {
        """
        bijli \(version)
        GLPK \(GLPKLibrary.version)
        LAPACK \(LAPACKVersion.current)
        """
    }
}
