import ArgumentParser
import Foundation
import LinearProgramming
import Workflows

/// `bijli lp`: linear-program files on their own.
struct LP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lp",
        abstract: "Solve or convert linear-program files (CPLEX LP, free MPS).",
        subcommands: [Solve.self, Convert.self])
}

extension LP {
    /// `bijli lp solve FILE`.
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve an LP or MPS file with GLPK and print the status, objective, sizes, iterations and time.",
            discussion: "Exit codes: 0 optimal, 1 solver error, 2 bad input, 3 infeasible, 4 unbounded, 5 limit reached, 6 infeasible or unbounded, 8 numerically unreliable, 64 usage, 73 cannot write. See docs/CLI.md.")

        @Argument(help: "The program: a .lp (CPLEX LP) or .mps (free MPS) file.")
        var file: String

        @Option(help: "simplex (= primal), primal, dual or interior.")
        var method: MethodChoice = .simplex

        @Flag(help: "Skip GLPK's LP presolver (simplex only).")
        var noPresolve = false

        @Option(help: "Stop the simplex after this many seconds (exit 5).")
        var timeLimit: Double = SolverOptions.defaultTimeLimitSeconds

        @Option(help: "Stop the simplex after this many iterations.")
        var iterationLimit: Int?

        @Option(help: "Stop when GLPK needs more than this many MiB beyond the loaded program (exit 5; default: 3/4 of the machine's memory).")
        var memoryLimit: Int?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Also print every variable's value and reduced cost and every row's activity and dual.")
        var values = false

        @Flag(help: "Also print GLPK's log (to standard error).")
        var log = false

        @Option(help: "Also write the result as a run folder under DIR/lp/<file name>/<run id>/ (never overwritten).")
        var reportDir: String?

        func validate() throws {
            if !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
            if let n = iterationLimit, n <= 0 { throw ValidationError("--iteration-limit must be a positive whole number") }
            if let n = memoryLimit, n <= 0 || Int32(exactly: n) == nil { throw ValidationError("--memory-limit must be a positive whole number of MiB") }
        }

        func run() throws {
            var options = SolverOptions(
                method: method.solverMethod, presolve: !noPresolve,
                timeLimitSeconds: timeLimit, iterationLimit: iterationLimit)
            if let memoryLimit { options.memoryLimitMegabytes = memoryLimit }
            let (program, result) = try exitOnError { () throws(LinearProgrammingError) -> (LinearProgram, SolveResult) in
                let program = try LinearProgram.read(from: file)
                return (program, try GLPKSolver(options: options).solve(program))
            }
            if log { printError(result.log) }
            let report = SolveReport(file: file, program: program, options: options, result: result, includeValues: values)
            switch format {
            case .text: print(report.text, terminator: "")
            case .json: print(String(decoding: try report.json(), as: UTF8.self))
            }
            fflush(nil)  // all C streams: the result comes before the run-folder note
            if let reportDir {
                let folder = try orExit { () throws(WorkflowError) in
                    try SolveReport.writeRunFolder(under: URL(fileURLWithPath: reportDir), file: file, program: program,
                                                   options: options, result: result)
                }
                printError("wrote \(folder.path)")
            }
            throw ExitCode(result.status)
        }
    }

    /// `bijli lp convert IN OUT`.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert between CPLEX LP and free MPS (the format follows each file's extension).",
            discussion: "See docs/LP-FILES.md for what each format keeps.")

        @Argument(help: "The input file (.lp or .mps).")
        var input: String

        @Argument(help: "The output file (.lp or .mps).")
        var output: String

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        func run() throws {
            if !force && FileManager.default.fileExists(atPath: output) {
                printError("error: \(output) exists; pass --force to replace it")
                throw ExitCode.cannotWrite
            }
            let program = try exitOnError { () throws(LinearProgrammingError) -> LinearProgram in
                let program = try LinearProgram.read(from: input)
                try program.write(to: output)
                return program
            }
            printError("wrote \(output): \(program.rowCount) rows, \(program.variableCount) variables")
        }
    }
}

/// The `--method` choices.
enum MethodChoice: String, ExpressibleByArgument, CaseIterable {
    case simplex, primal, dual, interior

    var solverMethod: SolverMethod {
        switch self {
        case .simplex, .primal: .primalSimplex
        case .dual: .dualSimplex
        case .interior: .interiorPoint
        }
    }
}

/// The `--format` choices.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
