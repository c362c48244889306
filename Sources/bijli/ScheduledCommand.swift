import ArgumentParser
import EnergyModel
import Foundation
import Scheduling
import Workflows

/// `bijli scheduled --config FILE`: the unattended run of docs/SCHEDULING.md. Lock → validate →
/// plan → stress sweep → what changed → report → archive, each stage logged as a JSON line.
struct ScheduledCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduled",
        abstract: "Unattended run for cron: validate, plan, stress sweep, report with what changed, archive; locked and logged.",
        discussion: """
            Exit codes: 0 succeeded; 2 bad configuration or input; 1, 3, 4, 5, 6 the base plan did not solve (as bijli run); \
            73 the report cannot be written; 74 the archive cannot be written; 75 another run holds the lock; 143 stopped by \
            SIGTERM or SIGINT. On any failure the previous report stays in place and the failure is logged and archived. \
            See docs/SCHEDULING.md.
            """)

    @Option(help: "The schedule configuration (YAML; docs/SCHEDULING.md).")
    var config: String

    @Option(help: "The date tariffs are selected for, YYYY-MM-DD (default: today, UTC); for replays and tests.")
    var runDate: String?

    @Option(help: "Wait up to SECONDS for another run to release the lock (default 0: refuse at once, exit 75).")
    var wait: Double = 0

    @Flag(help: "No progress messages on standard error (warnings still).")
    var quiet = false

    @Option(help: "Progress on standard error as text lines or as JSON lines (one object per line, docs/CLI.md).")
    var progress: ProgressFormat = .text

    func validate() throws {
        if let runDate, CalendarDate(iso: runDate) == nil { throw ValidationError("--run-date must be a date YYYY-MM-DD, found '\(runDate)'") }
        guard wait >= 0, wait.isFinite else { throw ValidationError("--wait must be 0 or more seconds") }
    }

    func run() throws {
        let schedule: ScheduleConfig
        switch Result(catching: { () throws(CaseLoadError) in try ScheduleConfig.read(URL(fileURLWithPath: config)) }) {
        case .success(let value): schedule = value
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError("\(error.issues.count) problem(s) in the configuration; nothing was run")
            throw ExitCode.badInput
        }
        let environment = ScheduledRunEnvironment(
            signals: ProcessSignals(),
            onTermination: { error in
                printError(error.description)
                // _exit, not exit: solver threads of a sweep may still run, and nothing is left to flush
                // (the log line is synced, the archive committed; the kernel drops the run lock).
                _exit(error.exitCode)
            },
            progress: Progress(quiet: quiet, format: progress),
            holdStage: ProcessInfo.processInfo.environment["BIJLI_SCHEDULED_HOLD"],
            arguments: Array(CommandLine.arguments.dropFirst()))
        let scheduled = ScheduledRun(config: schedule, configName: config, runDate: runDate.flatMap(CalendarDate.init(iso:)),
                                     waitSeconds: wait, environment: environment)
        switch Result(catching: { () throws(ScheduledRunError) in try scheduled.run() }) {
        case .success(let outcome):
            print(outcome.summary)
            if let signal = outcome.deferredSignal {
                printError("received signal \(signal) while writing; the run was completed first")
                throw ExitCode(ExitStatus.terminated)
            }
        case .failure(let error):
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}
