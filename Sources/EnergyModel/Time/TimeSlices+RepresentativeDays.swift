extension TimeSlices {
    /// Chooses `count` representative days by month-stratified k-medoids and measures their error.
    ///
    /// - Each month gets `count / 12` days, chosen among that month's days by PAM k-medoids (greedy
    ///   BUILD, then best-improvement SWAP) on Euclidean distances between daily feature vectors.
    /// - A day's feature vector is the 24 hourly values of every series (names sorted), each series
    ///   divided by its largest absolute hourly value of the year, so MW and fractions weigh alike.
    /// - A month shorter than its share (February at 360 days) keeps all its days with weight 1;
    ///   the unused share is not moved to other months, so fewer than `count` days may be returned.
    /// - Every day of the month is assigned to its nearest chosen day; a chosen day's `weight` is the
    ///   number of days assigned to it, so the weights of a month sum to its days and the weights of
    ///   all steps to 8760.
    /// - Each chosen day is a cyclic storage block of 24 steps (`hour` = real hour of the year);
    ///   blocks are ordered by month, then day of year.
    /// - Deterministic: `seed` seeds a SplitMix64 stream that gives every day a tie-break key; it
    ///   only decides between days (or swaps) whose costs are equal within 1e-12 relative.
    ///
    /// - Parameters:
    ///   - count: days to choose, a positive multiple of 12 not above 365.
    ///   - series: hourly series (8760 finite values each) by name: demand per region, availability profiles.
    ///   - seed: tie-break seed, recorded in the resolution and the report.
    /// - Returns: the slices (`resolution == .representativeDays(count:seed:)`) and their error report.
    public static func representativeDays(
        count: Int, series: [String: [Double]], seed: UInt64 = 0
    ) throws(TimeAggregationError) -> (TimeSlices, AggregationReport) {
        let names = try RepresentativeDays.validate(count: count, series: series)
        let features = RepresentativeDays.dailyFeatures(series: series, names: names)
        let keys = RepresentativeDays.tieBreakKeys(seed: seed)
        let perMonth = count / 12

        var chosen: [AggregationReport.ChosenDay] = []
        var firstDay = 0
        for (monthIndex, days) in daysPerMonth.enumerated() {
            let monthDays = Array(firstDay..<(firstDay + days))
            let medoids = RepresentativeDays.kMedoids(
                days: monthDays, k: min(perMonth, days), features: features, keys: keys)
            for (day, weight) in medoids {
                chosen.append(AggregationReport.ChosenDay(dayIndex: day, month: monthIndex + 1, weight: weight))
            }
            firstDay += days
        }

        var steps: [TimeStep] = []
        var blocks: [Range<Int>] = []
        steps.reserveCapacity(chosen.count * 24)
        for day in chosen {
            let start = steps.count
            for hour in 0..<24 {
                steps.append(TimeStep(hour: day.dayIndex * 24 + hour, weight: Double(day.weight), month: day.month))
            }
            blocks.append(start..<steps.count)
        }
        let slices = TimeSlices(steps: steps, blocks: blocks, resolution: .representativeDays(count: count, seed: seed))
        let report = AggregationReport.measure(slices, series: series, requestedCount: count, seed: seed, days: chosen)
        return (slices, report)
    }
}

/// The pieces of the representative-day choice, kept apart for testing.
enum RepresentativeDays {
    /// Days in the modelled year.
    static let daysPerYear = 365

    /// Checks the count and the series; returns the series names sorted.
    static func validate(count: Int, series: [String: [Double]]) throws(TimeAggregationError) -> [String] {
        guard !series.isEmpty else { throw .noSeries }
        guard count > 0, count % 12 == 0 else { throw .countNotPositiveMultipleOfTwelve(count) }
        guard count <= daysPerYear else { throw .countExceedsDaysInYear(count) }
        let names = series.keys.sorted()
        for name in names {
            let values = series[name]!
            guard values.count == EnergySystem.hoursPerYear else {
                throw .wrongSeriesLength(series: name, count: values.count)
            }
            if let hour = values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(series: name, hour: hour)
            }
        }
        return names
    }

    /// One feature vector per day: 24 values of every series (in `names` order), each series
    /// divided by its largest absolute value (left as is when that is zero).
    static func dailyFeatures(series: [String: [Double]], names: [String]) -> [[Double]] {
        var features = Array(repeating: [Double](), count: daysPerYear)
        for name in names {
            let values = series[name]!
            let largest = values.reduce(0.0) { max($0, abs($1)) }
            let scale: Double = largest > 0 ? 1.0 / largest : 1.0
            for day in 0..<daysPerYear {
                for hour in 0..<24 {
                    features[day].append(values[day * 24 + hour] * scale)
                }
            }
        }
        return features
    }

    /// One SplitMix64 value per day of the year from `seed`, used to break ties deterministically.
    static func tieBreakKeys(seed: UInt64) -> [UInt64] {
        var generator = SplitMix64(state: seed)
        return (0..<daysPerYear).map { _ in generator.next() }
    }

    /// PAM k-medoids over `days`; returns the medoids in day order with the number of days each represents.
    ///
    /// BUILD adds, k times, the day that most lowers the total distance of all days to their nearest
    /// medoid; SWAP then applies the best improving (medoid, non-medoid) exchange until none improves
    /// by more than the tolerance. Equal costs go to the candidate with the smaller tie-break key.
    static func kMedoids(days: [Int], k: Int, features: [[Double]], keys: [UInt64]) -> [(day: Int, weight: Int)] {
        let n = days.count
        if k >= n { return days.map { (day: $0, weight: 1) } }

        var distance = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let d = euclidean(features[days[i]], features[days[j]])
                distance[i][j] = d
                distance[j][i] = d
            }
        }
        let key = days.map { keys[$0] }

        // Total distance of every day to its nearest medoid.
        func cost(_ medoids: [Int]) -> Double {
            var total = 0.0
            for i in 0..<n {
                var nearest = Double.infinity
                for m in medoids { nearest = min(nearest, distance[i][m]) }
                total += nearest
            }
            return total
        }
        func tolerance(_ value: Double) -> Double { 1e-12 * max(1.0, abs(value)) }
        // `candidate` beats `best` if clearly lower, or equal within tolerance with a smaller key.
        func beats(_ candidate: Double, _ candidateKey: (UInt64, UInt64), _ best: Double, _ bestKey: (UInt64, UInt64)) -> Bool {
            if candidate < best - tolerance(best) { return true }
            if candidate > best + tolerance(best) { return false }
            return candidateKey < bestKey
        }

        // BUILD.
        var medoids: [Int] = []
        for _ in 0..<k {
            var bestIndex = -1
            var bestCost = Double.infinity
            for c in 0..<n where !medoids.contains(c) {
                let trial = cost(medoids + [c])
                if bestIndex < 0 || beats(trial, (key[c], 0), bestCost, (key[bestIndex], 0)) {
                    bestIndex = c
                    bestCost = trial
                }
            }
            medoids.append(bestIndex)
        }

        // SWAP: every accepted swap lowers the cost by more than the tolerance, so this ends;
        // the iteration cap is a guard only.
        var current = cost(medoids)
        for _ in 0..<(100 * n) {
            var best: (position: Int, candidate: Int, cost: Double)? = nil
            for position in medoids.indices {
                for o in 0..<n where !medoids.contains(o) {
                    var trialMedoids = medoids
                    trialMedoids[position] = o
                    let trial = cost(trialMedoids)
                    guard trial < current - tolerance(current) else { continue }
                    if let incumbent = best {
                        if beats(trial, (key[o], key[medoids[position]]), incumbent.cost,
                                 (key[incumbent.candidate], key[medoids[incumbent.position]])) {
                            best = (position, o, trial)
                        }
                    } else {
                        best = (position, o, trial)
                    }
                }
            }
            guard let swap = best else { break }
            medoids[swap.position] = swap.candidate
            current = swap.cost
        }

        // Assignment: a medoid represents itself; any other day its nearest medoid (ties: smaller key).
        var weight = Array(repeating: 0, count: n)
        for i in 0..<n {
            if medoids.contains(i) {
                weight[i] += 1
                continue
            }
            var nearest = medoids[0]
            for m in medoids.dropFirst() {
                let d = distance[i][m]
                let e = distance[i][nearest]
                if d < e - tolerance(e) || (d <= e + tolerance(e) && key[m] < key[nearest]) { nearest = m }
            }
            weight[nearest] += 1
        }
        return medoids.sorted().map { (day: days[$0], weight: weight[$0]) }
    }

    /// Euclidean distance between two vectors of equal length.
    static func euclidean(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices {
            let difference = a[index] - b[index]
            sum += difference * difference
        }
        return sum.squareRoot()
    }

    /// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit state advanced by the golden-ratio
    /// increment and mixed by two xor-shift-multiply rounds; wrapping integer arithmetic, so it is
    /// reproducible on every platform. The same generator as `Statistics.SplitMix64`, written
    /// inline because EnergyModel does not depend on Statistics.
    struct SplitMix64 {
        /// The generator state.
        var state: UInt64

        /// The next 64-bit value.
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

extension EnergySystem {
    /// The series representative days are chosen on: every availability profile, and each
    /// region's hourly demand of `year` as `demand.<region>` (none when `year` is nil or not a
    /// period with demand).
    public func representativeDaySeries(year: Int?) -> [String: [Double]] {
        var series = profiles
        for demand in demand where demand.year == year { series["demand.\(demand.region)"] = demand.hourlyMW }
        return series
    }
}
